import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import { RuleError } from '../../platform/errors-typed.js';
import { setFlash, takeFlash } from '../../platform/flash.js';
import { formBody, parseForm, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { MailDeliveryError } from '../../platform/mail/mailer.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import { type StaleSave, StaleVersionError } from '../../platform/versions.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { buildFixedPageFrame, loadWorkspaceSite } from '../content/content.service.js';
import { listOrganisations } from '../organisations/organisations.service.js';
import { actorOf, SESSION_COOKIE, sessionCookieOptions, viewerOf } from './accounts.hooks.js';
import {
  choosePasswordFields,
  choosePasswordSchema,
  inviteFields,
  inviteSchema,
  resetRequestFields,
  resetRequestSchema,
  roleChangeSchema,
  signInFields,
  signInSchema,
} from './accounts.schemas.js';
import {
  anonymiseMember,
  changeMember,
  checkPasswordToken,
  choosePassword,
  findWorkspaceMember,
  listMembers,
  registerAccountJobs,
  requestPasswordReset,
  signIn,
  signOut,
} from './accounts.service.js';
import {
  ChoosePasswordView,
  InviteView,
  MembersView,
  MemberView,
  MessagePageView,
  ResetRequestView,
  SignInView,
} from './accounts.views.js';
import { inviteMember, listOpenInvitations } from './invitations.service.js';

const text = messages.accounts;

/** The secret of a link, as our tokens are made: anything else opens nothing. */
export const linkTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
const membershipParams = z.object({ id: z.uuid() });

/** Printable ASCII without blanks or backslashes: what a `Location` header may carry as it is. */
const PLAIN_PATH = /^\/gestion(?:[/?][\x21-\x5b\x5d-\x7e]*)?$/;
const ANY_SITE = new URL('https://site.invalid/');

/**
 * Where a sign-in goes on: a plain back-office path of this site, as the URL parser resolves it
 * ("/gestion/../.." leaves the back office), or else the dashboard. Anything that is not plain
 * (another host, a line break, a byte outside ASCII) falls back; it never reaches a header.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !PLAIN_PATH.test(value)) return '/gestion';
  const url = new URL(value, ANY_SITE);
  const path = `${url.pathname}${url.search}`;
  const inBackOffice = url.origin === ANY_SITE.origin && /^\/gestion(?:\/|$)/.test(url.pathname);
  return inBackOffice && PLAIN_PATH.test(path) ? path : '/gestion';
}

/** The public frame of an account page (sign-in, reset, invitation): no canonical link. */
export async function publicFrame(deps: AppServices, request: FastifyRequest, path: string, title: string) {
  const site = await loadWorkspaceSite(deps, workspaceOf(request));
  return { ...buildFixedPageFrame(site, path, title), canonicalUrl: null };
}

export function registerAccountRoutes(app: FastifyInstance, deps: AppServices): void {
  registerAccountJobs(deps);
  // Sign-in, reset and invitation pages hold a person's secret link or answer: never stored.
  const noStore = { config: { noStore: true } };
  const renderSignIn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { email?: string; back?: string; errors?: Record<string, string>; refusal?: string | null },
    status: number,
  ) => {
    const frame = await publicFrame(deps, request, '/connexion', text.signIn.pageTitle);
    return sendHtml(
      reply,
      <SignInView
        frame={frame}
        csrfToken={reply.csrfToken()}
        email={state.email ?? ''}
        back={state.back ?? '/gestion'}
        errors={state.errors ?? {}}
        notice={takeFlash(request, reply)}
        refusal={state.refusal ?? null}
      />,
      status,
    );
  };

  app.get('/connexion', noStore, async (request, reply) => {
    const back = safeReturnPath((request.query as { retour?: unknown }).retour);
    return renderSignIn(request, reply, { back }, 200);
  });

  app.post('/connexion', noStore, async (request, reply) => {
    const body = formBody(request.body);
    const back = safeReturnPath(body.retour);
    const parsed = parseForm(signInSchema, body, signInFields);
    const email = typedText(body, signInFields).email;
    if (!parsed.success) return renderSignIn(request, reply, { email, back, errors: parsed.errors }, 400);
    const outcome = await signIn(
      deps,
      workspaceOf(request),
      parsed.data,
      request.ip,
      request.cookies[SESSION_COOKIE],
    );
    switch (outcome.kind) {
      case 'signed_in':
        reply.setCookie(SESSION_COOKIE, outcome.token, sessionCookieOptions(deps));
        reply.rotateCsrfSecret();
        return reply.redirect(back, 303);
      case 'invalid':
        return renderSignIn(request, reply, { email, back, errors: { email: text.signIn.invalid } }, 400);
      case 'account_slowed':
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return renderSignIn(
          request,
          reply,
          { email, back, refusal: text.signIn.accountSlowed(outcome.retryAfterSeconds) },
          429,
        );
      case 'client_limited':
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return renderSignIn(
          request,
          reply,
          { email, back, refusal: text.signIn.clientLimited(Math.ceil(outcome.retryAfterSeconds / 60)) },
          429,
        );
    }
  });

  app.post('/deconnexion', noStore, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(deps, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.rotateCsrfSecret();
    setFlash(reply, text.signIn.signedOut);
    return reply.redirect('/connexion', 303);
  });

  const renderResetRequest = async (
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    errors: Record<string, string>,
    status: number,
  ) => {
    const frame = await publicFrame(deps, request, '/mot-de-passe-oublie', text.reset.pageTitle);
    return sendHtml(
      reply,
      <ResetRequestView frame={frame} csrfToken={reply.csrfToken()} email={email} errors={errors} />,
      status,
    );
  };

  app.get('/mot-de-passe-oublie', noStore, (request, reply) =>
    renderResetRequest(request, reply, '', {}, 200),
  );

  app.post('/mot-de-passe-oublie', noStore, async (request, reply) => {
    const body = formBody(request.body);
    const parsed = parseForm(resetRequestSchema, body, resetRequestFields);
    if (!parsed.success)
      return renderResetRequest(
        request,
        reply,
        typedText(body, resetRequestFields).email,
        parsed.errors,
        400,
      );
    const outcome = await requestPasswordReset(deps, workspaceOf(request), parsed.data.email, request.ip);
    if (outcome.kind === 'accepted') {
      outcome.delivery.catch((error: unknown) =>
        request.log.error({ err: error }, 'password reset: mail delivery failed'),
      );
    }
    const frame = await publicFrame(deps, request, '/mot-de-passe-oublie', text.reset.sentTitle);
    if (outcome.kind === 'client_limited') {
      return sendHtml(
        reply,
        <MessagePageView frame={frame} title={text.reset.pageTitle} lead={text.reset.tooMany} />,
        429,
      );
    }
    return sendHtml(
      reply,
      <MessagePageView frame={frame} title={text.reset.sentTitle} lead={text.reset.sent} />,
    );
  });

  const renderInvalidToken = async (request: FastifyRequest, reply: FastifyReply) => {
    const frame = await publicFrame(deps, request, '/mot-de-passe-oublie', text.choosePassword.invalidTitle);
    return sendHtml(
      reply,
      <MessagePageView
        frame={frame}
        title={text.choosePassword.invalidTitle}
        lead={text.choosePassword.invalid}
        link={{ href: '/mot-de-passe-oublie', label: text.signIn.forgotten }}
      />,
      410,
    );
  };

  const renderChoosePassword = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    errors: Record<string, string>,
    status: number,
  ) => {
    const check = await checkPasswordToken(deps, workspaceOf(request), token);
    if (check.kind === 'invalid') return renderInvalidToken(request, reply);
    const frame = await publicFrame(deps, request, '/mot-de-passe-oublie', text.choosePassword.resetTitle);
    return sendHtml(
      reply,
      <ChoosePasswordView frame={frame} csrfToken={reply.csrfToken()} token={token} errors={errors} />,
      status,
    );
  };

  const tokenParams = linkTokenParams;

  app.get('/mot-de-passe/:token', noStore, async (request, reply) => {
    const params = tokenParams.safeParse(request.params);
    if (!params.success) return renderInvalidToken(request, reply);
    // The link is a secret: no other site should learn it through the Referer header.
    reply.header('referrer-policy', 'no-referrer');
    return renderChoosePassword(request, reply, params.data.token, {}, 200);
  });

  app.post('/mot-de-passe/:token', noStore, async (request, reply) => {
    const params = tokenParams.safeParse(request.params);
    if (!params.success) return renderInvalidToken(request, reply);
    reply.header('referrer-policy', 'no-referrer');
    const parsed = parseForm(choosePasswordSchema, request.body, choosePasswordFields);
    if (!parsed.success) return renderChoosePassword(request, reply, params.data.token, parsed.errors, 400);
    const outcome = await choosePassword(deps, workspaceOf(request), params.data.token, parsed.data.password);
    if (outcome.kind === 'invalid') return renderInvalidToken(request, reply);
    setFlash(reply, outcome.member ? text.signIn.passwordChanged : text.signIn.passwordChangedInvited);
    return reply.redirect('/connexion', 303);
  });

  // The users screen (admin).
  const usersManage = { config: { permission: 'users.manage' as const } };
  const usersManagePost = usersManage;

  app.get('/gestion/utilisateurs', usersManage, async (request, reply) => {
    const workspace = workspaceOf(request);
    const [members, invitations] = await Promise.all([
      listMembers(deps, workspace),
      listOpenInvitations(deps, workspace),
    ]);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <MembersView
        frame={frame}
        members={members}
        invitations={invitations}
        viewerUserId={viewerOf(request).user.id}
        now={deps.clock.now()}
      />,
    );
  });

  const renderInvite = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<'email' | 'display_name' | 'role' | 'organisation_id', string>,
    errors: Record<string, string>,
    status: number,
  ) => {
    const frame = await buildAdminFrame(deps, request, reply);
    const organisations = await listOrganisations(deps, actorOf(request));
    return sendHtml(
      reply,
      <InviteView
        frame={frame}
        csrfToken={frame.csrfToken}
        values={values}
        errors={errors}
        organisations={organisations.map((o) => ({ id: o.id, name: o.name }))}
      />,
      status,
    );
  };

  app.get('/gestion/utilisateurs/inviter', usersManage, (request, reply) =>
    renderInvite(
      request,
      reply,
      {
        email: '',
        display_name: '',
        // « Inviter un compte de cette collectivité », from a partnership's page.
        role: (request.query as { role?: unknown }).role === 'partner' ? 'partner' : '',
        organisation_id: String((request.query as { organisation?: unknown }).organisation ?? '').slice(
          0,
          36,
        ),
      },
      {},
      200,
    ),
  );

  app.post('/gestion/utilisateurs/inviter', usersManagePost, async (request, reply) => {
    const body = formBody(request.body);
    const values = typedText(body, inviteFields);
    const parsed = parseForm(inviteSchema, body, inviteFields);
    if (!parsed.success) return renderInvite(request, reply, values, parsed.errors, 400);
    try {
      const invitation = await inviteMember(deps, workspaceOf(request), viewerOf(request).user, {
        email: parsed.data.email,
        displayName: parsed.data.display_name,
        role: parsed.data.role,
        organisationId: parsed.data.organisation_id,
      });
      setFlash(reply, messages.users.invited(invitation.display_name));
      return reply.redirect('/gestion/utilisateurs', 303);
    } catch (error) {
      if (error instanceof RuleError)
        return renderInvite(request, reply, values, { [error.field]: error.message }, 400);
      if (error instanceof MailDeliveryError) {
        request.log.error({ err: error }, 'invitation: mail delivery failed');
        return renderInvite(request, reply, values, { email: messages.users.invitationNotSent }, 503);
      }
      throw error;
    }
  });

  const loadMember = async (request: FastifyRequest) => {
    const params = membershipParams.safeParse(request.params);
    return params.success ? findWorkspaceMember(deps, workspaceOf(request), params.data.id) : undefined;
  };

  const renderMember = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string>,
    status: number,
    refused?: { stale: StaleSave; role: string },
  ) => {
    const member = await loadMember(request);
    if (!member || member.anonymised_at) return reply.callNotFound();
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <MemberView
        frame={frame}
        member={member}
        csrfToken={frame.csrfToken}
        errors={errors}
        refused={refused}
      />,
      status,
    );
  };

  app.get('/gestion/utilisateurs/:id', usersManage, (request, reply) =>
    renderMember(request, reply, {}, 200),
  );

  const memberAction = (
    path: string,
    act: (request: FastifyRequest, membershipId: string) => Promise<unknown>,
    done: string,
  ) => {
    app.post(`/gestion/utilisateurs/:id/${path}`, usersManagePost, async (request, reply) => {
      const member = await loadMember(request);
      if (!member || member.anonymised_at) return reply.callNotFound();
      try {
        await act(request, member.membership_id);
      } catch (error) {
        // A refused role change is told beside the role; a refused action, beside the actions.
        if (error instanceof RuleError)
          return renderMember(request, reply, { [path === 'role' ? 'role' : 'actions']: error.message }, 400);
        if (error instanceof StaleVersionError) {
          const typedRole = formBody(request.body).role;
          return renderMember(request, reply, {}, 409, {
            stale: error.stale,
            role: typeof typedRole === 'string' ? typedRole : '',
          });
        }
        throw error;
      }
      setFlash(reply, done);
      return reply.redirect(
        path === 'anonymiser' ? '/gestion/utilisateurs' : `/gestion/utilisateurs/${member.membership_id}`,
        303,
      );
    });
  };

  memberAction(
    'role',
    async (request, id) => {
      const parsed = parseForm(roleChangeSchema, request.body, ['role']);
      if (!parsed.success)
        throw new RuleError('role', parsed.errors.role ?? messages.accounts.errors.roleRequired);
      return changeMember(deps, workspaceOf(request), viewerOf(request).user, id, {
        role: parsed.data.role,
        openedVersion: parsed.data.version,
      });
    },
    messages.users.roleChanged,
  );
  memberAction(
    'desactiver',
    (request, id) =>
      changeMember(deps, workspaceOf(request), viewerOf(request).user, id, { deactivated: true }),
    messages.users.deactivated,
  );
  memberAction(
    'reactiver',
    (request, id) =>
      changeMember(deps, workspaceOf(request), viewerOf(request).user, id, { deactivated: false }),
    messages.users.reactivated,
  );
  memberAction(
    'anonymiser',
    (request, id) => anonymiseMember(deps, workspaceOf(request), viewerOf(request).user, id),
    messages.users.anonymised,
  );

  app.get('/gestion/utilisateurs/:id/historique', usersManage, async (request, reply) => {
    const member = await loadMember(request);
    if (!member) return reply.callNotFound();
    return sendRecordHistory(deps, request, reply, {
      type: 'user',
      id: member.user_id,
      backHref: '/gestion/utilisateurs',
      title: member.display_name,
    });
  });
}
