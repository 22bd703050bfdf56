import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { Actor } from '../../platform/auth/actor.js';
import { type Permission, roleMay } from '../../platform/auth/permissions.js';
import { markPrivate } from '../../platform/cache-control.js';
import { ForbiddenError } from '../../platform/errors-typed.js';
import { setFlash } from '../../platform/flash.js';
import { messages } from '../../platform/i18n/fr.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import { authenticate, type Viewer } from './accounts.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every back-office route: what the signed-in member must be allowed to do. */
    permission?: Permission;
  }
  interface FastifyRequest {
    viewer?: Viewer;
  }
}

export const SESSION_COOKIE = 'entente_session';

export function sessionCookieOptions(deps: AppServices) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.publicUrl.protocol === 'https:',
  };
}

function redirectToSignIn(request: FastifyRequest, reply: FastifyReply, expired: boolean) {
  if (expired) setFlash(reply, messages.accounts.signIn.expired);
  const back = request.method === 'GET' ? `?retour=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`/connexion${back}`, 303);
}

/**
 * Every route with a `permission` needs a signed-in member of this host's workspace whose
 * role allows it. Signed out: to the sign-in page. Not allowed: a French 403 page. The CSRF
 * check (platform/csrf.ts) runs after, in preHandler, once a multipart body has been read.
 */
export function registerAuthHooks(app: FastifyInstance, deps: AppServices): void {
  // preValidation, before any route's own: an upload's body is read only once the person is
  // known (a signed-out visitor gets the sign-in page without the server reading 10 MB first).
  app.addHook('preValidation', async (request, reply) => {
    const permission = request.routeOptions.config?.permission;
    if (!permission) return;
    // Back-office answers are one person's: no cache keeps them, refusals included.
    markPrivate(reply);
    const token = request.cookies[SESSION_COOKIE];
    const viewer = token && request.workspace ? await authenticate(deps, token, request.workspace) : null;
    if (!viewer) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return redirectToSignIn(request, reply, !!token);
    }
    request.viewer = viewer;
    if (!roleMay(viewer.membership?.role, permission)) {
      throw new ForbiddenError(viewer.membership ? messages.admin.forbidden : messages.admin.notMember);
    }
  });
}

/** The viewer of a route guarded by a permission: the hook has set it. */
export function viewerOf(
  request: FastifyRequest,
): Viewer & { membership: NonNullable<Viewer['membership']> } {
  const viewer = request.viewer;
  if (!viewer?.membership) throw new ForbiddenError(messages.admin.notMember);
  return viewer as Viewer & { membership: NonNullable<Viewer['membership']> };
}

/** The actor of a back-office request: its workspace, user and role there. */
export function actorOf(request: FastifyRequest): Actor {
  const viewer = viewerOf(request);
  return {
    workspace: workspaceOf(request),
    user: viewer.user,
    role: viewer.membership.role,
    partnerOrganisationId: viewer.membership.organisation_id,
  };
}
