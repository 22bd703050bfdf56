import { describe, expect, it } from 'vitest';
import type { Media } from '../../db/schema.js';
import { ImageRefusal } from './media.images.js';
import { figureCode, mediaCopies, previewFile, publicFileFor, refusalMessage } from './media.service.js';

const workspaceId = '6c1f0a34-5b8e-4f5e-9a53-0c2f5d1b7e11';

function media(overrides: Partial<Media>): Media {
  return {
    id: 'a3a0c8f2-3c1e-4f7a-8a57-3c0c1c5a9d10',
    workspace_id: workspaceId,
    name: 'ecole',
    storage_key: `${workspaceId}/ecole-a1b2c3d4.jpg`,
    mime_type: 'image/jpeg',
    width: 1200,
    height: 800,
    byte_size: 123_456,
    alt_text: 'Une école',
    caption: '',
    credit: '',
    licence: '',
    created_at: new Date(),
    updated_at: new Date(),
    deleted_at: null,
    deleted_by: null,
    version: 1,
    deletion_id: null,
    ...overrides,
  };
}

describe('figureCode', () => {
  it('is the line a page body holds to place the image', () => {
    expect(figureCode('ecole')).toBe('{{figure:ecole}}');
  });
});

describe('the files of an image', () => {
  it('lists the copies narrower than the image', () => {
    expect(mediaCopies(media({})).map((copy) => [copy.width, copy.fileName])).toEqual([
      [480, 'ecole-a1b2c3d4-480.webp'],
      [960, 'ecole-a1b2c3d4-960.webp'],
    ]);
    expect(mediaCopies(media({ width: 400 }))).toEqual([]);
  });

  it('has no copies for an SVG, whatever its size', () => {
    const svg = media({ mime_type: 'image/svg+xml', storage_key: `${workspaceId}/dessin.svg`, width: 960 });
    expect(mediaCopies(svg)).toEqual([]);
    expect(previewFile(svg)).toEqual({ key: `${workspaceId}/dessin.svg`, mimeType: 'image/svg+xml' });
  });

  it('previews with the narrowest copy, or the original', () => {
    expect(previewFile(media({}))).toEqual({
      key: `${workspaceId}/ecole-a1b2c3d4-480.webp`,
      mimeType: 'image/webp',
    });
    expect(previewFile(media({ width: 300 }))).toEqual({
      key: `${workspaceId}/ecole-a1b2c3d4.jpg`,
      mimeType: 'image/jpeg',
    });
  });

  it('serves a copy only under its own file name, the original otherwise', () => {
    const image = media({});
    expect(publicFileFor(image, 'ecole-a1b2c3d4-960.webp').key).toBe(
      `${workspaceId}/ecole-a1b2c3d4-960.webp`,
    );
    expect(publicFileFor(image, 'ecole-a1b2c3d4.jpg').key).toBe(image.storage_key);
    // A copy the image does not have, or a name that tries to climb out: the original.
    expect(publicFileFor(image, 'ecole-a1b2c3d4-1600.webp').key).toBe(image.storage_key);
    expect(publicFileFor(image, '../../etc/passwd').key).toBe(image.storage_key);
  });
});

describe('refusalMessage', () => {
  it('says in French what is wrong with the file', () => {
    expect(refusalMessage(new ImageRefusal('notAccepted'))).toBe(
      'Le fichier doit être une image JPEG, PNG, WebP ou GIF',
    );
    expect(refusalMessage(new ImageRefusal('heic'))).toMatch(
      /^Les photos HEIC \(iPhone\) ne sont pas acceptées/,
    );
    expect(refusalMessage(new ImageRefusal('heic'))).toContain('JPEG');
    expect(refusalMessage(new ImageRefusal('tooManyPixels', 48.25))).toBe(
      'L’image compte 48,3 mégapixels\u202f: réduisez-la à 40\u00a0mégapixels au plus',
    );
  });
});
