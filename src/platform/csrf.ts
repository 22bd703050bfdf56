import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { markPrivate } from './cache-control.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Set only on an unsafe route that must accept requests without a token, with the reason
     * in words. Unset, every POST, PUT, PATCH and DELETE needs a valid token.
     */
    csrfExempt?: string;
  }
  interface FastifyReply {
    /** The token for the forms of this page; the page is then never stored by a cache. */
    csrfToken(): string;
    /**
     * A new secret for this browser: called at sign-in and sign-out, so that no token of the
     * session before (or of nobody's session) is accepted after.
     */
    rotateCsrfSecret(): void;
  }
}

/** The browser's secret, random per browser and replaced at sign-in and sign-out. */
export const CSRF_COOKIE = 'entente_csrf';
/** The form field (or the `x-csrf-token` header) that carries the token. */
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CsrfError extends Error {
  statusCode = 403;
  code = 'ENTENTE_CSRF';
}

export interface CsrfOptions {
  /** The server's secret (SESSION_SECRET): tokens are keyed with a key derived from it. */
  serverSecret: string;
  secureCookie: boolean;
  /** The session cookie's value, if any: tokens are bound to it. */
  sessionTokenOf(request: FastifyRequest): string | undefined;
}

/** The secret each reply uses, once it is known (read from the cookie or made anew). */
const replySecrets = new WeakMap<FastifyReply, string>();

/**
 * What a token is bound to: the browser's secret, the workspace the request reached, and the
 * session (signed in) or its absence. A token taken in another session, in another browser or
 * on another workspace's host does not verify here.
 */
function bindingOf(options: CsrfOptions, request: FastifyRequest, secret: string): string {
  const session = options.sessionTokenOf(request);
  const sessionDigest = session ? createHash('sha256').update(session).digest('base64url') : 'signed-out';
  return `${secret}|${request.workspace?.id ?? 'no-workspace'}|${sessionDigest}`;
}

function mac(key: Buffer, salt: string, binding: string): Buffer {
  return createHmac('sha256', key).update(`${salt}|${binding}`).digest();
}

/**
 * CSRF protection for every unsafe request, in one place: a route is protected unless it says
 * why it is not (`config.csrfExempt`). Tokens are `salt.mac`, a new salt for every page (the
 * token in a compressed page never repeats), the mac binding them to the browser's secret
 * cookie, the workspace and the session.
 */
export function registerCsrfProtection(app: FastifyInstance, options: CsrfOptions): void {
  const key = createHmac('sha256', options.serverSecret).update('entente csrf tokens v1').digest();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookie,
  };

  const setNewSecret = (reply: FastifyReply): string => {
    const secret = randomBytes(32).toString('base64url');
    reply.setCookie(CSRF_COOKIE, secret, cookieOptions);
    replySecrets.set(reply, secret);
    return secret;
  };

  app.decorateReply('csrfToken', function csrfToken(this: FastifyReply): string {
    markPrivate(this);
    const secret =
      replySecrets.get(this) ?? validSecret(this.request.cookies[CSRF_COOKIE]) ?? setNewSecret(this);
    replySecrets.set(this, secret);
    const salt = randomBytes(16).toString('base64url');
    return `${salt}.${mac(key, salt, bindingOf(options, this.request, secret)).toString('base64url')}`;
  });

  app.decorateReply('rotateCsrfSecret', function rotateCsrfSecret(this: FastifyReply): void {
    setNewSecret(this);
  });

  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.is404) return;
    if (request.routeOptions.config?.csrfExempt) return;
    const secret = validSecret(request.cookies[CSRF_COOKIE]);
    const token = tokenOf(request);
    if (!secret || !token) throw new CsrfError('Missing CSRF secret or token');
    const [salt, given] = token.split('.');
    const expected = mac(key, salt ?? '', bindingOf(options, request, secret));
    const givenBytes = Buffer.from(given ?? '', 'base64url');
    if (!salt || givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected))
      throw new CsrfError('Invalid CSRF token');
  });
}

function validSecret(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

function tokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  const token = typeof fromBody === 'string' ? fromBody : request.headers['x-csrf-token'];
  return typeof token === 'string' && token.length <= 200 ? token : undefined;
}
