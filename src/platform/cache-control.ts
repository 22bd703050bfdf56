import type { FastifyInstance, FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every answer of this route is for one person (a secret link, a sign-in): never stored. */
    noStore?: boolean;
  }
}

/** Replies that show something of one person (a form token, a back-office page): never stored. */
const privateReplies = new WeakSet<FastifyReply>();

/** This response is for the person who asked only: no browser history cache, no shared cache. */
export function markPrivate(reply: FastifyReply): void {
  privateReplies.add(reply);
}

/**
 * `Cache-Control: no-store` on every response marked private and on every response that sets a
 * cookie, whatever the route: a proxy that kept one would hand a session, a form token or a
 * notice to the next visitor, and a back-office page would stay readable in a shared browser.
 * Registered after @fastify/cookie, whose own onSend hook writes the Set-Cookie headers first.
 */
export function registerCacheControl(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (privateReplies.has(reply) || request.routeOptions.config?.noStore || reply.hasHeader('set-cookie')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}

/** Whether an If-None-Match header names this entity tag (or is "*"): the answer is then a 304. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
