import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Workspace } from '../db/schema.js';
import { matchesEtag } from './cache-control.js';
import { compressOnce, negotiateEncoding } from './compression.js';
import type { PublicationVersions } from './publication.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's answers are the same for every visitor: they may be kept in the render cache,
     * under the workspace, the path and the query parameters named here (the others change
     * nothing, so a made-up parameter cannot fill the cache with copies).
     */
    publicCache?: { query?: readonly string[] };
  }
}

/**
 * One public answer as rendered: its bytes, the headers it was sent with, and the publication
 * version of the workspace when its rendering began. The compressed copies are made on the first
 * request that accepts them, then kept.
 */
export interface CachedAnswer {
  key: string;
  workspaceId: string;
  version: number;
  headers: Record<string, string | number | string[]>;
  etag: string;
  identity: Buffer;
  /** Made on the first request that accepts a compressed page; a copy not smaller is null. */
  compressed?: { gzip: Buffer | null; br: Buffer | null };
  bytes: number;
}

/** The route options of a public page that reads no query parameter. */
export const publicPage = { config: { publicCache: {} } };

/** What an entry costs besides its bytes: the key, the headers, the map's own. */
const ENTRY_OVERHEAD_BYTES = 1024;

/**
 * The public pages as rendered, least recently used first out, within a size in bytes. An entry
 * is served only while its workspace's publication version is the one it was made from.
 */
export class RenderCache {
  readonly #entries = new Map<string, CachedAnswer>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, currentVersion: number): CachedAnswer | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== currentVersion) {
      this.#bytes -= entry.bytes;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry;
  }

  set(entry: CachedAnswer): void {
    const key = entry.key;
    const previous = this.#entries.get(key);
    if (previous) {
      this.#entries.delete(key);
      this.#bytes -= previous.bytes;
    }
    // One page may take an eighth of the cache at most: a huge one would empty it for itself.
    if (entry.bytes > this.maxBytes / 8) return;
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    for (const [oldestKey, oldest] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldestKey);
      this.#bytes -= oldest.bytes;
    }
  }

  /** A compressed copy was added to an entry: its size counts from now on. */
  grew(entry: CachedAnswer, addedBytes: number): void {
    entry.bytes += addedBytes;
    if (this.#entries.get(entry.key) === entry) this.#bytes += addedBytes;
  }

  /** Frees at once what the workspaces whose version moved had here. */
  dropWorkspaces(workspaceIds: ReadonlySet<string>): void {
    for (const [key, entry] of this.#entries) {
      if (workspaceIds.has(entry.workspaceId)) {
        this.#entries.delete(key);
        this.#bytes -= entry.bytes;
      }
    }
  }
}

/** Headers that belong to one exchange, or that the cache writes itself. */
const HEADERS_NOT_KEPT = new Set([
  'set-cookie',
  'content-length',
  'content-encoding',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'etag',
  'vary',
  'cache-control',
  'x-cache',
]);

/**
 * Browsers ask again each time (a 304 when nothing changed); a shared cache in front (a CDN) may
 * keep a page a minute, the longest a change may take to reach its visitors.
 */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, must-revalidate';

/**
 * The bytes to send and their encoding: the identity bytes unless the client accepts brotli or
 * gzip, whose copies are made once, on the first request that accepts them, then kept.
 */
function bodyFor(
  cache: RenderCache,
  entry: CachedAnswer,
  acceptEncoding: string | undefined,
): { body: Buffer; encoding: 'br' | 'gzip' | null } {
  if (!acceptEncoding || negotiateEncoding(acceptEncoding, { br: true, gzip: true }) === null) {
    return { body: entry.identity, encoding: null };
  }
  if (!entry.compressed) {
    entry.compressed = compressOnce(entry.identity, { text: true });
    cache.grew(entry, (entry.compressed.gzip?.length ?? 0) + (entry.compressed.br?.length ?? 0));
  }
  const encoding = negotiateEncoding(acceptEncoding, entry.compressed);
  return { body: (encoding && entry.compressed[encoding]) || entry.identity, encoding };
}

/**
 * A compressed copy is the same page in other bytes: its tag is the page's, marked weak, as nginx
 * does when it compresses. A conditional request matches either (matchesEtag ignores the mark).
 */
function etagFor(entry: CachedAnswer, encoding: 'br' | 'gzip' | null): string {
  return encoding ? `W/${entry.etag}` : entry.etag;
}

/**
 * What a kept answer sends to one request: 304 when the client holds the page, else the bytes in
 * the encoding it accepts. One function for both paths (Fastify's hooks and the HTTP server's
 * fast path), so that they cannot drift apart.
 */
function cachedResponse(
  cache: RenderCache,
  entry: CachedAnswer,
  requestHeaders: IncomingHttpHeaders,
  hit: boolean,
): { status: 200 | 304; headers: Record<string, string>; body: Buffer | null } {
  const { body, encoding } = bodyFor(cache, entry, requestHeaders['accept-encoding']);
  const headers: Record<string, string> = {
    etag: etagFor(entry, encoding),
    'cache-control': PUBLIC_PAGE_CACHE_CONTROL,
    vary: 'Accept-Encoding',
    'x-cache': hit ? 'hit' : 'miss',
  };
  if (matchesEtag(requestHeaders['if-none-match'], entry.etag)) {
    return { status: 304, headers, body: null };
  }
  if (encoding) headers['content-encoding'] = encoding;
  return { status: 200, headers, body };
}

function answer(
  cache: RenderCache,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: CachedAnswer,
  hit: boolean,
): Buffer | string {
  const { status, headers, body } = cachedResponse(cache, entry, request.headers, hit);
  reply.headers(headers);
  if (body === null) {
    reply.code(status);
    reply.removeHeader('content-type');
    return '';
  }
  return body;
}

interface PendingAnswer {
  key: string;
  workspaceId: string;
  version: number;
}

/**
 * The render cache on every route whose config says `publicCache`: a request of a visitor (no
 * session, no notice waiting) is answered from memory when the page was rendered at the current
 * publication version; otherwise the page is rendered, and kept if its answer is a 200 that sets
 * no cookie and is not marked private. A signed-in person is never served a visitor's copy, and
 * their own pages are never kept. Registered after the workspace is known, and after every other
 * onSend hook, so that what is kept is what was sent.
 */
export function registerRenderCache(
  app: FastifyInstance,
  options: {
    cache: RenderCache | null;
    publication: PublicationVersions;
    /** Cookies that make a page one person's: their holder is neither served nor kept. */
    personalCookies: readonly string[];
  },
): void {
  const { cache, publication, personalCookies } = options;
  const pending = new WeakMap<FastifyRequest, PendingAnswer>();
  if (cache) publication.onChange((changed) => cache.dropWorkspaces(changed));

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config?.publicCache;
    if (!config || !request.workspace) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (personalCookies.some((name) => request.cookies[name] !== undefined)) return;
    const workspaceId = request.workspace.id;
    // Taken before anything is read: a change committed during the rendering makes the copy old.
    const version = publication.current(workspaceId);
    const key = cacheKey(workspaceId, request.url, config.query ?? []);
    const entry = cache?.get(key, version);
    if (entry) {
      reply.headers(entry.headers);
      return reply.send(answer(cache!, request, reply, entry, true));
    }
    pending.set(request, { key, workspaceId, version });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const waiting = pending.get(request);
    if (!waiting) return payload;
    pending.delete(request);
    if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    if (String(reply.getHeader('cache-control') ?? '').includes('no-store')) return payload;
    if (!cache || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const identity = Buffer.from(payload);
    const headers: CachedAnswer['headers'] = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined && !HEADERS_NOT_KEPT.has(name)) headers[name] = value;
    }
    const entry: CachedAnswer = {
      key: waiting.key,
      workspaceId: waiting.workspaceId,
      version: waiting.version,
      headers,
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      identity,
      bytes: identity.length + ENTRY_OVERHEAD_BYTES,
    };
    cache.set(entry);
    return answer(cache, request, reply, entry, false);
  });
}

/**
 * Workspace, path as sent, and the named query parameters as sent (still encoded, in their order):
 * two addresses that a route could read differently never share a key.
 */
function cacheKey(workspaceId: string, url: string, queryNames: readonly string[]): string {
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  if (mark === -1 || queryNames.length === 0) return `${workspaceId} ${path}`;
  const kept = url
    .slice(mark + 1)
    .split('&')
    .filter((pair) => queryNames.includes(pair.split('=')[0] ?? ''));
  return kept.length === 0 ? `${workspaceId} ${path}` : `${workspaceId} ${path}?${kept.join('&')}`;
}

/**
 * The same answers as the onRequest hook above, straight from the HTTP server, before Fastify
 * parses anything: a visitor's page kept under exactly the address asked (its query included) is
 * written from memory with the headers it was first sent with. Anything else (another parameter
 * in the address, a cookie of a person, a page not kept, a POST) goes on to Fastify, which may
 * still answer from the cache. Static-file speed needs this: the hooks and the reply object cost
 * more than the rest of a cached answer.
 */
/** The levels at which Fastify logs each request it answers. */
const LOGGED_LEVELS = new Set(['trace', 'debug', 'info']);

export function createCachedAnswerPath(options: {
  cache: RenderCache;
  publication: PublicationVersions;
  /** The workspace of a Host header; null when it is being read again (Fastify's path waits). */
  resolveWorkspace: (hostHeader: string | undefined) => Workspace | undefined | null;
  personalCookies: readonly string[];
  log: FastifyBaseLogger;
}): (request: IncomingMessage, response: ServerResponse) => boolean {
  const { cache, publication, resolveWorkspace, personalCookies, log } = options;
  const cookieMarks = personalCookies.map((name) => `${name}=`);
  return (request, response) => {
    const started = performance.now();
    const { method, url } = request;
    if ((method !== 'GET' && method !== 'HEAD') || !url) return false;
    const cookie = request.headers.cookie;
    if (cookie && cookieMarks.some((mark) => cookie.includes(mark))) return false;
    const workspace = resolveWorkspace(request.headers.host);
    if (!workspace) return false;
    const entry = cache.get(`${workspace.id} ${url}`, publication.current(workspace.id));
    if (!entry) return false;
    const { status, headers, body } = cachedResponse(cache, entry, request.headers, true);
    const sent: Record<string, string | number | string[]> = { ...entry.headers, ...headers };
    if (body === null) {
      delete sent['content-type'];
      response.writeHead(status, sent);
      response.end();
    } else {
      sent['content-length'] = body.length;
      response.writeHead(status, sent);
      response.end(method === 'HEAD' ? undefined : body);
    }
    // The line Fastify writes for the requests it answers, so that the log shows every request.
    if (LOGGED_LEVELS.has(log.level)) {
      log.info(
        {
          req: { method, url, host: request.headers.host },
          res: { statusCode: status },
          responseTime: performance.now() - started,
          cache: 'hit',
        },
        'request completed',
      );
    }
    return true;
  };
}
