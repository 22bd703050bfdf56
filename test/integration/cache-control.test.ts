import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_ACCOUNTS } from '../../src/db/seeds/demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { parseHtml } from '../helpers/html.js';
import { concreteUrl, findRealIds, type RealIds } from '../helpers/routes.js';
import { openForm, postForm, signInAs } from '../helpers/session.js';

/**
 * What proxies and browsers may keep: nothing of one person (back office, sign-in, secret links,
 * forms with a token, anything that sets a cookie), and media for five minutes at most.
 */
let t: TestApp;
let admin: string;
let ids: RealIds;

beforeAll(async () => {
  t = await createTestApp();
  const account = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
  admin = await signInAs(t.app, account.email, account.password);
  ids = await findRealIds(t.database.db);
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...headers } });

const noStore = (response: LightMyRequestResponse) => response.headers['cache-control'] === 'no-store';

describe('Cache-Control', () => {
  it('sends no-store on every back-office answer, for every route the server answers', async () => {
    const failures: string[] = [];
    const backOffice = t.app.routeCatalogue.filter((route) => route.method === 'GET' && route.permission);
    expect(backOffice.length).toBeGreaterThan(20);
    for (const route of backOffice) {
      const url = concreteUrl('GET', route.url, ids);
      const response = await get(url, admin);
      if (response.statusCode !== 200 || !noStore(response))
        failures.push(`${url}: ${response.statusCode} ${response.headers['cache-control']}`);
      // Signed out, the redirect to the sign-in page is not kept either.
      const signedOut = await get(url);
      if (!noStore(signedOut)) failures.push(`${url} signed out: ${signedOut.headers['cache-control']}`);
    }
    expect(failures).toEqual([]);
  });

  it('sends no-store on every answer that sets a cookie, on any route', async () => {
    const failures: string[] = [];
    let withCookie = 0;
    for (const route of t.app.routeCatalogue.filter((r) => r.method === 'GET')) {
      const url = concreteUrl('GET', route.url, ids);
      // A first visit (no cookie yet) and a stale session cookie both make the server set one.
      for (const cookie of [undefined, 'entente_session=perimee-depuis-longtemps']) {
        const response = await get(url, cookie);
        if (!response.headers['set-cookie']) continue;
        withCookie++;
        if (!noStore(response))
          failures.push(`${url} (${cookie ?? 'no cookie'}): ${response.headers['cache-control']}`);
      }
    }
    expect(failures).toEqual([]);
    expect(withCookie).toBeGreaterThan(10);
  });

  it('sends no-store on the sign-in, reset and link pages even when they set no cookie', async () => {
    const form = await openForm(t.app, '/connexion');
    for (const url of [
      '/connexion',
      '/mot-de-passe-oublie',
      '/mot-de-passe/jeton-inconnu-de-vingt-caracteres',
    ]) {
      const response = await get(url, form.cookie);
      expect(response.headers['set-cookie'], url).toBeUndefined();
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
    const failedSignIn = await postForm(t.app, '/connexion', form, {
      email: 'x@example.test',
      password: 'x',
    });
    expect(failedSignIn.statusCode).toBe(400);
    expect(failedSignIn.headers['cache-control']).toBe('no-store');
  });

  it('sends no-store on a public form that carries a token, and not on a plain public page', async () => {
    const form = await openForm(t.app, '/connexion');
    const share = await get(
      `/envoyer-a-un-ami?page=${encodeURIComponent(DEMO.cooperationPath)}`,
      form.cookie,
    );
    expect(share.statusCode).toBe(200);
    expect(share.headers['set-cookie']).toBeUndefined();
    expect(share.headers['cache-control']).toBe('no-store');
    const page = await get(DEMO.cooperationPath);
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(noStore(page)).toBe(false);
  });
});

describe('media files in shared caches', () => {
  it('may be kept five minutes at most, then revalidated with an ETag (304, no bytes)', async () => {
    const page = parseHtml((await get(DEMO.cooperationPath)).body);
    const src = page.querySelector('main figure img')!.getAttribute('src')!;
    const first = await get(src);
    expect(first.statusCode).toBe(200);
    const cacheControl = String(first.headers['cache-control']);
    const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(300);
    expect(cacheControl).toContain('must-revalidate');
    expect(cacheControl).not.toMatch(/immutable|stale-while-revalidate|stale-if-error/);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);

    const again = await get(src, undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // A tag that is not this file's gets the file.
    expect((await get(src, undefined, { 'if-none-match': '"une-autre-version"' })).statusCode).toBe(200);
  });

  it('answers 404 as soon as the image is in the trash, even to a cache revalidating its copy', async () => {
    const media = await t.database.db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', ids.media)
      .executeTakeFirstOrThrow();
    const src = `/medias/${media.id}/${media.storage_key.split('/').pop()}`;
    const etag = String((await get(src)).headers.etag);
    await t.database.db
      .updateTable('media')
      .set({ deleted_at: new Date(), deletion_id: crypto.randomUUID() })
      .where('id', '=', media.id)
      .execute();
    try {
      const gone = await get(src, undefined, { 'if-none-match': etag });
      expect(gone.statusCode).toBe(404);
    } finally {
      await t.database.db
        .updateTable('media')
        .set({ deleted_at: null, deletion_id: null })
        .where('id', '=', media.id)
        .execute();
    }
  });
});

describe('a reverse proxy without TRUST_PROXY', () => {
  it('logs one clear warning when requests carry X-Forwarded-For, and only once', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const proxied = await createTestApp({ logStream });
    try {
      await proxied.app.inject({ method: 'GET', url: '/' });
      const warnings = () =>
        lines
          .map((line) => JSON.parse(line))
          .filter((entry) => entry.level === 40 && /TRUST_PROXY/.test(entry.msg));
      expect(warnings()).toEqual([]);
      for (let i = 0; i < 3; i++)
        await proxied.app.inject({
          method: 'GET',
          url: '/',
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0].msg).toContain('X-Forwarded-For');
    } finally {
      await proxied.close();
    }
    // With TRUST_PROXY set, the header is expected: no warning.
    lines.length = 0;
    const trusted = await createTestApp({ logStream, trustProxy: ['127.0.0.1'] });
    try {
      await trusted.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(lines.filter((line) => line.includes('TRUST_PROXY'))).toEqual([]);
    } finally {
      await trusted.close();
    }
  });
});
