import { randomBytes } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { changeSides, parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { type FilePart, multipart } from '../../../test/helpers/multipart.js';
import { csrfFrom, postForm, signInAs } from '../../../test/helpers/session.js';
import type { Media, Role, User, Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../db/seeds/demo.js';
import type { Actor } from '../../platform/auth/actor.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';
import { allFileKeys, derivativeKey } from './media.images.js';
import { purgeMedia, removeMediaFiles, restoreMediaDeletion } from './media.service.js';

const text = messages.media;

function demo(role: Role) {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!;
}

let t: TestApp;
let workspace: Workspace;
const cookies = {} as Record<'admin' | 'editor' | 'contributor' | 'reader' | 'second', string>;

beforeAll(async () => {
  t = await createTestApp();
  workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  for (const role of ['admin', 'editor', 'contributor', 'reader'] as const) {
    cookies[role] = await signInAs(t.app, demo(role).email, demo(role).password);
  }
  cookies.second = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, {
    host: DEMO_SECOND.hostName,
  });
});
afterAll(async () => {
  await t?.close();
});

function unique(): string {
  return randomBytes(4).toString('hex');
}

function picture(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 110, b: 160 } } });
}

/** A photo as a phone makes it: EXIF with the camera, the GPS position, and an orientation. */
async function phonePhoto(width = 1200, height = 800): Promise<Buffer> {
  return picture(width, height)
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: 'Téléphone', Model: 'Modèle 12' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '44/1 45/1 17/1', GPSMapDatum: 'WGS-84' },
      },
    })
    .toBuffer();
}

async function upload(
  who: keyof typeof cookies,
  fields: Record<string, string>,
  file: FilePart | null,
  options: { token?: string } = {},
): Promise<LightMyRequestResponse> {
  const cookie = cookies[who];
  const token = options.token ?? (await csrfFrom(t.app, '/gestion/images/nouvelle', cookie));
  const body = multipart({ _csrf: token, ...fields }, file);
  return t.app.inject({
    method: 'POST',
    url: '/gestion/images',
    headers: { cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function findMediaByName(name: string): Promise<Media | undefined> {
  return t.database.db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspace.id)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Uploads a JPEG as the editor and returns its record. */
async function uploadedImage(width = 1200, height = 800): Promise<Media> {
  const name = `image-${unique()}`;
  const response = await upload(
    'editor',
    { name, alt_text: `Une image de test ${name}` },
    { fileName: 'photo.jpg', content: await picture(width, height).jpeg().toBuffer() },
  );
  expect(response.statusCode).toBe(303);
  return (await findMediaByName(name))!;
}

function storedPath(key: string): string {
  return path.join(t.config.dataDir, 'media', key);
}

async function exists(key: string): Promise<boolean> {
  return access(storedPath(key)).then(
    () => true,
    () => false,
  );
}

function get(url: string, who: keyof typeof cookies, host?: string) {
  return t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: cookies[who], ...(host ? { host } : {}) },
  });
}

/** Posts a form; an edit form (an image's, a page's) goes with the version it shows, as a browser sends it. */
async function post(url: string, who: keyof typeof cookies, fields: Record<string, string>, host?: string) {
  const cookie = cookies[who];
  const token = await csrfFrom(t.app, '/gestion', cookie, host ? { host } : {});
  let sent = fields;
  if (/^\/gestion\/(images|pages)\/[0-9a-f-]{36}$/.test(url) && !('version' in fields)) {
    const form = await t.app.inject({ method: 'GET', url, headers: { cookie, ...(host ? { host } : {}) } });
    const version = parseHtml(form.body).querySelector('input[name="version"]')?.getAttribute('value');
    if (version) sent = { ...fields, version };
  }
  return postForm(t.app, url, { token, cookie }, sent, host ? { host } : {});
}

function fieldError(html: string, id: string): string {
  return textOf(parseHtml(html).querySelector(`#${id}-error`));
}

function summaryLinks(html: string): string[] {
  return [...parseHtml(html).querySelectorAll('.error-summary a')].map((link) => link.getAttribute('href')!);
}

async function actorFor(role: Role): Promise<Actor> {
  const user = (await t.database.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', demo(role).email)
    .executeTakeFirstOrThrow()) as User;
  return { workspace, user, role };
}

describe('uploading', () => {
  it('strips EXIF and GPS from a JPEG, keeps it upright, and makes the WebP copies', async () => {
    const source = await phonePhoto(1800, 1200);
    expect((await sharp(source).metadata()).exif).toBeDefined();
    expect(source.includes(Buffer.from('WGS-84'))).toBe(true);

    const response = await upload(
      'editor',
      { alt_text: 'Des élèves dans la cour de l’école', caption: 'Visite de l’école', credit: 'Mairie' },
      { fileName: 'IMG_2034.JPG', content: source, contentType: 'image/jpeg' },
    );
    expect(response.statusCode).toBe(303);
    const media = (await findMediaByName('img-2034'))!;
    expect(response.headers.location).toBe(`/gestion/images/${media.id}`);
    expect(media).toMatchObject({
      mime_type: 'image/jpeg',
      alt_text: 'Des élèves dans la cour de l’école',
      caption: 'Visite de l’école',
      credit: 'Mairie',
      // Orientation 6: the 1800 × 1200 pixels are shown 1200 wide and 1800 high.
      width: 1200,
      height: 1800,
    });
    expect(media.storage_key).toMatch(new RegExp(`^${workspace.id}/img-2034-[0-9a-f]{8}\\.jpg$`));

    const stored = await readFile(storedPath(media.storage_key));
    expect(media.byte_size).toBe(stored.length);
    const metadata = await sharp(stored).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([1200, 1800]);
    expect(stored.includes(Buffer.from('WGS-84'))).toBe(false);
    expect(stored.includes(Buffer.from('Modèle 12'))).toBe(false);

    // Copies at 480 and 960 pixels wide; none at 1600, wider than the image.
    for (const width of [480, 960]) {
      const copy = await sharp(
        await readFile(storedPath(derivativeKey(media.storage_key, width))),
      ).metadata();
      expect(copy).toMatchObject({ format: 'webp', width, height: width * 1.5 });
      expect(copy.exif).toBeUndefined();
    }
    expect(await exists(derivativeKey(media.storage_key, 1600))).toBe(false);

    // The public site serves the stored file, not the upload.
    const file = await t.app.inject({ method: 'GET', url: `/medias/${media.id}/photo.jpg` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.rawPayload.equals(stored)).toBe(true);
  });

  it('makes all three copies of a wide image', async () => {
    const media = await uploadedImage(2000, 1000);
    for (const width of [480, 960, 1600]) {
      const copy = await sharp(
        await readFile(storedPath(derivativeKey(media.storage_key, width))),
      ).metadata();
      expect([copy.format, copy.width, copy.height]).toEqual(['webp', width, width / 2]);
    }
  });

  it('accepts a PNG and keeps it a PNG, transparency included', async () => {
    const png = await sharp({
      create: { width: 600, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const response = await upload(
      'editor',
      { name: `carte-${unique()}`, alt_text: 'Carte du territoire' },
      { fileName: 'carte.png', content: png, contentType: 'image/png' },
    );
    expect(response.statusCode).toBe(303);
    const id = response.headers.location!.split('/').pop()!;
    const media = await t.database.db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(media).toMatchObject({ mime_type: 'image/png', width: 600, height: 400 });
    const metadata = await sharp(await readFile(storedPath(media.storage_key))).metadata();
    expect([metadata.format, metadata.hasAlpha]).toEqual(['png', true]);
  });

  it('accepts a WebP', async () => {
    const response = await upload(
      'editor',
      { alt_text: 'Un paysage' },
      { fileName: `paysage-${unique()}.webp`, content: await picture(500, 300).webp().toBuffer() },
    );
    expect(response.statusCode).toBe(303);
  });

  it('accepts a GIF, kept a GIF, served as one', async () => {
    const name = `anime-${unique()}`;
    const response = await upload(
      'editor',
      { name, alt_text: 'Une animation' },
      { fileName: 'anime.gif', content: await picture(500, 300).gif().toBuffer() },
    );
    expect(response.statusCode).toBe(303);
    const media = (await findMediaByName(name))!;
    expect(media.mime_type).toBe('image/gif');
    expect(media.storage_key).toMatch(/\.gif$/);
  });

  it('refuses an iPhone HEIC photo, saying how to send a JPEG', async () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
    ]);
    const response = await upload(
      'editor',
      { alt_text: 'Une photo de téléphone' },
      { fileName: 'IMG_0042.HEIC', content: heic, contentType: 'image/heic' },
    );
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'file')).toContain(plainText(text.errors.fileHeic));
  });

  it('refuses an SVG with a message beside the file field, and keeps what was typed', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    const response = await upload(
      'editor',
      { alt_text: 'Un dessin', caption: 'Ma légende', credit: 'Moi' },
      { fileName: 'dessin.svg', content: svg, contentType: 'image/svg+xml' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(fieldError(response.body, 'file')).toContain(plainText(text.errors.fileNotAccepted));
    expect(summaryLinks(response.body)).toEqual(['#file']);
    const page = parseHtml(response.body);
    expect(page.querySelector('title')?.textContent).toContain(messages.form.errorPrefix);
    expect(page.querySelector<HTMLTextAreaElement>('#alt_text')?.textContent).toBe('Un dessin');
    expect(page.querySelector('#caption')?.getAttribute('value')).toBe('Ma légende');
    expect(page.querySelector('#credit')?.getAttribute('value')).toBe('Moi');
    expect(textOf(page.querySelector('#file-hint'))).toContain(plainText(text.fields.fileAgain));
    expect(await findMediaByName('dessin')).toBeUndefined();
  });

  it('refuses a text file renamed .jpg, whatever the browser says of it', async () => {
    const response = await upload(
      'editor',
      { alt_text: 'Une photo' },
      { fileName: 'photo.jpg', content: Buffer.from('Ceci n’est pas une image.'), contentType: 'image/jpeg' },
    );
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'file')).toContain(plainText(text.errors.fileNotAccepted));
  });

  it('asks for the file when none is chosen', async () => {
    const response = await upload(
      'editor',
      { alt_text: 'Une photo' },
      { fileName: '', content: Buffer.alloc(0) },
    );
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'file')).toContain(plainText(text.errors.fileRequired));
  });

  it('refuses an image without alternative text, with the message beside that field', async () => {
    const name = `sans-alternative-${unique()}`;
    const response = await upload(
      'editor',
      { name, alt_text: '   ', caption: 'Une légende gardée' },
      { fileName: 'photo.jpg', content: await picture(100, 100).jpeg().toBuffer() },
    );
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'alt_text')).toContain(plainText(text.errors.altTextRequired));
    expect(fieldError(response.body, 'file')).toBe('');
    expect(summaryLinks(response.body)).toEqual(['#alt_text']);
    const page = parseHtml(response.body);
    expect(page.querySelector('#name')?.getAttribute('value')).toBe(name);
    expect(page.querySelector('#caption')?.getAttribute('value')).toBe('Une légende gardée');
    expect(await findMediaByName(name)).toBeUndefined();
  });

  it('refuses an alternative text over 250 characters', async () => {
    const response = await upload(
      'editor',
      { alt_text: 'a'.repeat(251) },
      { fileName: 'photo.jpg', content: await picture(100, 100).jpeg().toBuffer() },
    );
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'alt_text')).toContain(plainText(text.errors.altTextTooLong(250)));
  });

  it('shows the file and the text messages together', async () => {
    const response = await upload(
      'editor',
      { alt_text: '' },
      { fileName: 'notes.jpg', content: Buffer.from('texte'), contentType: 'image/jpeg' },
    );
    expect(response.statusCode).toBe(400);
    expect(summaryLinks(response.body)).toEqual(['#file', '#alt_text']);
  });

  it('refuses a file over 10 MB with the French form, the message beside the file field', async () => {
    const big = Buffer.concat([await picture(100, 100).jpeg().toBuffer(), randomBytes(10 * 1024 * 1024 + 1)]);
    const response = await upload(
      'editor',
      { alt_text: 'Une très grande image', caption: 'Trop lourde' },
      { fileName: 'grande.jpg', content: big, contentType: 'image/jpeg' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(fieldError(response.body, 'file')).toContain(plainText(text.errors.fileTooLarge(10)));
    expect(summaryLinks(response.body)).toEqual(['#file']);
    expect(parseHtml(response.body).querySelector('#caption')?.getAttribute('value')).toBe('Trop lourde');
    expect(await findMediaByName('grande')).toBeUndefined();
  });

  it('refuses an image over 40 megapixels', async () => {
    const response = await upload(
      'editor',
      { alt_text: 'Une immense image' },
      { fileName: 'immense.png', content: await picture(8000, 5200).png({ compressionLevel: 1 }).toBuffer() },
    );
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'file')).toContain(plainText(text.errors.fileTooManyPixels('41,6', 40)));
  });

  it('refuses a multipart post without a valid CSRF token', async () => {
    const content = await picture(100, 100).jpeg().toBuffer();
    const name = `sans-jeton-${unique()}`;
    for (const token of ['', 'not-the-token']) {
      const response = await upload(
        'editor',
        { name, alt_text: 'Photo' },
        { fileName: 'a.jpg', content },
        { token },
      );
      expect(response.statusCode).toBe(403);
      expect(textOf(parseHtml(response.body).querySelector('h1'))).toBe(plainText(messages.errors.csrfTitle));
    }
    expect(await findMediaByName(name)).toBeUndefined();
  });

  it('refuses multipart posts on other routes', async () => {
    const body = multipart({ _csrf: 'x', alt_text: 'Photo' }, null);
    const response = await t.app.inject({
      method: 'POST',
      url: '/gestion/pages',
      headers: { cookie: cookies.editor, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('names', () => {
  it('makes a free name from the file name when none is typed', async () => {
    const base = `vue-${unique()}`;
    const content = await picture(50, 50).jpeg().toBuffer();
    for (let i = 0; i < 2; i++) {
      const response = await upload('editor', { alt_text: 'Vue' }, { fileName: `${base}.jpg`, content });
      expect(response.statusCode).toBe(303);
    }
    expect(await findMediaByName(base)).toBeDefined();
    expect(await findMediaByName(`${base}-2`)).toBeDefined();
  });

  it('refuses a typed name that another image holds, or that is not a slug', async () => {
    const content = await picture(50, 50).jpeg().toBuffer();
    const taken = await upload(
      'editor',
      { name: DEMO.figureName, alt_text: 'Vue' },
      { fileName: 'a.jpg', content },
    );
    expect(taken.statusCode).toBe(400);
    expect(fieldError(taken.body, 'name')).toContain(plainText(text.errors.nameTaken));

    const invalid = await upload(
      'editor',
      { name: 'Mon image !', alt_text: 'Vue' },
      { fileName: 'a.jpg', content },
    );
    expect(invalid.statusCode).toBe(400);
    expect(fieldError(invalid.body, 'name')).toContain(plainText(text.errors.nameInvalid));
  });
});

describe('the list and the forms', () => {
  it('lists each image with its preview, alternative text, name and code', async () => {
    const media = await uploadedImage(1000, 600);
    const response = await get('/gestion/images', 'reader');
    expect(response.statusCode).toBe(200);
    const row = [...parseHtml(response.body).querySelectorAll('tbody tr')].find((tr) =>
      textOf(tr).includes(media.name),
    )!;
    expect(row.querySelector('img')?.getAttribute('src')).toBe(`/gestion/images/${media.id}/apercu`);
    expect(row.querySelector('a')?.getAttribute('href')).toBe(`/gestion/images/${media.id}`);
    expect(textOf(row)).toContain(media.alt_text);
    expect(textOf(row.querySelector('code'))).toBe(`{{figure:${media.name}}}`);
    // A reader sees no upload link.
    expect(response.body).not.toContain('/gestion/images/nouvelle');

    const preview = await get(`/gestion/images/${media.id}/apercu`, 'reader');
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/webp');
    expect((await sharp(preview.rawPayload).metadata()).width).toBe(480);
  });

  it('shows the demo SVG as it is (it has no copies)', async () => {
    const media = (await findMediaByName(DEMO.figureName))!;
    const preview = await get(`/gestion/images/${media.id}/apercu`, 'reader');
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/svg+xml');
  });

  it('says so when a workspace has no image', async () => {
    const response = await get('/gestion/images', 'second', DEMO_SECOND.hostName);
    expect(response.statusCode).toBe(200);
    expect(textOf(parseHtml(response.body).querySelector('main'))).toContain(plainText(text.emptyCanCreate));
  });

  it('shows a reader the image without a form', async () => {
    const media = await uploadedImage(600, 400);
    const response = await get(`/gestion/images/${media.id}`, 'reader');
    expect(response.statusCode).toBe(200);
    const page = parseHtml(response.body);
    expect(page.querySelector('form.form')).toBeNull();
    expect(textOf(page.querySelector('main'))).toContain(plainText(text.readOnly));
    expect(textOf(page.querySelector('main'))).toContain(media.alt_text);
  });
});

describe('editing', () => {
  it('changes the alternative text, and the history shows it with its author', async () => {
    const media = await uploadedImage(600, 400);
    const response = await post(`/gestion/images/${media.id}`, 'editor', {
      name: media.name,
      alt_text: 'Le texte alternatif corrigé',
      caption: 'Nouvelle légende',
      credit: '',
      licence: 'Licence Ouverte 2.0',
    });
    expect(response.statusCode).toBe(303);
    const after = (await findMediaByName(media.name))!;
    expect(after).toMatchObject({ alt_text: 'Le texte alternatif corrigé', licence: 'Licence Ouverte 2.0' });

    const history = await get(`/gestion/images/${media.id}/historique`, 'reader');
    expect(history.statusCode).toBe(200);
    const rowElements = [...parseHtml(history.body).querySelectorAll('tbody tr')];
    const rows = rowElements.map((row) => textOf(row));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(demo('editor').name);
    expect(rows[0]).toContain(messages.history.actions.update!);
    const altText = [...rowElements[0]!.querySelectorAll('dt')].find(
      (dt) => textOf(dt) === messages.history.fields.alt_text,
    );
    expect(changeSides(altText?.nextElementSibling)).toEqual({
      before: media.alt_text,
      after: 'Le texte alternatif corrigé',
    });
    expect(rows[1]).toContain(messages.history.actions.create!);
  });

  it('lets a contributor upload and edit', async () => {
    const name = `contribution-${unique()}`;
    const response = await upload(
      'contributor',
      { name, alt_text: 'Photo d’un contributeur' },
      { fileName: 'c.jpg', content: await picture(300, 200).jpeg().toBuffer() },
    );
    expect(response.statusCode).toBe(303);
    const media = (await findMediaByName(name))!;
    const edit = await post(`/gestion/images/${media.id}`, 'contributor', { name, alt_text: 'Texte revu' });
    expect(edit.statusCode).toBe(303);
    expect((await findMediaByName(name))!.alt_text).toBe('Texte revu');
  });

  it('refuses a contributor a change to an image a published page shows (403), and shows it read-only', async () => {
    const figure = (await findMediaByName(DEMO.figureName))!;
    const form = await get(`/gestion/images/${figure.id}`, 'contributor');
    expect(form.statusCode).toBe(200);
    const page = parseHtml(form.body);
    expect(page.querySelector('form.form')).toBeNull();
    expect(textOf(page.querySelector('.notice'))).toBe(plainText(text.contributorPublished));
    expect(textOf(page.querySelector('main'))).toContain(figure.alt_text);

    const caption = `Légende d’un contributeur ${unique()}`;
    const response = await post(`/gestion/images/${figure.id}`, 'contributor', {
      name: figure.name,
      alt_text: 'Texte alternatif d’un contributeur',
      caption,
    });
    expect(response.statusCode).toBe(403);
    expect(textOf(parseHtml(response.body).querySelector('main'))).toContain(
      plainText(text.contributorPublished),
    );
    expect(await findMediaByName(DEMO.figureName)).toEqual(figure);
    const publicPage = parseHtml((await t.app.inject({ method: 'GET', url: DEMO.cooperationPath })).body);
    expect(textOf(publicPage.querySelector('main figcaption'))).toContain(DEMO.figureCaption);
    expect(textOf(publicPage.querySelector('main'))).not.toContain(caption);
    expect(publicPage.querySelector('main figure img')?.getAttribute('alt')).toBe(figure.alt_text);

    // An editor still may.
    const editorForm = await get(`/gestion/images/${figure.id}`, 'editor');
    expect(parseHtml(editorForm.body).querySelector('form.form')).not.toBeNull();
  });

  it('lets a contributor change an image that no page shows, or only drafts do', async () => {
    const unused = await uploadedImage(300, 200);
    const form = await get(`/gestion/images/${unused.id}`, 'contributor');
    expect(parseHtml(form.body).querySelector('form.form')).not.toBeNull();
    const edit = await post(`/gestion/images/${unused.id}`, 'contributor', {
      name: unused.name,
      alt_text: 'Texte revu par un contributeur',
      caption: 'Légende revue',
    });
    expect(edit.statusCode).toBe(303);
    expect((await findMediaByName(unused.name))!).toMatchObject({
      alt_text: 'Texte revu par un contributeur',
      caption: 'Légende revue',
    });

    const inDraft = await uploadedImage(300, 200);
    await pageUsing(inDraft);
    const draftEdit = await post(`/gestion/images/${inDraft.id}`, 'contributor', {
      name: inDraft.name,
      alt_text: 'Texte revu, page en brouillon',
    });
    expect(draftEdit.statusCode).toBe(303);
    expect((await findMediaByName(inDraft.name))!.alt_text).toBe('Texte revu, page en brouillon');
  });

  it('comes back with the message beside the field and what was typed', async () => {
    const media = await uploadedImage(600, 400);
    const response = await post(`/gestion/images/${media.id}`, 'editor', {
      name: media.name,
      alt_text: '',
      caption: 'Gardée',
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'alt_text')).toContain(plainText(text.errors.altTextRequired));
    expect(summaryLinks(response.body)).toEqual(['#alt_text']);
    expect(parseHtml(response.body).querySelector('#caption')?.getAttribute('value')).toBe('Gardée');
  });
});

/** Creates a draft page whose text places the image, as an editor would. */
async function pageUsing(media: Media): Promise<{ id: string; title: string }> {
  const root = await t.database.db
    .selectFrom('pages')
    .select('id')
    .where('workspace_id', '=', workspace.id)
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const title = `Page avec image ${unique()}`;
  const response = await post('/gestion/pages', 'editor', {
    title,
    parent_id: root.id,
    body_markdown: `Un paragraphe.\n\n{{figure:${media.name}}}\n\nUn autre.`,
  });
  expect(response.statusCode).toBe(303);
  return { id: response.headers.location!.split('/').pop()!, title };
}

describe('on the public site', () => {
  it('offers the WebP copies in srcset, and serves each of them', async () => {
    const media = await uploadedImage(2000, 1000);
    const page = await pageUsing(media);
    expect((await post(`/gestion/pages/${page.id}/publier`, 'editor', {})).statusCode).toBe(303);
    const list = await get('/gestion/pages', 'editor');
    const path = parseHtml(list.body)
      .querySelector(`a[href="/gestion/pages/${page.id}"]`)!
      .closest('tr')!
      .querySelectorAll('td')[2]!.textContent!;
    const publicPage = await t.app.inject({ method: 'GET', url: path });
    const image = parseHtml(publicPage.body).querySelector('main figure img')!;
    expect(image.getAttribute('alt')).toBe(media.alt_text);
    const candidates = image
      .getAttribute('srcset')!
      .split(', ')
      .map((entry) => entry.split(' '));
    expect(candidates.map(([, width]) => width)).toEqual(['480w', '960w', '1600w', '2000w']);
    for (const [url] of candidates.slice(0, 3)) {
      const copy = await t.app.inject({ method: 'GET', url: url! });
      expect(copy.statusCode).toBe(200);
      expect(copy.headers['content-type']).toBe('image/webp');
    }
  });
});

describe('deleting', () => {
  it('is refused while a page places the image, with the list of those pages; allowed once none does', async () => {
    const media = await uploadedImage(600, 400);
    const page = await pageUsing(media);

    const plan = await get(`/gestion/images/${media.id}/supprimer`, 'editor');
    expect(plan.statusCode).toBe(200);
    expect(textOf(parseHtml(plan.body).querySelector('main'))).toContain(plainText(text.deleteRefused));
    const links = [...parseHtml(plan.body).querySelectorAll('main li a')].map((a) => [
      a.getAttribute('href'),
      textOf(a),
    ]);
    expect(links).toEqual([[`/gestion/pages/${page.id}`, page.title]]);
    expect(parseHtml(plan.body).querySelector('main form')).toBeNull();

    const refused = await post(`/gestion/images/${media.id}/supprimer`, 'editor', {});
    expect(refused.statusCode).toBe(400);
    expect(textOf(parseHtml(refused.body).querySelector('.error-summary'))).toContain(
      plainText(text.deleteRefused),
    );
    expect(refused.body).toContain(`/gestion/pages/${page.id}`);
    expect((await findMediaByName(media.name))!.deleted_at).toBeNull();

    // The edit form lists the page too, and the name cannot change.
    const form = await get(`/gestion/images/${media.id}`, 'editor');
    expect(form.body).toContain(`href="/gestion/pages/${page.id}"`);
    const rename = await post(`/gestion/images/${media.id}`, 'editor', {
      name: `${media.name}-bis`,
      alt_text: media.alt_text,
    });
    expect(rename.statusCode).toBe(400);
    expect(fieldError(rename.body, 'name')).toContain(page.title);

    // The page no longer places the image: deletion goes through.
    const edited = await post(`/gestion/pages/${page.id}`, 'editor', {
      title: page.title,
      slug: '',
      parent_id: (await t.database.db
        .selectFrom('pages')
        .select('parent_id')
        .where('id', '=', page.id)
        .executeTakeFirstOrThrow())!.parent_id!,
      body_markdown: 'Plus d’image ici.',
    });
    expect(edited.statusCode).toBe(303);
    const deleted = await post(`/gestion/images/${media.id}/supprimer`, 'editor', {});
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/gestion/images');

    expect((await get('/gestion/images', 'editor')).body).not.toContain(media.name);
    expect((await get(`/gestion/images/${media.id}`, 'editor')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/medias/${media.id}/f.jpg` })).statusCode).toBe(404);
    // The files stay until the trash is emptied.
    expect(await exists(media.storage_key)).toBe(true);
  });

  it('comes back whole from the trash', async () => {
    const media = await uploadedImage(600, 400);
    expect((await post(`/gestion/images/${media.id}/supprimer`, 'editor', {})).statusCode).toBe(303);
    const trashed = (await findMediaByName(media.name))!;
    expect(trashed.deletion_id).not.toBeNull();

    const editor = await actorFor('editor');
    // Inside the transaction, only `trx`: PGlite has one connection.
    const restored = await t.database.db
      .transaction()
      .execute((trx) => restoreMediaDeletion(trx, editor, trashed.deletion_id!, t.clock.now()));
    expect(restored).toBe(1);
    const back = (await findMediaByName(media.name))!;
    expect(back).toMatchObject({ deleted_at: null, deletion_id: null, alt_text: media.alt_text });
    expect((await get(`/gestion/images/${media.id}`, 'editor')).statusCode).toBe(200);
    const file = await t.app.inject({ method: 'GET', url: `/medias/${media.id}/f.jpg` });
    expect(file.statusCode).toBe(200);

    const history = await get(`/gestion/images/${media.id}/historique`, 'editor');
    const actions = [...parseHtml(history.body).querySelectorAll('tbody tr td:nth-child(3)')].map((td) =>
      textOf(td),
    );
    expect(actions).toEqual([
      messages.history.actions.restore,
      messages.history.actions.delete,
      messages.history.actions.create,
    ]);
  });

  it('does not come back when another image has taken its name', async () => {
    const media = await uploadedImage(300, 200);
    expect((await post(`/gestion/images/${media.id}/supprimer`, 'editor', {})).statusCode).toBe(303);
    const deletionId = (await findMediaByName(media.name))!.deletion_id!;
    const again = await upload(
      'editor',
      { name: media.name, alt_text: 'La remplaçante' },
      { fileName: 'r.jpg', content: await picture(300, 200).jpeg().toBuffer() },
    );
    expect(again.statusCode).toBe(303);
    const editor = await actorFor('editor');
    const error = await t.database.db
      .transaction()
      .execute((trx) => restoreMediaDeletion(trx, editor, deletionId, t.clock.now()))
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(messages.trash.errors.nameTaken(media.name));
  });

  it('is gone for good, files included, once the trash is emptied', async () => {
    const media = await uploadedImage(1000, 500);
    expect(await exists(derivativeKey(media.storage_key, 960))).toBe(true);
    expect((await post(`/gestion/images/${media.id}/supprimer`, 'editor', {})).statusCode).toBe(303);

    const files: string[] = [];
    const admin = await actorFor('admin');
    const purged = await t.database.db
      .transaction()
      .execute((trx) => purgeMedia(trx, admin, t.clock.now(), files));
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(files).toEqual(expect.arrayContaining(allFileKeys(media.storage_key)));
    // Until the caller removes them, after the commit, the files are still there.
    expect(await exists(media.storage_key)).toBe(true);
    await removeMediaFiles(t.deps.storage, files);

    expect(await findMediaByName(media.name)).toBeUndefined();
    for (const key of allFileKeys(media.storage_key)) expect(await exists(key)).toBe(false);
    // Live images keep their files.
    expect(await exists((await findMediaByName(DEMO.figureName))!.storage_key)).toBe(true);
  });

  it('keeps a page in the trash while the image it places is in the trash too', async () => {
    const media = await uploadedImage(600, 400);
    const page = await pageUsing(media);
    expect((await post(`/gestion/pages/${page.id}/supprimer`, 'editor', {})).statusCode).toBe(303);
    expect((await post(`/gestion/images/${media.id}/supprimer`, 'editor', {})).statusCode).toBe(303);

    const restoreAction = async (title: string) => {
      const trash = parseHtml((await get('/gestion/corbeille', 'editor')).body);
      const row = [...trash.querySelectorAll('tbody tr')].find((tr) => textOf(tr).includes(title));
      expect(row, title).toBeDefined();
      return row!.querySelector('form')!.getAttribute('action')!;
    };
    const refused = await post(await restoreAction(page.title), 'editor', {});
    expect(refused.statusCode).toBe(409);
    expect(textOf(parseHtml(refused.body).querySelector('.error-summary'))).toBe(
      plainText(messages.trash.errors.figureMissing(page.title, media.name)),
    );
    expect((await get(`/gestion/pages/${page.id}`, 'editor')).statusCode).toBe(404);

    // The image first, then the page: both come back.
    expect((await post(await restoreAction(media.name), 'editor', {})).statusCode).toBe(303);
    expect((await post(await restoreAction(page.title), 'editor', {})).statusCode).toBe(303);
    expect((await get(`/gestion/pages/${page.id}`, 'editor')).statusCode).toBe(200);
    expect((await findMediaByName(media.name))!.deleted_at).toBeNull();
  });

  it('is refused to an editor emptying the trash', async () => {
    const editor = await actorFor('editor');
    const error = await t.database.db
      .transaction()
      .execute((trx) => purgeMedia(trx, editor, t.clock.now(), []))
      .catch((caught: unknown) => caught);
    expect((error as { statusCode?: number }).statusCode).toBe(403);
  });
});

describe('permissions', () => {
  it('lets a reader look but not upload, edit or delete', async () => {
    const media = await uploadedImage(300, 200);
    expect((await get('/gestion/images', 'reader')).statusCode).toBe(200);
    expect((await get(`/gestion/images/${media.id}`, 'reader')).statusCode).toBe(200);
    expect((await get(`/gestion/images/${media.id}/historique`, 'reader')).statusCode).toBe(200);
    expect((await get('/gestion/images/nouvelle', 'reader')).statusCode).toBe(403);
    const token = await csrfFrom(t.app, '/gestion', cookies.reader);
    const name = `lecteur-${unique()}`;
    const uploadResponse = await upload(
      'reader',
      { name, alt_text: 'Photo' },
      { fileName: 'l.jpg', content: await picture(50, 50).jpeg().toBuffer() },
      { token },
    );
    expect(uploadResponse.statusCode).toBe(403);
    // Refused by its role before the file is even read, not by the CSRF check.
    expect(textOf(parseHtml(uploadResponse.body).querySelector('h1'))).toBe(
      plainText(messages.admin.forbiddenTitle),
    );
    expect(await findMediaByName(name)).toBeUndefined();
    expect((await post(`/gestion/images/${media.id}`, 'reader', { alt_text: 'Non' })).statusCode).toBe(403);
    expect((await get(`/gestion/images/${media.id}/supprimer`, 'reader')).statusCode).toBe(403);
    expect((await post(`/gestion/images/${media.id}/supprimer`, 'reader', {})).statusCode).toBe(403);
    expect((await findMediaByName(media.name))!.alt_text).toBe(media.alt_text);
  });

  it('lets a contributor upload but not delete', async () => {
    const media = await uploadedImage(300, 200);
    expect((await get('/gestion/images/nouvelle', 'contributor')).statusCode).toBe(200);
    expect((await get(`/gestion/images/${media.id}/supprimer`, 'contributor')).statusCode).toBe(403);
    expect((await post(`/gestion/images/${media.id}/supprimer`, 'contributor', {})).statusCode).toBe(403);
    expect((await findMediaByName(media.name))!.deleted_at).toBeNull();
    // The form offers no deletion link to a contributor.
    expect((await get(`/gestion/images/${media.id}`, 'contributor')).body).not.toContain('/supprimer');
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/gestion/images' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/connexion/);
  });

  it('shows nothing of this workspace to the other workspace’s admin', async () => {
    const media = await uploadedImage(300, 200);
    const host = DEMO_SECOND.hostName;
    for (const url of [
      `/gestion/images/${media.id}`,
      `/gestion/images/${media.id}/apercu`,
      `/gestion/images/${media.id}/historique`,
      `/gestion/images/${media.id}/supprimer`,
    ]) {
      expect((await get(url, 'second', host)).statusCode, url).toBe(404);
    }
    expect(
      (await post(`/gestion/images/${media.id}`, 'second', { alt_text: 'Piraté' }, host)).statusCode,
    ).toBe(404);
    expect((await post(`/gestion/images/${media.id}/supprimer`, 'second', {}, host)).statusCode).toBe(404);
    expect((await get('/gestion/images', 'second', host)).body).not.toContain(media.name);
    const after = (await findMediaByName(media.name))!;
    expect([after.alt_text, after.deleted_at]).toEqual([media.alt_text, null]);
    // Its public file is not served on the other host either.
    const file = await t.app.inject({ method: 'GET', url: `/medias/${media.id}/f.jpg`, headers: { host } });
    expect(file.statusCode).toBe(404);
  });

  it('keeps an upload of the other workspace in that workspace', async () => {
    const host = DEMO_SECOND.hostName;
    const cookie = cookies.second;
    const token = await csrfFrom(t.app, '/gestion/images/nouvelle', cookie, { host });
    const body = multipart(
      { _csrf: token, name: DEMO.figureName, alt_text: 'Même nom, autre espace' },
      { fileName: 'x.jpg', content: await picture(100, 100).jpeg().toBuffer() },
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/gestion/images',
      headers: { cookie, host, 'content-type': body.contentType },
      payload: body.payload,
    });
    // The name is free there: names are unique per workspace.
    expect(response.statusCode).toBe(303);
    const media = await t.database.db
      .selectFrom('media')
      .selectAll()
      .where('alt_text', '=', 'Même nom, autre espace')
      .executeTakeFirstOrThrow();
    expect(media.workspace_id).not.toBe(workspace.id);
    expect(media.storage_key.startsWith(`${media.workspace_id}/`)).toBe(true);
    expect((await get(`/gestion/images/${media.id}`, 'admin')).statusCode).toBe(404);
  });
});

describe('the screens', () => {
  it('are valid HTML, forms with errors included', async () => {
    const { expectValidHtml } = await import('../../../test/helpers/page-checks.js');
    const media = await uploadedImage(600, 400);
    await post(`/gestion/images/${media.id}`, 'editor', { name: media.name, alt_text: 'Texte revu' });
    const figure = (await findMediaByName(DEMO.figureName))!;
    const screens: Array<[string, LightMyRequestResponse]> = [
      ['list', await get('/gestion/images', 'editor')],
      ['empty list', await get('/gestion/images', 'second', DEMO_SECOND.hostName)],
      ['upload form', await get('/gestion/images/nouvelle', 'editor')],
      [
        'upload form with errors',
        await upload(
          'editor',
          { alt_text: '', name: 'Non !' },
          { fileName: 'a.svg', content: Buffer.from('<svg/>') },
        ),
      ],
      ['edit form', await get(`/gestion/images/${media.id}`, 'editor')],
      ['edit form, read only', await get(`/gestion/images/${media.id}`, 'reader')],
      ['edit form, published image, contributor', await get(`/gestion/images/${figure.id}`, 'contributor')],
      ['edit form with errors', await post(`/gestion/images/${media.id}`, 'editor', { alt_text: '' })],
      ['deletion', await get(`/gestion/images/${media.id}/supprimer`, 'editor')],
      ['deletion refused', await post(`/gestion/images/${figure.id}/supprimer`, 'editor', {})],
      ['history', await get(`/gestion/images/${media.id}/historique`, 'editor')],
    ];
    for (const [label, response] of screens) {
      expect(response.statusCode, label).toBeLessThan(500);
      await expectValidHtml(response.body, label);
    }
  });
});
