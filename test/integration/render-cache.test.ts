import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../src/db/seeds/demo.js';
import { addWorkspaceHost } from '../../src/modules/workspaces/workspace.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { parseHtml, textOf } from '../helpers/html.js';
import { signInAs, submitForm } from '../helpers/session.js';

/**
 * The render cache never shows what is no longer true: after each kind of change a public page
 * can show, made as an officer makes it, the next visitor's request shows the change. And no one
 * gets someone else's copy.
 */

let t: TestApp;
let admin: string;
let defaultWorkspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'admin')!;
  admin = await signInAs(t.app, account.email, account.password);
  defaultWorkspaceId = (
    await t.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('is_default', '=', true)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

function visit(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers });
}

/** A visitor's request answered from the cache: asked twice, the second is a hit. */
async function visitCached(url: string): Promise<LightMyRequestResponse> {
  await visit(url);
  const response = await visit(url);
  expect(response.headers['x-cache'], url).toBe('hit');
  return response;
}

async function pageIdAt(path: string): Promise<string> {
  const slug = path.split('/').pop() ?? '';
  const row = await t.database.db
    .selectFrom('pages')
    .select('id')
    .where('workspace_id', '=', defaultWorkspaceId)
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

function expectRedirect(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
}

const h1Of = (response: LightMyRequestResponse) => textOf(parseHtml(response.body).querySelector('h1'));
const mainMenuOf = (response: LightMyRequestResponse) =>
  [...parseHtml(response.body).querySelectorAll('#menu-principal a, nav[aria-labelledby] a')].map((a) =>
    textOf(a),
  );

describe('what the cache answers', () => {
  it('keeps a visitor’s page and answers the next visitor from memory, with the same bytes and headers', async () => {
    const first = await visit(DEMO.cooperationPath);
    const second = await visit(DEMO.cooperationPath);
    expect(first.headers['x-cache']).toBe('miss');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    for (const name of ['content-type', 'content-security-policy', 'etag', 'cache-control', 'vary']) {
      expect(second.headers[name], name).toBe(first.headers[name]);
    }
    expect(second.headers['cache-control']).toBe('public, max-age=0, s-maxage=60, must-revalidate');
    expect(second.headers.vary).toBe('Accept-Encoding');
  });

  it('answers 304 without the bytes to a matching If-None-Match, weak or strong, and 200 to another', async () => {
    const { etag } = (await visitCached(DEMO.cooperationPath)).headers;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    for (const header of [etag as string, `W/${etag}`, `"other", ${etag}`, '*']) {
      const answer = await visit(DEMO.cooperationPath, { 'if-none-match': header });
      expect(answer.statusCode, header).toBe(304);
      expect(answer.body).toBe('');
      expect(answer.headers.etag).toBe(etag);
    }
    expect((await visit(DEMO.cooperationPath, { 'if-none-match': '"other"' })).statusCode).toBe(200);
  });

  it('sends brotli or gzip to a client that accepts it, the same page once decompressed', async () => {
    const plain = await visitCached('/');
    const brotli = await visit('/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.etag).toBe(`W/${plain.headers.etag}`);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body);
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    const gzip = await visit('/', { 'accept-encoding': 'gzip;q=1, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    const identity = await visit('/', { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toBe(plain.body);
  });

  it('answers HEAD from the cache with the headers and no body', async () => {
    await visitCached('/plan-du-site');
    const head = await t.app.inject({ method: 'HEAD', url: '/plan-du-site' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-cache']).toBe('hit');
    expect(head.body).toBe('');
  });

  it('keeps one copy whatever parameters a page does not read, and one per print version', async () => {
    const page = await visitCached(DEMO.cooperationPath);
    const tagged = await visit(`${DEMO.cooperationPath}?utm_source=lettre`);
    expect(tagged.headers['x-cache']).toBe('hit');
    expect(tagged.body).toBe(page.body);
    const print = await visit(`${DEMO.cooperationPath}?version=impression`);
    expect(print.headers['x-cache']).toBe('miss');
    expect(print.body).not.toBe(page.body);
  });

  it('keeps search results per query', async () => {
    const school = await visitCached('/recherche?q=ecole');
    const saffron = await visit('/recherche?q=safran');
    expect(saffron.headers['x-cache']).toBe('miss');
    expect(saffron.body).not.toBe(school.body);
  });

  it('never keeps a 404, nor a page that sets a cookie (a form with its token)', async () => {
    for (const url of ['/nulle-part', '/nulle-part'])
      expect((await visit(url)).headers['x-cache']).toBeUndefined();
    const form = `/envoyer-a-un-ami?page=${encodeURIComponent(DEMO.cooperationPath)}`;
    for (const url of [form, form]) {
      const answer = await visit(url);
      expect(answer.headers['set-cookie']).toBeDefined();
      expect(answer.headers['x-cache']).toBeUndefined();
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('signed-in people and visitors', () => {
  it('never serves a signed-in person a visitor’s copy, and never keeps a signed-in person’s page', async () => {
    const url = DEMO.partnerPath;
    const editorFirst = await visit(url, { cookie: admin });
    expect(editorFirst.statusCode).toBe(200);
    expect(editorFirst.headers['x-cache']).toBeUndefined();
    // The signed-in person's answer was not kept: the first visitor renders the page.
    expect((await visit(url)).headers['x-cache']).toBe('miss');
    expect((await visit(url)).headers['x-cache']).toBe('hit');
    const editorAgain = await visit(url, { cookie: admin });
    expect(editorAgain.headers['x-cache']).toBeUndefined();
  });

  it('renders the page for a visitor who has a notice waiting, so that the notice is shown', async () => {
    await visitCached('/contact');
    const withNotice = await visit('/contact', { cookie: 'entente_flash=anything' });
    expect(withNotice.headers['x-cache']).toBeUndefined();
  });
});

describe('every change a public page can show reaches the next visitor', () => {
  it('changes to a published page: kept while the cached page stays, proposed by a contributor, public once an editor publishes them', async () => {
    const id = await pageIdAt(DEMO.cooperationPath);
    const contributorAccount = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'contributor')!;
    const contributor = await signInAs(t.app, contributorAccount.email, contributorAccount.password);
    expect(h1Of(await visitCached(DEMO.cooperationPath))).toBe('La coopération décentralisée');
    expectRedirect(
      await submitForm(t.app, `/gestion/pages/${id}`, contributor, {
        title: 'La coopération, en bref',
        intention: 'proposer',
      }),
    );
    // Saved and proposed, not published: the kept copy is still true, and still served.
    const waiting = await visit(DEMO.cooperationPath);
    expect(waiting.headers['x-cache']).toBe('hit');
    expect(h1Of(waiting)).toBe('La coopération décentralisée');
    expectRedirect(
      await submitForm(
        t.app,
        `/gestion/pages/${id}/modifications`,
        admin,
        {},
        { action: `/gestion/pages/${id}/publier-modifications` },
      ),
    );
    const after = await visit(DEMO.cooperationPath);
    expect(after.headers['x-cache']).toBe('miss');
    expect(h1Of(after)).toBe('La coopération, en bref');
    // The title is in the menus of other pages, kept before the change: they change too.
    expect(
      textOf(parseHtml((await visit(DEMO.partnerPath)).body).querySelector('nav.breadcrumb, .breadcrumb')),
    ).toContain('La coopération, en bref');
  });

  it('an earlier version of a published page restored from its history, then published', async () => {
    const id = await pageIdAt(DEMO.partnerPath);
    const before = h1Of(await visitCached(DEMO.partnerPath));
    expectRedirect(
      await submitForm(t.app, `/gestion/pages/${id}`, admin, {
        title: 'Taliouine, notre partenaire',
        intention: 'publier',
      }),
    );
    expect(h1Of(await visitCached(DEMO.partnerPath))).toBe('Taliouine, notre partenaire');
    // The demo's page has no change in its trail before that edit: the version the edit found.
    const history = parseHtml(
      (
        await t.app.inject({
          method: 'GET',
          url: `/gestion/pages/${id}/historique`,
          headers: { cookie: admin },
        })
      ).body,
    );
    const restore = history.querySelector('form[action$="/retablir-avant"]')?.getAttribute('action');
    expect(restore).toBeTruthy();
    expectRedirect(
      await submitForm(t.app, `/gestion/pages/${id}/historique`, admin, {}, { action: restore! }),
    );
    // Restored into the page's unpublished changes: the public page waits for their publication.
    expect(h1Of(await visit(DEMO.partnerPath))).toBe('Taliouine, notre partenaire');
    expectRedirect(
      await submitForm(
        t.app,
        `/gestion/pages/${id}`,
        admin,
        {},
        { action: `/gestion/pages/${id}/publier-modifications` },
      ),
    );
    const after = await visit(DEMO.partnerPath);
    expect(after.headers['x-cache']).toBe('miss');
    expect(h1Of(after)).toBe(before);
  });

  it('a draft published by the job queue at its scheduled time', async () => {
    expectRedirect(
      await submitForm(
        t.app,
        '/gestion/pages/nouvelle',
        admin,
        { title: 'Visite de printemps', parent_id: await pageIdAt('/') },
        { action: '/gestion/pages' },
      ),
    );
    const id = await pageIdAt('/visite-de-printemps');
    expectRedirect(
      await submitForm(
        t.app,
        `/gestion/pages/${id}`,
        admin,
        { publish_date: '2026-11-27', publish_time: '08:00' },
        { action: `/gestion/pages/${id}/programmer` },
      ),
    );
    expect(mainMenuOf(await visitCached('/'))).not.toContain('Visite de printemps');
    try {
      t.clock.set(new Date('2026-11-27T07:00:00Z')); // 8 h in Paris
      expect(await t.app.jobs.runner.runDue()).toBeGreaterThanOrEqual(1);
      const home = await visit('/');
      expect(home.headers['x-cache']).toBe('miss');
      expect(mainMenuOf(home)).toContain('Visite de printemps');
      expect((await visit('/visite-de-printemps')).statusCode).toBe(200);
    } finally {
      t.clock.set(new Date('2026-11-26T10:00:00Z'));
    }
  });

  it('a page published, then unpublished, then moved, then deleted and restored from the trash', async () => {
    const home = await visitCached('/');
    expect(mainMenuOf(home)).not.toContain('Actualités du jumelage');
    expectRedirect(
      await submitForm(
        t.app,
        '/gestion/pages/nouvelle',
        admin,
        {
          title: 'Actualités du jumelage',
          slug: 'actualites-du-jumelage',
          summary: 'Les nouvelles de Taliouine.',
          body_markdown: 'Le conseil a voté la convention.',
          parent_id: await pageIdAt('/'),
        },
        { action: '/gestion/pages' },
      ),
    );
    const id = await pageIdAt('/actualites-du-jumelage');
    expect((await visit('/actualites-du-jumelage')).statusCode).toBe(404);

    expectRedirect(
      await submitForm(t.app, `/gestion/pages/${id}`, admin, {}, { action: `/gestion/pages/${id}/publier` }),
    );
    expect(mainMenuOf(await visit('/'))).toContain('Actualités du jumelage');
    expect((await visitCached('/actualites-du-jumelage')).statusCode).toBe(200);

    expectRedirect(
      await submitForm(
        t.app,
        `/gestion/pages/${id}`,
        admin,
        {},
        { action: `/gestion/pages/${id}/depublier` },
      ),
    );
    expect((await visit('/actualites-du-jumelage')).statusCode).toBe(404);
    expect(mainMenuOf(await visit('/'))).not.toContain('Actualités du jumelage');

    expectRedirect(
      await submitForm(t.app, `/gestion/pages/${id}`, admin, {}, { action: `/gestion/pages/${id}/publier` }),
    );
    await visitCached('/actualites-du-jumelage');
    expectRedirect(
      await submitForm(t.app, `/gestion/pages/${id}`, admin, {
        parent_id: await pageIdAt(DEMO.cooperationPath),
        intention: 'publier',
      }),
    );
    expect((await visit('/actualites-du-jumelage')).statusCode).toBe(404);
    const moved = `${DEMO.cooperationPath}/actualites-du-jumelage`;
    expect((await visitCached(moved)).statusCode).toBe(200);

    expectRedirect(
      await submitForm(
        t.app,
        `/gestion/pages/${id}/supprimer`,
        admin,
        {},
        { action: `/gestion/pages/${id}/supprimer` },
      ),
    );
    expect((await visit(moved)).statusCode).toBe(404);
    const { deletion_id: deletionId } = await t.database.db
      .selectFrom('pages')
      .select('deletion_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const restore = `/gestion/corbeille/${deletionId}/restaurer`;
    expectRedirect(await submitForm(t.app, '/gestion/corbeille', admin, {}, { action: restore }));
    expect((await visit(moved)).statusCode).toBe(200);
  });

  it('an image a page shows', async () => {
    const figureAlt = (response: LightMyRequestResponse) =>
      parseHtml(response.body).querySelector('main figure img')?.getAttribute('alt');
    const before = figureAlt(await visitCached(DEMO.cooperationPath));
    expect(before).toBeTruthy();
    const media = await t.database.db
      .selectFrom('media')
      .select('id')
      .where('workspace_id', '=', defaultWorkspaceId)
      .where('alt_text', '=', before as string)
      .executeTakeFirstOrThrow();
    expectRedirect(
      await submitForm(t.app, `/gestion/images/${media.id}`, admin, {
        alt_text: 'Des élèves de l’école de Taliouine devant leur classe',
      }),
    );
    expect(figureAlt(await visit(DEMO.cooperationPath))).toBe(
      'Des élèves de l’école de Taliouine devant leur classe',
    );
  });

  it('a contact card', async () => {
    const card = await t.database.db
      .selectFrom('contact_cards')
      .select(['id', 'service_name'])
      .where('workspace_id', '=', defaultWorkspaceId)
      .executeTakeFirstOrThrow();
    expect((await visitCached('/contact')).body).toContain(card.service_name);
    expectRedirect(
      await submitForm(t.app, `/gestion/contacts/${card.id}`, admin, {
        service_name: 'Service des relations internationales',
      }),
    );
    expect((await visit('/contact')).body).toContain('Service des relations internationales');
  });

  it('the site settings', async () => {
    await visitCached('/mentions-legales');
    expectRedirect(
      await submitForm(t.app, '/gestion/parametres', admin, { site_name: 'Pays des Écrins, coopération' }),
    );
    for (const url of ['/', '/mentions-legales']) {
      expect((await visit(url)).body, url).toContain('Pays des Écrins, coopération');
    }
  });

  it('a host name given to another workspace (what `entente workspace host add` does)', async () => {
    const host = 'taliouine-jumelage.example.test';
    const before = await visitCached(`/`);
    expect((await visit('/', { host })).body).toBe(before.body);
    const second = await t.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', DEMO_SECOND.workspaceSlug)
      .executeTakeFirstOrThrow();
    await addWorkspaceHost(t.deps, second.id, host);
    // From the command line, another process: its change is known within a second.
    const deadline = Date.now() + 1000;
    let answer = await visit('/', { host });
    while (answer.body === before.body && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await visit('/', { host });
    }
    expect(answer.body).not.toBe(before.body);
  });
});

describe('over HTTP, answered before Fastify', () => {
  let served: TestApp;
  let origin: string;
  const logLines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) logLines.push(JSON.parse(line));
        done();
      },
    });
    served = await createTestApp({ logStream });
    await served.app.listen({ port: 0, host: '127.0.0.1' });
    const address = served.app.server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await served?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${origin}${path}`, { method, headers, signal: AbortSignal.timeout(30_000) });
  const headersOf = (response: Response) => {
    const kept = Object.fromEntries(response.headers);
    for (const name of ['date', 'connection', 'keep-alive', 'x-cache']) delete kept[name];
    return kept;
  };
  /** The answers the server wrote itself: only they log `cache: "hit"`. */
  const directHits = () => logLines.filter((line) => line.cache === 'hit').length;

  it('answers a kept page with the bytes and headers Fastify sent, and logs it like any request', async () => {
    const first = await get(DEMO.cooperationPath, { 'accept-encoding': 'identity' });
    const firstBody = await first.text();
    expect(first.headers.get('x-cache')).toBe('miss');
    const before = directHits();
    const second = await get(DEMO.cooperationPath, { 'accept-encoding': 'identity' });
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(await second.text()).toBe(firstBody);
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(directHits()).toBe(before + 1);
    const line = logLines.findLast((entry) => entry.cache === 'hit');
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: DEMO.cooperationPath },
    });
  });

  it('answers 304, brotli and HEAD there too', async () => {
    const page = await get('/plan-du-site');
    const body = await page.text();
    const etag = page.headers.get('etag') as string;
    const before = directHits();
    const notModified = await get('/plan-du-site', { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    const brotli = await get('/plan-du-site', { 'accept-encoding': 'br' });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(await brotli.text()).toBe(body); // fetch decompresses
    const head = await get('/plan-du-site', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(page.headers.get('content-length'));
    expect(directHits()).toBe(before + 3);
  });

  it('leaves to Fastify a signed-in person, a notice, another parameter and a form', async () => {
    await get('/contact');
    await get('/contact');
    const before = directHits();
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'editor')!;
    const editor = await signInAs(served.app, account.email, account.password);
    expect((await get('/contact', { cookie: editor })).headers.get('x-cache')).toBeNull();
    expect((await get('/contact', { cookie: 'entente_flash=x' })).headers.get('x-cache')).toBeNull();
    // Answered from the cache all the same, by Fastify, which knows the page reads no parameter.
    expect((await get('/contact?utm_source=lettre')).headers.get('x-cache')).toBe('hit');
    const form = await get(`/envoyer-a-un-ami?page=${encodeURIComponent(DEMO.cooperationPath)}`);
    expect(form.headers.get('x-cache')).toBeNull();
    expect(directHits()).toBe(before);
  });
});
