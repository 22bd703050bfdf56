import type { Db } from '../../db/database.js';
import type { Media } from '../../db/schema.js';
import { darkerShade, normaliseHex } from '../../platform/colour.js';
import type { FileStorage } from '../../platform/storage.js';
import { findIdentityUsesOfMedia } from './site-settings.repo.js';

/**
 * The authority's identity on its public site: the colour stylesheet and the icons made from the
 * logo. The settings screen chooses them (site-settings.service); the public routes serve them
 * (site-identity.routes). No function here reads a request.
 */

export type IdentityRole = 'logo' | 'banner';

/** What the site's identity makes of this image: its logo, its home-page banner, or nothing. */
export async function identityRolesOfMedia(
  db: Db,
  workspaceId: string,
  mediaId: string,
): Promise<IdentityRole[]> {
  const uses = await findIdentityUsesOfMedia(db, workspaceId, mediaId);
  return (['logo', 'banner'] as const).filter((role) => uses[role]);
}

/**
 * The workspace's colours as custom properties over site.css's own (the policy allows no inline
 * style): the main colour and a darker shade for hover states, both readable under white text.
 */
export function colourStylesheet(mainColour: string): string {
  const hex = normaliseHex(mainColour);
  if (!hex) return '';
  return `:root {\n  --brand: ${hex};\n  --brand-dark: ${darkerShade(hex)};\n}\n`;
}

export const ICON_SIZES = { favicon: 32, touchIcon: 180 } as const;
export type IconKind = keyof typeof ICON_SIZES;

/** Icons made, by file and kind: a logo's file never changes under its key, so neither do they. */
const icons = new Map<string, Promise<Buffer | null>>();
const MAX_ICONS = 200;

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function drawIcon(storage: FileStorage, logo: Media, kind: IconKind): Promise<Buffer> {
  const size = ICON_SIZES[kind];
  const content = await readAll(storage.read(logo.storage_key));
  // Loaded on first use, like media.images: a start does not pay for sharp.
  const sharp = (await import('sharp')).default;
  // The whole logo in the square, never cropped. A tab shows the page behind a transparent icon;
  // a phone's home screen puts black behind one, so the touch icon sits on white.
  const image = sharp(content, { limitInputPixels: 40_000_000 }).resize(size, size, {
    fit: 'contain',
    background: kind === 'favicon' ? { r: 255, g: 255, b: 255, alpha: 0 } : '#ffffff',
  });
  return (kind === 'favicon' ? image : image.flatten({ background: '#ffffff' })).png().toBuffer();
}

/**
 * The PNG icon of this kind made from the logo, kept in memory once made; null when the file is
 * missing or cannot be read as an image (the caller then serves the default icon or nothing).
 */
export function logoIcon(storage: FileStorage, logo: Media, kind: IconKind): Promise<Buffer | null> {
  const key = `${logo.storage_key}:${kind}`;
  let icon = icons.get(key);
  if (!icon) {
    icon = drawIcon(storage, logo, kind).catch(() => {
      // Not kept: a file put back later is read again.
      icons.delete(key);
      return null;
    });
    if (icons.size >= MAX_ICONS) icons.delete(icons.keys().next().value as string);
    icons.set(key, icon);
  }
  return icon;
}
