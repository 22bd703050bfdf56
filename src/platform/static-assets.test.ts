import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssetStore, loadAssetStore, registerStaticAssets, rewriteCssUrls } from './static-assets.js';

const script = `${'// Progressive enhancement, repeated so that it compresses.\n'.repeat(40)}window.ok = true;\n`;
const picture = randomBytes(600);

let dir: string;
let store: AssetStore;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'entente-assets-'));
  mkdirSync(path.join(dir, 'img'));
  writeFileSync(path.join(dir, 'img', 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dir, 'picture.png'), picture);
  writeFileSync(path.join(dir, 'menu.js'), script);
  writeFileSync(path.join(dir, 'tiny.js'), 'x');
  writeFileSync(path.join(dir, '.editor-leftover.swp'), 'x');
  writeFileSync(
    path.join(dir, 'site.css'),
    [
      '.a { background: url(img/dot.svg); }',
      '.b { background: url("/assets/img/dot.svg#shape"); }',
      ".c { background: url('data:image/png;base64,AAAA'); }",
      '.d { background: url(https://example.test/x.png); }',
      '.e { background: url(absent.png); }',
    ].join('\n'),
  );
  store = loadAssetStore(dir);
  app = Fastify();
  registerStaticAssets(app, store);
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).type('text/html; charset=utf-8').send('absent'),
  );
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  return app.inject({ method, url, headers });
}

describe('loadAssetStore', () => {
  it('names every file of the folder, subfolders included, with a short content hash', () => {
    expect(
      store
        .all()
        .map((asset) => asset.name)
        .sort(),
    ).toEqual(['img/dot.svg', 'menu.js', 'picture.png', 'site.css', 'tiny.js']);
    expect(store.href('menu.js')).toMatch(/^\/assets\/menu\.[0-9a-f]{10}\.js$/);
    expect(store.href('img/dot.svg')).toMatch(/^\/assets\/img\/dot\.[0-9a-f]{10}\.svg$/);
  });

  it('throws on an unknown name, so that a typo in a view fails its tests', () => {
    expect(() => store.href('sites.css')).toThrow(/sites\.css/);
  });

  it('changes the hash when the bytes change, and only then', () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'entente-assets-'));
    try {
      writeFileSync(path.join(copy, 'menu.js'), script);
      expect(loadAssetStore(copy).href('menu.js')).toBe(store.href('menu.js'));
      writeFileSync(path.join(copy, 'menu.js'), `${script} `);
      expect(loadAssetStore(copy).href('menu.js')).not.toBe(store.href('menu.js'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('keeps gzip and Brotli variants only when smaller, and none for pictures', () => {
    const menu = store.get('menu.js')!;
    expect(menu.br!.length).toBeLessThan(menu.identity.length);
    expect(menu.gzip!.length).toBeLessThan(menu.identity.length);
    expect(store.get('tiny.js')).toMatchObject({ gzip: null, br: null });
    expect(store.get('picture.png')).toMatchObject({ gzip: null, br: null });
  });

  it("rewrites a stylesheet's references to other assets to their hashed addresses", () => {
    const css = store.get('site.css')!.identity.toString('utf8');
    const dot = store.href('img/dot.svg');
    expect(css).toContain(`.a { background: url(${dot}); }`);
    expect(css).toContain(`.b { background: url("${dot}#shape"); }`);
    expect(css).toContain("url('data:image/png;base64,AAAA')");
    expect(css).toContain('url(https://example.test/x.png)');
    expect(css).toContain('url(absent.png)');
  });
});

describe('rewriteCssUrls', () => {
  it('resolves relative references from the stylesheet folder and leaves escapes out of the folder', () => {
    const hrefOf = (name: string) => `/assets/${name.replace('.svg', '.h.svg')}`;
    expect(rewriteCssUrls('url(../img/a.svg)', 'css/site.css', hrefOf)).toBe('url(/assets/img/a.h.svg)');
    expect(rewriteCssUrls('url(/other/a.svg)', 'site.css', hrefOf)).toBe('url(/other/a.svg)');
    expect(rewriteCssUrls('url(#a)', 'site.css', hrefOf)).toBe('url(#a)');
  });
});

describe('GET /assets/*', () => {
  it('serves a hashed address for a year, immutable, with an ETag and Vary', async () => {
    const menu = store.get('menu.js')!;
    const response = await get(menu.href);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-length']).toBe(String(menu.identity.length));
    expect(response.rawPayload.equals(menu.identity)).toBe(true);
  });

  it('sends Brotli to a browser that accepts it, bytes that decompress to the file', async () => {
    const response = await get(store.href('menu.js'), { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-length']).toBe(String(response.rawPayload.length));
    expect(brotliDecompressSync(response.rawPayload).toString('utf8')).toBe(script);
  });

  it('sends gzip to a client that refuses Brotli', async () => {
    const response = await get(store.href('menu.js'), { 'accept-encoding': 'br;q=0, gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).toString('utf8')).toBe(script);
  });

  it('sends the file as it is where compressing would not make it smaller', async () => {
    const response = await get(store.href('picture.png'), { 'accept-encoding': 'br, gzip' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers.vary).toBeUndefined();
    expect(response.rawPayload.equals(picture)).toBe(true);
  });

  it('answers 304 to the ETag of the representation it would send, and 200 to another', async () => {
    const href = store.href('menu.js');
    const first = await get(href, { 'accept-encoding': 'br' });
    const again = await get(href, { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The Brotli bytes' tag does not stand for the plain ones.
    const plain = await get(href, { 'if-none-match': String(first.headers.etag) });
    expect(plain.statusCode).toBe(200);
    expect(plain.rawPayload.equals(store.get('menu.js')!.identity)).toBe(true);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const href = store.href('menu.js');
    const head = await get(href, { 'accept-encoding': 'gzip' }, 'HEAD');
    const full = await get(href, { 'accept-encoding': 'gzip' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    for (const name of [
      'content-type',
      'content-length',
      'content-encoding',
      'etag',
      'cache-control',
      'vary',
    ]) {
      expect(head.headers[name], name).toBe(full.headers[name]);
    }
  });

  it('keeps the plain address working with a short cache', async () => {
    const response = await get('/assets/site.css');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.rawPayload.equals(store.get('site.css')!.identity)).toBe(true);
  });

  it('answers an old hash with the current file, which no cache may keep under that name', async () => {
    const response = await get('/assets/menu.0123456789.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.rawPayload.equals(store.get('menu.js')!.identity)).toBe(true);
  });

  it.each([
    ['/assets/', '/assets/'],
    ['/assets/absent.css', '/assets/absent.css'],
    ['/assets/absent.0123456789.css', '/assets/absent.0123456789.css'],
    ['/assets/../package.json', '/assets/../package.json'],
    ['/assets/%2e%2e/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json'],
    ['/assets/..%2F..%2Fpackage.json', '/assets/..%2F..%2Fpackage.json'],
    ['/assets/menu.js%00', '/assets/menu.js%00'],
    ['/assets/%00', '/assets/%00'],
    ['/assets/%FF', '/assets/%FF'],
    ['/assets/.editor-leftover.swp', '/assets/.editor-leftover.swp'],
    ['/assets/ and a 5,000-character name', `/assets/${'a'.repeat(5_000)}.css`],
    ['/assets/ and 500 folders deep', `/assets/${'a/'.repeat(500)}menu.js`],
  ])('%s is refused with a 4xx, never a 5xx', async (_label, url) => {
    const response = await get(url);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toContain('window.ok');
  });
});
