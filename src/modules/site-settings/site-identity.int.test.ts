import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, signInAs } from '../../../test/helpers/session.js';
import type { Media, Role, Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';
import { assetHref } from '../../platform/static-assets.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';

/**
 * The authority's identity: logo, main colour, home-page banner and presentation, chosen in the
 * settings and seen on the public site of the workspace the host names, and nowhere else.
 */
const text = messages.settings;
const SECOND_HOST = { host: DEMO_SECOND.hostName };
const DEFAULT_FAVICON = fileURLToPath(new URL('../../assets/favicon.ico', import.meta.url));
/** A small PNG, as the media module stores an upload. */
const RED_SQUARE = () =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: '#b00020' } })
    .png()
    .toBuffer();

let t: TestApp;
let main: Workspace;
let second: Workspace;
const cookies = {} as Record<'admin' | 'second', string>;

beforeAll(async () => {
  t = await createTestApp();
  main = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  second = (await findWorkspaceBySlug(t.database.db, DEMO_SECOND.workspaceSlug))!;
  const admin = DEMO_ACCOUNTS.find((account) => account.role === ('admin' satisfies Role))!;
  cookies.admin = await signInAs(t.app, admin.email, admin.password);
  cookies.second = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, SECOND_HOST);
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, options: { host?: string; cookie?: string; etag?: string } = {}) {
  const response = await t.app.inject({
    method: 'GET',
    url,
    headers: {
      ...(options.host ? { host: options.host } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.etag ? { 'if-none-match': options.etag } : {}),
    },
  });
  return { response, document: parseHtml(response.body) };
}

/** Every field of the settings form as the page fills it, the way a browser would send it. */
function formFields(document: Document): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const element of document.querySelectorAll('form.form [name]')) {
    const name = element.getAttribute('name')!;
    if (name === '_csrf') continue;
    if (element.tagName === 'SELECT') {
      fields.push([name, element.querySelector('option[selected]')?.getAttribute('value') ?? '']);
    } else if (element.tagName === 'TEXTAREA') {
      fields.push([name, element.textContent ?? '']);
    } else if (element.getAttribute('type') === 'checkbox') {
      if (element.hasAttribute('checked')) fields.push([name, element.getAttribute('value') ?? '']);
    } else {
      fields.push([name, element.getAttribute('value') ?? '']);
    }
  }
  return fields;
}

/** Posts the settings form as shown, with some fields changed. */
async function saveSettings(who: keyof typeof cookies, changes: Record<string, string>) {
  const host = who === 'second' ? SECOND_HOST : {};
  const cookie = cookies[who];
  const { document } = await get('/gestion/parametres', { ...host, cookie });
  const fields = formFields(document).map(([name, value]): [string, string] => [
    name,
    name in changes ? changes[name]! : value,
  ]);
  const token = await csrfFrom(t.app, '/gestion/parametres', cookie, host);
  const response = await t.app.inject({
    method: 'POST',
    url: '/gestion/parametres',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...host },
    payload: new URLSearchParams([['_csrf', token], ...fields]).toString(),
  });
  return { response, document: parseHtml(response.body) };
}

async function settingsRow(workspaceId: string) {
  return t.database.db
    .selectFrom('site_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

async function mediaNamed(workspaceId: string, name: string): Promise<Media> {
  return t.database.db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}

/** An image of the second workspace, stored as an upload would be (no copies: it is small). */
async function secondWorkspaceImage(name: string, content: Buffer | null): Promise<Media> {
  const key = `${second.id}/${name}.png`;
  if (content) await t.deps.storage.write(key, content);
  return t.database.db
    .insertInto('media')
    .values({
      workspace_id: second.id,
      name,
      storage_key: key,
      mime_type: 'image/png',
      width: 64,
      height: 64,
      byte_size: content?.length ?? 1,
      alt_text: 'Un carré rouge',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function errorBeside(document: Document, id: string): string {
  return plainText(textOf(document.getElementById(`${id}-error`)));
}

describe('the logo', () => {
  it('stands in the header for the site name, which is its text alternative', async () => {
    const { document } = await get(DEMO.cooperationPath);
    const logo = document.querySelector('.site-header__name a img');
    expect(logo?.getAttribute('alt')).toBe(DEMO.workspaceName);
    const media = await mediaNamed(main.id, DEMO.logoName);
    expect(logo?.getAttribute('src')).toMatch(new RegExp(`^/medias/${media.id}/`));
    expect(Number(logo?.getAttribute('width'))).toBeGreaterThan(0);
    // The file it names is served.
    expect((await get(logo!.getAttribute('src')!)).response.statusCode).toBe(200);
  });

  it('leaves the site name alone where no logo is set', async () => {
    const { document } = await get('/', SECOND_HOST);
    expect(document.querySelector('.site-header__name img')).toBeNull();
    expect(textOf(document.querySelector('.site-header__name'))).toBe(DEMO_SECOND.name);
    expect(document.querySelector('link[rel="apple-touch-icon"]')).toBeNull();
    expect(document.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe('/favicon.ico');
  });

  it('makes a 32-pixel PNG at /favicon.ico and a 180-pixel touch icon, each linked from the head', async () => {
    const { document } = await get('/');
    const iconHref = document.querySelector('link[rel="icon"]')?.getAttribute('href');
    const touchHref = document.querySelector('link[rel="apple-touch-icon"]')?.getAttribute('href');
    expect(iconHref).toMatch(/^\/favicon\.ico\?v=/);
    expect(touchHref).toMatch(/^\/apple-touch-icon\.png\?v=/);
    for (const [url, size] of [
      ['/favicon.ico', 32],
      [iconHref!, 32],
      [touchHref!, 180],
    ] as const) {
      const { response } = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toBe('image/png');
      const metadata = await sharp(response.rawPayload).metadata();
      expect([metadata.format, metadata.width, metadata.height], url).toEqual(['png', size, size]);
    }
    // Drawn from the logo, not a blank square: the logo's blue is in it.
    const { data } = await sharp((await get('/apple-touch-icon.png')).response.rawPayload)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = Array.from({ length: data.length / 3 }, (_, i) => data.subarray(i * 3, i * 3 + 3));
    expect(pixels.some(([r, g, b]) => b! > 100 && r! < 60 && g! < 110)).toBe(true);
  });

  it('keeps the default icon, and no touch icon, for a workspace without a logo', async () => {
    const favicon = await get('/favicon.ico', SECOND_HOST);
    expect(favicon.response.statusCode).toBe(200);
    expect(favicon.response.headers['content-type']).toBe('image/x-icon');
    expect(favicon.response.rawPayload.equals(await readFile(DEFAULT_FAVICON))).toBe(true);
    expect((await get('/apple-touch-icon.png', SECOND_HOST)).response.statusCode).toBe(404);
  });

  it('falls back to the default icon, never a 500, when the logo’s file cannot be read', async () => {
    const broken = await secondWorkspaceImage('logo-casse', Buffer.from('pas une image'));
    const missing = await secondWorkspaceImage('logo-absent', null);
    try {
      for (const logo of [broken, missing]) {
        await t.database.db
          .updateTable('site_settings')
          .set({ logo_media_id: logo.id })
          .where('workspace_id', '=', second.id)
          .execute();
        const favicon = await get('/favicon.ico', SECOND_HOST);
        expect(favicon.response.statusCode, logo.name).toBe(200);
        expect(favicon.response.headers['content-type'], logo.name).toBe('image/x-icon');
        expect((await get('/apple-touch-icon.png', SECOND_HOST)).response.statusCode, logo.name).toBe(404);
        expect((await get('/', SECOND_HOST)).response.statusCode, logo.name).toBe(200);
      }
    } finally {
      await t.database.db
        .updateTable('site_settings')
        .set({ logo_media_id: null })
        .where('workspace_id', '=', second.id)
        .execute();
    }
  });
});

describe('the main colour', () => {
  it('is served per workspace as custom properties, linked after site.css, with a darker shade', async () => {
    const { document } = await get('/');
    const stylesheets = [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) =>
      link.getAttribute('href'),
    );
    expect(stylesheets).toContain(assetHref('site.css'));
    expect(stylesheets.indexOf(assetHref('site.css'))).toBeLessThan(
      stylesheets.findIndex((href) => href?.startsWith('/charte.css')),
    );
    const { response } = await get('/charte.css');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.body).toContain('--brand: #1f4e79;');
    expect(response.body).toContain('--brand-dark: #153552;');
    // Cached by address and revalidated: a second ask costs a 304.
    expect(response.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    const again = await get('/charte.css', { etag: String(response.headers.etag) });
    expect(again.response.statusCode).toBe(304);
  });

  it('refuses white text below 4.5:1, with the measured ratio beside the field, and saves nothing', async () => {
    const before = await settingsRow(second.id);
    const { response, document } = await saveSettings('second', { main_colour: '#777777' });
    expect(response.statusCode).toBe(400);
    const message = errorBeside(document, 'main_colour');
    expect(message).toContain(plainText(text.errors.colourContrast('4,47')));
    expect(message).toMatch(/4,47:1/);
    expect(document.querySelector('.error-summary a[href="#main_colour"]')).not.toBeNull();
    expect(document.querySelector('#main_colour')?.getAttribute('value')).toBe('#777777');
    expect(await settingsRow(second.id)).toEqual(before);
    expect((await get('/charte.css', SECOND_HOST)).response.body).not.toContain('#777777');
  });

  it('refuses what is not #rrggbb', async () => {
    const before = await settingsRow(second.id);
    for (const value of ['bleu', '#fff', '1f4e79']) {
      const { response, document } = await saveSettings('second', { main_colour: value });
      expect(response.statusCode, value).toBe(400);
      expect(errorBeside(document, 'main_colour'), value).toContain(plainText(text.errors.colourInvalid));
    }
    expect(await settingsRow(second.id)).toEqual(before);
  });

  it('takes a colour at 4.5:1 for this workspace only, and the history says so in French', async () => {
    const mainCss = (await get('/charte.css')).response.body;
    const { response } = await saveSettings('second', { main_colour: '#767676' });
    expect(response.statusCode).toBe(303);
    expect((await settingsRow(second.id)).main_colour).toBe('#767676');
    const own = await get('/charte.css', SECOND_HOST);
    expect(own.response.body).toContain('--brand: #767676;');
    expect((await get('/charte.css')).response.body).toBe(mainCss);
    const page = await get('/', SECOND_HOST);
    expect(
      page.document.querySelector('link[rel="stylesheet"][href^="/charte.css"]')?.getAttribute('href'),
    ).toBe('/charte.css?v=767676');
    const history = await get('/gestion/parametres/historique', { ...SECOND_HOST, cookie: cookies.second });
    const latest = history.document.querySelector('tbody tr')!;
    const changed = [...latest.querySelectorAll('dt')].map((dt) => textOf(dt));
    expect(changed).toEqual([messages.history.fields.main_colour]);
    expect(textOf(latest.querySelector('dd'))).toContain('#767676');
  });
});

describe('the images of the identity', () => {
  it('are chosen among the workspace’s own live images only', async () => {
    const before = await settingsRow(second.id);
    const foreign = await mediaNamed(main.id, DEMO.logoName);
    const { response, document } = await saveSettings('second', {
      logo_media_id: foreign.id,
      banner_media_id: 'pas-un-identifiant',
    });
    expect(response.statusCode).toBe(400);
    expect(errorBeside(document, 'banner_media_id')).toContain(plainText(text.errors.imageUnknown));
    // A well-formed id of another workspace's image: refused by the service, beside the field.
    const foreignOnly = await saveSettings('second', { logo_media_id: foreign.id });
    expect(foreignOnly.response.statusCode).toBe(400);
    expect(errorBeside(foreignOnly.document, 'logo_media_id')).toContain(plainText(text.errors.imageUnknown));
    expect(await settingsRow(second.id)).toEqual(before);
  });

  it('list the workspace’s images in the form, with a way to upload one', async () => {
    const { document } = await get('/gestion/parametres', { cookie: cookies.admin });
    const options = [...document.querySelectorAll('#logo_media_id option')].map((option) => textOf(option));
    expect(options[0]).toBe(plainText(text.fields.noLogo));
    expect(options.some((label) => label.startsWith(DEMO.logoName))).toBe(true);
    const logo = await mediaNamed(main.id, DEMO.logoName);
    expect(document.querySelector('#logo_media_id option[selected]')?.getAttribute('value')).toBe(logo.id);
    expect(document.querySelector('a[href="/gestion/images/nouvelle"]')).not.toBeNull();
  });

  it('cannot go to the trash while the site uses them, and the refusal says why', async () => {
    for (const name of [DEMO.logoName, DEMO.bannerName]) {
      const media = await mediaNamed(main.id, name);
      const page = await get(`/gestion/images/${media.id}/supprimer`, { cookie: cookies.admin });
      expect(page.response.statusCode).toBe(200);
      const shown = plainText(textOf(page.document.querySelector('main')));
      expect(shown).toContain(plainText(messages.media.deleteRefusedIdentity));
      const role = name === DEMO.logoName ? 'logo' : 'banner';
      expect(shown).toContain(messages.media.identityRoles[role]);
      expect(page.document.querySelector('main form[action$="/supprimer"]')).toBeNull();

      const token = await csrfFrom(t.app, `/gestion/images/${media.id}/supprimer`, cookies.admin);
      const response = await t.app.inject({
        method: 'POST',
        url: `/gestion/images/${media.id}/supprimer`,
        headers: { cookie: cookies.admin, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token }).toString(),
      });
      expect(response.statusCode).toBe(400);
      expect((await mediaNamed(main.id, name)).deleted_at).toBeNull();
    }
  });

  it('can go to the trash once the settings choose another, and is then refused as a choice', async () => {
    const image = await secondWorkspaceImage('carre-rouge', await RED_SQUARE());
    expect((await saveSettings('second', { logo_media_id: image.id })).response.statusCode).toBe(303);
    const header = await get('/', SECOND_HOST);
    expect(header.document.querySelector('.site-header__name img')?.getAttribute('alt')).toBe(
      DEMO_SECOND.name,
    );
    const favicon = await get('/favicon.ico', SECOND_HOST);
    expect((await sharp(favicon.response.rawPayload).metadata()).width).toBe(32);
    const history = await get('/gestion/parametres/historique', { ...SECOND_HOST, cookie: cookies.second });
    const latest = history.document.querySelector('tbody tr')!;
    expect(plainText(textOf(latest))).toContain(`${messages.history.fields.logo}`);
    expect(plainText(textOf(latest))).toContain('carre-rouge');

    expect((await saveSettings('second', { logo_media_id: '' })).response.statusCode).toBe(303);
    await t.database.db
      .updateTable('media')
      .set({ deleted_at: new Date() })
      .where('id', '=', image.id)
      .execute();
    const before = await settingsRow(second.id);
    const { response, document } = await saveSettings('second', { logo_media_id: image.id });
    expect(response.statusCode).toBe(400);
    expect(errorBeside(document, 'logo_media_id')).toContain(plainText(text.errors.imageUnknown));
    expect(await settingsRow(second.id)).toEqual(before);
  });
});

describe('the home page', () => {
  it('shows the banner with its own alternative text and the presentation under the title, above the page’s text', async () => {
    const { response, document } = await get('/');
    const banner = document.querySelector('main .home-banner img');
    expect(banner?.getAttribute('alt')).toBe(DEMO.bannerAlt);
    const presentation = document.querySelector('main .home-presentation');
    expect(plainText(textOf(presentation))).toContain(
      'coopération décentralisée avec la commune de Taliouine',
    );
    expect(presentation?.querySelector(`a[href="${DEMO.cooperationPath}"]`)).not.toBeNull();
    // Under the page's title (the presentation's headings come after the <h1>), above its text.
    const article = document.querySelector('main article')!;
    const order = [...article.children].map((child) => child.className || child.tagName.toLowerCase());
    expect(order.slice(0, 4)).toEqual([
      'h1',
      'home-banner',
      'home-presentation article__body',
      'article__body',
    ]);
    await expectValidHtml(response.body, 'home with banner');
  });

  it('keeps them to the home page', async () => {
    const { document } = await get(DEMO.cooperationPath);
    expect(document.querySelector('.home-banner, .home-presentation')).toBeNull();
  });

  it('shows the presentation written in the settings, Markdown made safe', async () => {
    const written = 'Une *présentation* <script>alert(1)</script> de la collectivité.';
    expect((await saveSettings('second', { presentation: written })).response.statusCode).toBe(303);
    const { document } = await get('/', SECOND_HOST);
    const presentation = document.querySelector('main .home-presentation');
    expect(presentation?.querySelector('em')?.textContent).toBe('présentation');
    expect(presentation?.querySelector('script')).toBeNull();
    expect(document.querySelector('.home-banner')).toBeNull();
    expect((await saveSettings('second', { presentation: '' })).response.statusCode).toBe(303);
    expect((await get('/', SECOND_HOST)).document.querySelector('.home-presentation')).toBeNull();
  });
});
