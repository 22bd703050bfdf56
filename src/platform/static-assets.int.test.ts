import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { parseHtml, textOf } from '../../test/helpers/html.js';
import { signInAs } from '../../test/helpers/session.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../db/seeds/demo.js';
import { appAssets, assetHref } from './static-assets.js';

/** The files as they are in the folder: what a browser must get back, whatever the encoding. */
const source = (name: string) => readFileSync(new URL(`../assets/${name}`, import.meta.url));

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  const account = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
  admin = await signInAs(t.app, account.email, account.password);
});
afterAll(async () => {
  await t?.close();
});

function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  return t.app.inject({ method, url, headers });
}

/** The stylesheets and scripts a page links under /assets/. */
async function assetLinksOf(url: string, cookie?: string): Promise<string[]> {
  const response = await get(url, cookie ? { cookie } : {});
  expect(response.statusCode, url).toBe(200);
  const document = parseHtml(response.body);
  return [
    ...[...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute('href')!),
    ...[...document.querySelectorAll('script[src]')].map((script) => script.getAttribute('src')!),
  ].filter((href) => href.startsWith('/assets/'));
}

const HASHED = /^\/assets\/[a-z-]+\.[0-9a-f]{10}\.(css|js)$/;

describe('pages link their assets by content-hashed addresses', () => {
  it('on a public page and its printable version', async () => {
    const links = await assetLinksOf(DEMO.cooperationPath);
    expect(links).toEqual([assetHref('site.css'), assetHref('identity.css'), assetHref('menu.js')]);
    for (const href of links) expect(href).toMatch(HASHED);
    const print = await assetLinksOf(`${DEMO.cooperationPath}?version=impression`);
    expect(print).toContain(assetHref('print.js'));
  });

  it('on back-office pages, the settings form and its colour script included', async () => {
    expect(await assetLinksOf('/gestion', admin)).toEqual([
      assetHref('site.css'),
      assetHref('admin.css'),
      assetHref('menu.js'),
    ]);
    const settings = await assetLinksOf('/gestion/parametres', admin);
    expect(settings).toContain(assetHref('colour-field.js'));
    for (const href of settings) expect(href).toMatch(HASHED);
  });

  it('each linked address serves the file for a year, immutable, compressed for browsers', async () => {
    const links = new Set([
      ...(await assetLinksOf(DEMO.cooperationPath)),
      ...(await assetLinksOf(`${DEMO.cooperationPath}?version=impression`)),
      ...(await assetLinksOf('/gestion/parametres', admin)),
    ]);
    expect(links.size).toBe(6);
    for (const href of links) {
      const name = appAssets()
        .all()
        .find((asset) => asset.href === href)!.name;
      const plain = await get(href);
      expect(plain.statusCode, href).toBe(200);
      expect(plain.headers['cache-control'], href).toBe('public, max-age=31536000, immutable');
      expect(plain.headers['content-encoding'], href).toBeUndefined();
      expect(plain.rawPayload.equals(source(name)), href).toBe(true);
      const br = await get(href, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect(br.headers['content-encoding'], href).toBe('br');
      expect(br.headers.vary, href).toBe('Accept-Encoding');
      expect(brotliDecompressSync(br.rawPayload).equals(source(name)), href).toBe(true);
      const gzip = await get(href, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding'], href).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).equals(source(name)), href).toBe(true);
    }
  });
});

describe('GET /assets/* through the application', () => {
  it('answers 304 to the ETag the browser holds, HEAD with headers only', async () => {
    const href = assetHref('site.css');
    const headers = { 'accept-encoding': 'gzip, deflate, br' };
    const first = await get(href, headers);
    const again = await get(href, { ...headers, 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const head = await get(href, headers, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.rawPayload.length).toBe(0);
    expect(head.headers['content-length']).toBe(first.headers['content-length']);
    expect(head.headers['content-encoding']).toBe('br');
  });

  it('keeps the plain address of before the hashes, with a short cache', async () => {
    const response = await get('/assets/site.css');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.rawPayload.equals(source('site.css'))).toBe(true);
  });

  it('sets no cookie and skips no security header', async () => {
    const response = await get(assetHref('menu.js'));
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['/assets/absent.css', '/assets/absent.css'],
    ['/assets/site.0123456789.cs', '/assets/site.0123456789.cs'],
    ['/assets/../../package.json', '/assets/../../package.json'],
    ['/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json'],
    ['/assets/..%5C..%5Cpackage.json', '/assets/..%5C..%5Cpackage.json'],
    ['/assets/site.css%00', '/assets/site.css%00'],
    ['/assets/%00', '/assets/%00'],
    ['/assets/ and a 10,000-character name', `/assets/${'x'.repeat(10_000)}.css`],
  ])('%s gets the French 404 page, not a 5xx', async (_label, url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(parseHtml(response.body).querySelector('h1'))).toBe('Page introuvable');
  });
});

describe('the default favicon', () => {
  it('comes from memory, compressed for browsers that accept it', async () => {
    // The second workspace of the demo has no logo, hence no icon of its own.
    const host = DEMO_SECOND.hostName;
    const response = await get('/favicon.ico', { host, 'accept-encoding': 'br' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    expect(response.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(response.rawPayload).equals(source('favicon.ico'))).toBe(true);
    const again = await get('/favicon.ico', {
      host,
      'accept-encoding': 'br',
      'if-none-match': String(response.headers.etag),
    });
    expect(again.statusCode).toBe(304);
  });
});
