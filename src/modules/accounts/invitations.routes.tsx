import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { Invitation } from '../../db/schema.js';
import { setFlash } from '../../platform/flash.js';
import { type FieldErrors, formBody, parseForm, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { MailDeliveryError } from '../../platform/mail/mailer.js';
import { recordIdOf } from '../../platform/params.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import { SESSION_COOKIE, sessionCookieOptions, viewerOf } from './accounts.hooks.js';
import { linkTokenParams, publicFrame } from './accounts.routes.js';
import {
  acceptNewAccountFields,
  acceptNewAccountSchema,
  acceptSignInFields,
  acceptSignInSchema,
} from './accounts.schemas.js';
import { MessagePageView } from './accounts.views.js';
import {
  type AcceptOutcome,
  acceptBySigningIn,
  acceptWithNewAccount,
  cancelInvitation,
  checkInvitation,
  resendInvitation,
} from './invitations.service.js';
import { type AcceptField, AcceptInvitationView } from './invitations.views.js';

const text = messages.invitations;

export function registerInvitationRoutes(app: FastifyInstance, deps: AppServices): void {
  // The link is a secret: never stored by a cache, never told to another site (Referer).
  const linkPage = { config: { noStore: true } };

  const renderInvalid = async (request: FastifyRequest, reply: FastifyReply) => {
    const frame = await publicFrame(deps, request, '/connexion', text.invalidTitle);
    return sendHtml(
      reply,
      <MessagePageView frame={frame} title={text.invalidTitle} lead={text.invalid} />,
      410,
    );
  };

  const renderAccept = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    invitation: Invitation,
    mode: 'sign_in' | 'new_account',
    state: { displayName?: string; errors?: FieldErrors<AcceptField>; refusal?: string },
    status: number,
  ) => {
    const workspace = workspaceOf(request);
    const frame = await publicFrame(deps, request, '/connexion', text.pageTitle(workspace.name));
    return sendHtml(
      reply,
      <AcceptInvitationView
        frame={frame}
        csrfToken={reply.csrfToken()}
        token={token}
        workspaceName={workspace.name}
        invitation={invitation}
        mode={mode}
        displayName={state.displayName ?? invitation.display_name}
        errors={state.errors ?? {}}
        refusal={state.refusal ?? null}
      />,
      status,
    );
  };

  app.get('/invitation/:token', linkPage, async (request, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    const params = linkTokenParams.safeParse(request.params);
    if (!params.success) return renderInvalid(request, reply);
    const check = await checkInvitation(deps, workspaceOf(request), params.data.token);
    if (check.kind === 'invalid') return renderInvalid(request, reply);
    const mode = check.hasAccount ? 'sign_in' : 'new_account';
    return renderAccept(request, reply, params.data.token, check.invitation, mode, {}, 200);
  });

  app.post('/invitation/:token', linkPage, async (request, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    const params = linkTokenParams.safeParse(request.params);
    if (!params.success) return renderInvalid(request, reply);
    const token = params.data.token;
    const workspace = workspaceOf(request);
    const check = await checkInvitation(deps, workspace, token);
    if (check.kind === 'invalid') return renderInvalid(request, reply);
    const body = formBody(request.body);
    const previousSession = request.cookies[SESSION_COOKIE];
    // Every answer but acceptance shows the form again, in the mode the account calls for.
    const again = (
      mode: 'sign_in' | 'new_account',
      state: Parameters<typeof renderAccept>[5],
      status: number,
    ) => renderAccept(request, reply, token, check.invitation, mode, state, status);

    // The form sent may be the other one: the address got (or lost) an account since the page
    // was shown. Say so and show the right form, rather than judge one with the other's rules.
    const sentNewAccount = 'confirmation' in body || 'display_name' in body;
    if (check.hasAccount && sentNewAccount) return again('sign_in', { refusal: text.accountNowExists }, 409);
    if (!check.hasAccount && !sentNewAccount)
      return again('new_account', { refusal: text.noAccountAnyMore }, 409);

    let outcome: AcceptOutcome;
    if (check.hasAccount) {
      const parsed = parseForm(acceptSignInSchema, body, acceptSignInFields);
      if (!parsed.success) return again('sign_in', { errors: parsed.errors }, 400);
      outcome = await acceptBySigningIn(
        deps,
        workspace,
        token,
        parsed.data.password,
        request.ip,
        previousSession,
      );
    } else {
      const displayName = typedText(body, acceptNewAccountFields).display_name;
      const parsed = parseForm(acceptNewAccountSchema, body, acceptNewAccountFields);
      if (!parsed.success) return again('new_account', { displayName, errors: parsed.errors }, 400);
      outcome = await acceptWithNewAccount(
        deps,
        workspace,
        token,
        { displayName: parsed.data.display_name, password: parsed.data.password },
        previousSession,
      );
    }

    const signInText = messages.accounts.signIn;
    switch (outcome.kind) {
      case 'accepted':
        reply.setCookie(SESSION_COOKIE, outcome.sessionToken, sessionCookieOptions(deps));
        reply.rotateCsrfSecret();
        setFlash(reply, text.welcome(workspace.name));
        return reply.redirect('/gestion', 303);
      case 'invalid':
        return renderInvalid(request, reply);
      case 'sign_in_instead':
        return again('sign_in', { refusal: text.accountNowExists }, 409);
      case 'new_account_instead':
        return again('new_account', { refusal: text.noAccountAnyMore }, 409);
      case 'wrong_password':
        return again('sign_in', { errors: { password: text.errors.wrongPassword } }, 400);
      case 'account_slowed':
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return again('sign_in', { refusal: signInText.accountSlowed(outcome.retryAfterSeconds) }, 429);
      case 'client_limited':
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return again(
          'sign_in',
          { refusal: signInText.clientLimited(Math.ceil(outcome.retryAfterSeconds / 60)) },
          429,
        );
    }
  });

  // The admin's actions on an open invitation.
  const usersManage = { config: { permission: 'users.manage' as const } };
  for (const [path, act, done] of [
    ['renvoyer', resendInvitation, messages.users.invitationResent],
    ['annuler', cancelInvitation, messages.users.invitationCancelled],
  ] as const) {
    app.post(`/gestion/utilisateurs/invitations/:id/${path}`, usersManage, async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      try {
        const invitation = await act(deps, workspaceOf(request), viewerOf(request).user, id);
        setFlash(reply, done(invitation.display_name));
      } catch (error) {
        if (!(error instanceof MailDeliveryError)) throw error;
        request.log.error({ err: error }, 'invitation: mail delivery failed');
        setFlash(reply, messages.users.invitationNotSent);
      }
      return reply.redirect('/gestion/utilisateurs', 303);
    });
  }
}
