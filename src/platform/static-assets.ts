import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { matchesEtag } from './cache-control.js';
import { compressOnce, type Encoding, negotiateEncoding } from './compression.js';

/**
 * The files of `src/assets/` (or `dist/assets/` after `npm run build`), read once at start and
 * served from memory under content-hashed names. Both `npm start`'s bundle (which keeps each
 * module's own import.meta.url) and the compiled `dist/platform/` find the folder one level up.
 */
const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

/** The part of the content hash written in a file's address: 40 bits, no collision among a few files. */
const HASH_LENGTH = 10;

/** A hashed address names these bytes forever: browsers and CDNs keep it a year and never ask again. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * The plain address (`/assets/site.css`), for pages cached before a deploy, bookmarks and tools:
 * five minutes, then a 304 thanks to the ETag. It may give an old page a newer file for five
 * minutes, as the plain address always did.
 */
export const UNHASHED_CACHE_CONTROL = 'public, max-age=300';

/**
 * A hash that is not the current file's (a page rendered by another process during a rolling
 * deploy, or before it): the current file, which no cache may keep under that name without
 * asking again, or a process still on the old version would pin its bytes to the new name.
 */
export const STALE_CACHE_CONTROL = 'no-cache';

/** Longest asset path looked up; anything longer is a 404 without further work. */
const MAX_PATH_LENGTH = 200;

export interface Asset {
  /** Path inside the assets folder, with `/`: `site.css`, `img/logo.svg`. */
  name: string;
  /** `site.1a2b3c4d5e.css` */
  hashedName: string;
  /** `/assets/site.1a2b3c4d5e.css` */
  href: string;
  hash: string;
  type: string;
  identity: Buffer;
  /** Only when smaller than the identity bytes. */
  gzip: Buffer | null;
  br: Buffer | null;
  /** One entity tag per representation: the encodings are different bytes (RFC 9110 §8.8.3). */
  etags: Record<Encoding | 'identity', string>;
}

const TYPES: Record<string, { type: string; compressible: boolean }> = {
  css: { type: 'text/css; charset=utf-8', compressible: true },
  js: { type: 'text/javascript; charset=utf-8', compressible: true },
  mjs: { type: 'text/javascript; charset=utf-8', compressible: true },
  map: { type: 'application/json; charset=utf-8', compressible: true },
  json: { type: 'application/json; charset=utf-8', compressible: true },
  webmanifest: { type: 'application/manifest+json; charset=utf-8', compressible: true },
  txt: { type: 'text/plain; charset=utf-8', compressible: true },
  xml: { type: 'application/xml; charset=utf-8', compressible: true },
  svg: { type: 'image/svg+xml', compressible: true },
  // Icons are mostly uncompressed bitmaps: they shrink a lot.
  ico: { type: 'image/x-icon', compressible: true },
  png: { type: 'image/png', compressible: false },
  jpg: { type: 'image/jpeg', compressible: false },
  jpeg: { type: 'image/jpeg', compressible: false },
  gif: { type: 'image/gif', compressible: false },
  webp: { type: 'image/webp', compressible: false },
  avif: { type: 'image/avif', compressible: false },
  woff2: { type: 'font/woff2', compressible: false },
  woff: { type: 'font/woff', compressible: false },
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > name.lastIndexOf('/') ? name.slice(dot + 1).toLowerCase() : '';
}

function hashedNameOf(name: string, hash: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= name.lastIndexOf('/')) return `${name}.${hash}`;
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

/** Every file under `dir`, as `/`-separated paths relative to it; dot files (editor leftovers) skipped. */
function listFiles(dir: string, prefix = ''): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...listFiles(path.join(dir, entry.name), relative));
    else if (entry.isFile()) names.push(relative);
  }
  return names.sort();
}

/**
 * A stylesheet's `url(…)` references to other assets, rewritten to their hashed addresses, so
 * that an image or font a stylesheet uses is cached as long as the stylesheet. Relative
 * references resolve from the stylesheet's folder; `/assets/…` references are taken as they are;
 * other addresses (data:, https:, another path of the site) are left alone.
 */
export function rewriteCssUrls(
  css: string,
  cssName: string,
  hrefOf: (name: string) => string | null,
): string {
  return css.replace(/url\(\s*(['"]?)([^'")\s]+)\1\s*\)/g, (whole, quote: string, reference: string) => {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(reference)) return whole;
    const cut = reference.search(/[?#]/);
    const target = cut === -1 ? reference : reference.slice(0, cut);
    const suffix = cut === -1 ? '' : reference.slice(cut);
    let name: string;
    if (target.startsWith('/assets/')) name = target.slice('/assets/'.length);
    else if (target.startsWith('/')) return whole;
    else name = path.posix.normalize(path.posix.join(path.posix.dirname(cssName), target));
    const href = hrefOf(name);
    return href ? `url(${quote}${href}${suffix}${quote})` : whole;
  });
}

export interface AssetStore {
  /** The asset of that name (`site.css`), if there is one. */
  get(name: string): Asset | undefined;
  /** Its hashed address; an unknown name throws, so that a typo in a view fails its tests. */
  href(name: string): string;
  /** What an address under /assets/ names: the hashed file, the plain name, or an old hash of it. */
  find(assetPath: string): { asset: Asset; cacheControl: string } | null;
  all(): Asset[];
}

/** Reads, hashes and compresses every file of `dir`, once. */
export function loadAssetStore(dir: string): AssetStore {
  const raw = new Map(listFiles(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
  const byName = new Map<string, Asset>();
  const inProgress = new Set<string>();

  const build = (name: string): Asset => {
    const built = byName.get(name);
    if (built) return built;
    let identity = raw.get(name)!;
    const extension = extensionOf(name);
    if (extension === 'css') {
      // Referenced assets first, since their hashes go into this file's bytes (and so its hash);
      // a stylesheet that refers back to one being built keeps the plain address.
      inProgress.add(name);
      const css = rewriteCssUrls(identity.toString('utf8'), name, (target) =>
        raw.has(target) && !inProgress.has(target) ? build(target).href : null,
      );
      inProgress.delete(name);
      identity = Buffer.from(css, 'utf8');
    }
    const digest = createHash('sha256').update(identity).digest('hex');
    const hash = digest.slice(0, HASH_LENGTH);
    const hashedName = hashedNameOf(name, hash);
    const kind = TYPES[extension] ?? { type: 'application/octet-stream', compressible: false };
    const variants = kind.compressible
      ? compressOnce(identity, { text: kind.type.startsWith('text/') || kind.type.includes('charset') })
      : { gzip: null, br: null };
    const tag = digest.slice(0, 32);
    const asset: Asset = {
      name,
      hashedName,
      href: `/assets/${hashedName}`,
      hash,
      type: kind.type,
      identity,
      ...variants,
      etags: { identity: `"${tag}"`, gzip: `"${tag}-gz"`, br: `"${tag}-br"` },
    };
    byName.set(name, asset);
    return asset;
  };
  for (const name of raw.keys()) build(name);

  const byHashedName = new Map([...byName.values()].map((asset) => [asset.hashedName, asset]));
  return {
    get: (name) => byName.get(name),
    href(name) {
      const asset = byName.get(name);
      if (!asset) throw new Error(`No asset named ${name} in ${dir}`);
      return asset.href;
    },
    find(assetPath) {
      if (assetPath.length > MAX_PATH_LENGTH) return null;
      const hashed = byHashedName.get(assetPath);
      if (hashed) return { asset: hashed, cacheControl: IMMUTABLE_CACHE_CONTROL };
      const plain = byName.get(assetPath);
      if (plain) return { asset: plain, cacheControl: UNHASHED_CACHE_CONTROL };
      const old = /^(.+)\.[0-9a-f]{10}(\.[^./]+)?$/.exec(assetPath);
      const current = old ? byName.get(`${old[1]}${old[2] ?? ''}`) : undefined;
      return current ? { asset: current, cacheControl: STALE_CACHE_CONTROL } : null;
    },
    all: () => [...byName.values()],
  };
}

let defaultStore: AssetStore | undefined;

/** The application's assets, loaded at the first use (buildApp makes that the start). */
export function appAssets(): AssetStore {
  defaultStore ??= loadAssetStore(ASSETS_DIR);
  return defaultStore;
}

/** The address a view writes for an asset: `assetHref('site.css')` → `/assets/site.1a2b3c4d5e.css`. */
export function assetHref(name: string): string {
  return appAssets().href(name);
}

/**
 * One asset from memory: the encoding the client accepts, its entity tag, a 304 when the client
 * holds it, `Vary` so that a shared cache keeps one copy per encoding. HEAD gets the same headers
 * (Fastify's HEAD route runs this and drops the body).
 */
export function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: Asset,
  cacheControl: string,
): FastifyReply {
  const encoding = negotiateEncoding(request.headers['accept-encoding'], asset);
  const etag = asset.etags[encoding ?? 'identity'];
  reply.header('cache-control', cacheControl).header('etag', etag);
  if (asset.gzip || asset.br) reply.header('vary', 'Accept-Encoding');
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const body = encoding ? asset[encoding]! : asset.identity;
  if (encoding) reply.header('content-encoding', encoding);
  return reply.type(asset.type).header('content-length', body.length).send(body);
}

/** `GET /assets/*` from memory. An address that names no asset gets the site's 404 page. */
export function registerStaticAssets(app: FastifyInstance, store: AssetStore = appAssets()): void {
  app.get('/assets/*', (request, reply) => {
    const assetPath = (request.params as { '*'?: string })['*'] ?? '';
    const found = store.find(assetPath);
    if (!found) return reply.callNotFound();
    return sendAsset(request, reply, found.asset, found.cacheControl);
  });
}
