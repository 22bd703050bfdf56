import { sql } from 'kysely';
import type { Invitation, Role, User, Workspace } from '../../db/schema.js';
import { insertAuditEvent } from '../../platform/audit/audit.repo.js';
import { hashPassword } from '../../platform/auth/password.js';
import { hashToken, newToken } from '../../platform/auth/tokens.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import {
  findMember,
  findMembership,
  findUserByEmail,
  findUserByEmailForUpdate,
  insertMembership,
  insertUser,
  spendTokensOfUser,
  updateMembership,
  updateUser,
} from './accounts.repo.js';
import {
  type AccountDeps,
  checkPasswordWithLimits,
  INVITATION_LINK_MS,
  memberSnapshot,
  type PasswordCheck,
  startSession,
  workspaceLink,
} from './accounts.service.js';
import {
  cancelInvitation as cancelInvitationRow,
  cancelOpenInvitationsTo,
  claimInvitation,
  findInvitationByToken,
  findOpenInvitation,
  findOpenInvitations,
  insertInvitation,
  isMemberAddress,
  renewInvitation,
} from './invitations.repo.js';

export const INVITATION_RECORD_TYPE = 'invitation';

/** What the audit trail keeps of an invitation: what the admin typed. */
function invitationSnapshot(invitation: Invitation) {
  return {
    email: invitation.email,
    display_name: invitation.display_name,
    role: invitation.role,
    expires_at: invitation.expires_at,
  };
}

/**
 * The message is the same for every address, known to Entente or not: the invitee learns there
 * whether to choose a password or to sign in, never the workspace that invites.
 */
async function sendInvitation(
  deps: AccountDeps,
  workspace: Workspace,
  inviter: User,
  invitation: { email: string; displayName: string; role: Role },
  token: string,
): Promise<void> {
  const text = messages.accounts.mail.invitation;
  await deps.mailer.send({
    to: invitation.email,
    subject: text.subject(workspace.name),
    text: text.body(
      invitation.displayName,
      inviter.display_name,
      workspace.name,
      messages.roles[invitation.role],
      workspaceLink(deps, workspace, `/invitation/${token}`),
    ),
  });
}

export async function listOpenInvitations(deps: AccountDeps, workspace: Workspace): Promise<Invitation[]> {
  return findOpenInvitations(deps.db, workspace.id);
}

/**
 * Invites a person to the workspace. Nothing is looked up but this workspace's own members: the
 * answer, its time and the message are the same whether the address has an account elsewhere
 * or not. The link leaves first, and only a message that left is recorded; an open invitation
 * to the same address is replaced.
 */
export async function inviteMember(
  deps: AccountDeps,
  workspace: Workspace,
  inviter: User,
  form: { email: string; displayName: string; role: Role; organisationId?: string | null },
): Promise<Invitation> {
  const email = form.email.trim();
  if (form.organisationId && !(await isWorkspaceOrganisation(deps.db, workspace.id, form.organisationId)))
    throw new RuleError('organisation_id', messages.accounts.errors.partnerOrganisationRequired);
  if (await isMemberAddress(deps.db, workspace.id, email))
    throw new RuleError('email', messages.accounts.errors.alreadyMember);
  const token = newToken();
  await sendInvitation(deps, workspace, inviter, { ...form, email }, token);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Two invitations of one address at once are made one after the other.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`invite:${workspace.id}:${email.toLowerCase()}`}))`.execute(
      trx,
    );
    if (await isMemberAddress(trx, workspace.id, email))
      throw new RuleError('email', messages.accounts.errors.alreadyMember);
    await cancelOpenInvitationsTo(trx, workspace.id, email, now);
    const invitation = await insertInvitation(trx, {
      workspace_id: workspace.id,
      email,
      display_name: form.displayName,
      role: form.role,
      organisation_id: form.organisationId ?? null,
      token_hash: hashToken(token),
      invited_by: inviter.id,
      created_at: now,
      expires_at: new Date(now.getTime() + INVITATION_LINK_MS),
    });
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: inviter.id,
      action: 'invite',
      recordType: INVITATION_RECORD_TYPE,
      recordId: invitation.id,
      before: null,
      after: invitationSnapshot(invitation),
      at: now,
    });
    return invitation;
  });
}

/** Sends an open invitation again with a new link, valid seven days; the old link dies. */
export async function resendInvitation(
  deps: AccountDeps,
  workspace: Workspace,
  inviter: User,
  invitationId: string,
): Promise<Invitation> {
  const open = await findOpenInvitation(deps.db, workspace.id, invitationId);
  if (!open) throw new NotFoundError(messages.users.invitationGone);
  const token = newToken();
  await sendInvitation(
    deps,
    workspace,
    inviter,
    { email: open.email, displayName: open.display_name, role: open.role },
    token,
  );
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const renewed = await renewInvitation(trx, workspace.id, invitationId, {
      token_hash: hashToken(token),
      created_at: now,
      expires_at: new Date(now.getTime() + INVITATION_LINK_MS),
    });
    if (!renewed) throw new NotFoundError(messages.users.invitationGone);
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: inviter.id,
      action: 'invitation_resend',
      recordType: INVITATION_RECORD_TYPE,
      recordId: renewed.id,
      before: invitationSnapshot(open),
      after: invitationSnapshot(renewed),
      at: now,
    });
    return renewed;
  });
}

export async function cancelInvitation(
  deps: AccountDeps,
  workspace: Workspace,
  actor: User,
  invitationId: string,
): Promise<Invitation> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const cancelled = await cancelInvitationRow(trx, workspace.id, invitationId, now);
    if (!cancelled) throw new NotFoundError(messages.users.invitationGone);
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: actor.id,
      action: 'invitation_cancel',
      recordType: INVITATION_RECORD_TYPE,
      recordId: cancelled.id,
      before: invitationSnapshot(cancelled),
      after: null,
      at: now,
    });
    return cancelled;
  });
}

export type InvitationCheck =
  | {
      kind: 'open';
      invitation: Invitation;
      /** The address has an account: the invitee accepts by signing in. */
      hasAccount: boolean;
    }
  | { kind: 'invalid' };

/** What a link opens: an open, unexpired invitation of this workspace, or nothing. */
export async function checkInvitation(
  deps: AccountDeps,
  workspace: Workspace,
  token: string,
): Promise<InvitationCheck> {
  const invitation = await findInvitationByToken(deps.db, workspace.id, hashToken(token));
  const now = deps.clock.now().getTime();
  if (
    !invitation ||
    invitation.accepted_at ||
    invitation.cancelled_at ||
    invitation.expires_at.getTime() <= now
  )
    return { kind: 'invalid' };
  const account = await findUserByEmail(deps.db, invitation.email);
  if (account?.anonymised_at) return { kind: 'invalid' };
  return { kind: 'open', invitation, hasAccount: !!account?.password_hash };
}

export type AcceptOutcome =
  | { kind: 'accepted'; sessionToken: string; user: User }
  | { kind: 'invalid' }
  /** The address has (or, by now, has) an account: accept by signing in. */
  | { kind: 'sign_in_instead' }
  /** The address has no account (any more): choose a password. */
  | { kind: 'new_account_instead' }
  | { kind: 'wrong_password' }
  | Exclude<PasswordCheck, { kind: 'valid' | 'invalid' }>;

/**
 * Makes the invitee a member, once: the invitation is spent in the same transaction, by the link
 * that was opened (a link replaced by « Renvoyer » meanwhile opens nothing). A membership an
 * admin had deactivated comes back with the invitation's role: the admin has invited again.
 */
async function joinWorkspace(
  trx: AccountDeps['db'],
  workspace: Workspace,
  invitation: Invitation,
  user: User,
  now: Date,
): Promise<boolean> {
  if (!(await claimInvitation(trx, invitation.id, invitation.token_hash, user.id, now))) return false;
  const existing = await findMembership(trx, user.id, workspace.id);
  const membership = existing
    ? await updateMembership(trx, existing.id, workspace.id, {
        role: invitation.role,
        organisation_id: invitation.organisation_id,
        deactivated_at: null,
        updated_at: now,
      })
    : await insertMembership(trx, {
        user_id: user.id,
        workspace_id: workspace.id,
        role: invitation.role,
        organisation_id: invitation.organisation_id,
      });
  const member = await findMember(trx, workspace.id, membership.id);
  await insertAuditEvent(trx, {
    workspaceId: workspace.id,
    actorUserId: user.id,
    action: 'invitation_accepted',
    recordType: 'user',
    recordId: user.id,
    before: null,
    after: member ? memberSnapshot(member) : null,
    at: now,
  });
  return true;
}

/** "I already have an account": the invitee signs in, under the sign-in limits, and is a member. */
export async function acceptBySigningIn(
  deps: AccountDeps,
  workspace: Workspace,
  token: string,
  password: string,
  clientAddress: string,
  previousSession?: string,
): Promise<AcceptOutcome> {
  const check = await checkInvitation(deps, workspace, token);
  if (check.kind === 'invalid') return check;
  if (!check.hasAccount) return { kind: 'new_account_instead' };
  const credentials = await checkPasswordWithLimits(
    deps,
    { email: check.invitation.email, password },
    clientAddress,
    async () => true,
  );
  if (credentials.kind === 'invalid') return { kind: 'wrong_password' };
  if (credentials.kind !== 'valid') return credentials;
  const now = deps.clock.now();
  const joined = await deps.db
    .transaction()
    .execute((trx) => joinWorkspace(trx, workspace, check.invitation, credentials.user, now));
  if (!joined) return { kind: 'invalid' };
  const sessionToken = await startSession(deps, credentials.user.id, previousSession);
  return { kind: 'accepted', sessionToken, user: credentials.user };
}

const UNIQUE_VIOLATION = '23505';

/** "I am new here": the invitee chooses a name and a password; the account is made and joins. */
export async function acceptWithNewAccount(
  deps: AccountDeps,
  workspace: Workspace,
  token: string,
  form: { displayName: string; password: string },
  previousSession?: string,
): Promise<AcceptOutcome> {
  const check = await checkInvitation(deps, workspace, token);
  if (check.kind === 'invalid') return check;
  if (check.hasAccount) return { kind: 'sign_in_instead' };
  const passwordHash = await hashPassword(form.password);
  const now = deps.clock.now();
  let outcome: User | 'has_account' | 'spent';
  try {
    outcome = await deps.db.transaction().execute(async (trx) => {
      // Read under a lock: a password chosen meanwhile (a reset) is never overwritten.
      const existing = await findUserByEmailForUpdate(trx, check.invitation.email);
      if (existing?.password_hash || existing?.anonymised_at) return 'has_account' as const;
      const made = existing
        ? await updateUser(trx, existing.id, {
            display_name: form.displayName,
            password_hash: passwordHash,
            updated_at: now,
          })
        : await insertUser(trx, {
            email: check.invitation.email,
            display_name: form.displayName,
            password_hash: passwordHash,
          });
      // A new password voids every reset link the account may have had.
      if (existing) await spendTokensOfUser(trx, made.id, now);
      return (await joinWorkspace(trx, workspace, check.invitation, made, now)) ? made : ('spent' as const);
    });
  } catch (error) {
    // The address got an account at this very moment: it is accepted by signing in.
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return { kind: 'sign_in_instead' };
    throw error;
  }
  if (outcome === 'has_account') return { kind: 'sign_in_instead' };
  if (outcome === 'spent') return { kind: 'invalid' };
  const user = outcome;
  const sessionToken = await startSession(deps, user.id, previousSession);
  return { kind: 'accepted', sessionToken, user };
}

/** Whether `id` is a live organisation of the workspace (what a partner account may represent). */
async function isWorkspaceOrganisation(
  db: AccountDeps['db'],
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
