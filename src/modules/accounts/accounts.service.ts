import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Membership, Role, User, Workspace } from '../../db/schema.js';
import { insertAuditEvent } from '../../platform/audit/audit.repo.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../platform/auth/password.js';
import { type Permission, roleMay } from '../../platform/auth/permissions.js';
import { hashToken, newToken } from '../../platform/auth/tokens.js';
import type { Clock } from '../../platform/clock.js';
import { RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import type { JobQueue } from '../../platform/jobs.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { takeRateLimitSlots } from '../../platform/rate-limit.js';
import { refuseStaleSave } from '../../platform/versions.js';
import { absoluteUrl, findWorkspace, workspacePublicUrl } from '../workspaces/workspace.service.js';
import {
  claimAuthToken,
  deactivateMembershipsOfUser,
  deleteFailuresOfAccount,
  deleteSession,
  deleteSessionsOfUser,
  deleteSignInAttemptsBefore,
  findAuthToken,
  findMember,
  findMembers,
  findMembership,
  findRecentFailures,
  findSession,
  findUserByEmail,
  findUserById,
  hasMembershipElsewhere,
  insertAuthToken,
  insertMembership,
  insertSession,
  insertSignInAttempt,
  insertUser,
  type MemberRow,
  markSignInAttemptSucceeded,
  scrubUserFromAuditSnapshots,
  spendTokensOfUser,
  touchSession,
  updateMembership,
  updateUser,
} from './accounts.repo.js';
import { hasOpenInvitation } from './invitations.repo.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SESSION_IDLE_MS = 2 * HOUR;
export const SESSION_MAX_MS = 12 * HOUR;
/** A session's last-seen time is written at most once a minute, not on every request. */
const TOUCH_EVERY_MS = MINUTE;

export const SIGN_IN_WINDOW_MS = 15 * MINUTE;
export const FREE_FAILURES_PER_ACCOUNT = 5;
/** 5 s after the 5th failure, then doubled each time, never more than a minute: slowed, never locked. */
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = MINUTE;
export const MAX_FAILURES_PER_CLIENT = 20;

export const RESET_LINK_MS = HOUR;
export const INVITATION_LINK_MS = 7 * 24 * HOUR;

export interface AccountDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>;
}

/** Who is signed in, and what they are in the workspace of this host (null: not a member). */
export interface Viewer {
  user: User;
  membership: Membership | null;
  sessionHash: string;
}

function clientKey(deps: AccountDeps, clientAddress: string): string {
  return createHmac('sha256', deps.config.sessionSecret)
    .update(`client:${clientAddress}`)
    .digest('base64url')
    .slice(0, 32);
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The wait before the next attempt on an account, given its recent failures (newest first). */
export function accountDelayMs(failureCount: number): number {
  if (failureCount < FREE_FAILURES_PER_ACCOUNT) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failureCount - FREE_FAILURES_PER_ACCOUNT), MAX_DELAY_MS);
}

export type SignInOutcome =
  | { kind: 'signed_in'; token: string; user: User }
  | { kind: 'invalid' }
  | { kind: 'account_slowed'; retryAfterSeconds: number }
  | { kind: 'client_limited'; retryAfterSeconds: number };

type SignInGate =
  | { kind: 'open'; attemptId: number }
  | Extract<SignInOutcome, { kind: 'account_slowed' | 'client_limited' }>;

/**
 * Decides whether an attempt may be checked, and counts it as a failure before the check, all
 * under a lock per account and per client: parallel attempts are counted one after another,
 * so thirty at once cannot all slip under the limits while scrypt runs.
 */
async function openSignInGate(
  deps: AccountDeps,
  account: string,
  client: string,
  now: Date,
): Promise<SignInGate> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  return deps.db.transaction().execute(async (trx) => {
    for (const key of [`sign-in:account:${account}`, `sign-in:client:${client}`].sort()) {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
    }
    const clientFailures = await findRecentFailures(trx, 'client', client, since);
    if (clientFailures.length >= MAX_FAILURES_PER_CLIENT) {
      const oldest = clientFailures[clientFailures.length - 1]!;
      return {
        kind: 'client_limited' as const,
        retryAfterSeconds: secondsUntil(oldest.getTime() + SIGN_IN_WINDOW_MS, now),
      };
    }
    const accountFailures = await findRecentFailures(trx, 'account', account, since);
    const delay = accountDelayMs(accountFailures.length);
    if (delay > 0) {
      const allowedAt = accountFailures[0]!.getTime() + delay;
      if (now.getTime() < allowedAt) {
        return { kind: 'account_slowed' as const, retryAfterSeconds: secondsUntil(allowedAt, now) };
      }
    }
    await deleteSignInAttemptsBefore(trx, new Date(now.getTime() - 24 * HOUR));
    const attemptId = await insertSignInAttempt(trx, { account, client, succeeded: false, at: now });
    return { kind: 'open' as const, attemptId };
  });
}

export type PasswordCheck =
  | { kind: 'valid'; user: User }
  | Extract<SignInOutcome, { kind: 'invalid' | 'account_slowed' | 'client_limited' }>;

/**
 * Checks an account's password under the sign-in limits (per account and per client), whatever
 * form asks: the sign-in form, or an invitation accepted by signing in. `mayUse` says whether the
 * account may be used here; when it may not, the answer is as slow and the same as a wrong
 * password.
 */
export async function checkPasswordWithLimits(
  deps: AccountDeps,
  credentials: { email: string; password: string },
  clientAddress: string,
  mayUse: (user: User) => Promise<boolean>,
): Promise<PasswordCheck> {
  const now = deps.clock.now();
  const account = accountKey(credentials.email);
  const gate = await openSignInGate(deps, account, clientKey(deps, clientAddress), now);
  if (gate.kind !== 'open') return gate;

  const user = await findUserByEmail(deps.db, account);
  const usable = user?.password_hash && !user.anonymised_at && (await mayUse(user));
  const valid = usable
    ? await verifyPassword(credentials.password, user.password_hash!)
    : await verifyAgainstDecoy(credentials.password);
  if (!valid || !user) return { kind: 'invalid' };

  // The owner is back: this attempt succeeded, and earlier failures no longer count.
  await markSignInAttemptSucceeded(deps.db, gate.attemptId);
  await deleteFailuresOfAccount(deps.db, account);
  return { kind: 'valid', user };
}

/**
 * A new session for the account: a new one at each sign-in, so that a session id planted before
 * is worth nothing after. Returns the token for the cookie.
 */
export async function startSession(
  deps: AccountDeps,
  userId: string,
  previousToken?: string,
): Promise<string> {
  if (previousToken) await deleteSession(deps.db, hashToken(previousToken));
  const token = newToken();
  await insertSession(deps.db, {
    token_hash: hashToken(token),
    user_id: userId,
    created_at: deps.clock.now(),
  });
  return token;
}

export async function signIn(
  deps: AccountDeps,
  workspace: Workspace,
  credentials: { email: string; password: string },
  clientAddress: string,
  previousToken?: string,
): Promise<SignInOutcome> {
  const check = await checkPasswordWithLimits(deps, credentials, clientAddress, async (user) => {
    const membership = await findMembership(deps.db, user.id, workspace.id);
    return !!membership && !membership.deactivated_at;
  });
  if (check.kind !== 'valid') return check;
  const token = await startSession(deps, check.user.id, previousToken);
  return { kind: 'signed_in', token, user: check.user };
}

function secondsUntil(time: number, now: Date): number {
  return Math.max(1, Math.ceil((time - now.getTime()) / 1000));
}

/** The viewer of a session token, or null when it is unknown, idle too long or too old. */
export async function authenticate(
  deps: AccountDeps,
  token: string,
  workspace: Workspace,
): Promise<Viewer | null> {
  const sessionHash = hashToken(token);
  const session = await findSession(deps.db, sessionHash);
  if (!session) return null;
  const now = deps.clock.now().getTime();
  const idle = now - session.last_seen_at.getTime() > SESSION_IDLE_MS;
  const tooOld = now - session.created_at.getTime() > SESSION_MAX_MS;
  const user = idle || tooOld ? undefined : await findUserById(deps.db, session.user_id);
  if (!user || user.anonymised_at) {
    await deleteSession(deps.db, sessionHash);
    return null;
  }
  if (now - session.last_seen_at.getTime() > TOUCH_EVERY_MS)
    await touchSession(deps.db, sessionHash, new Date(now));
  const membership = await findMembership(deps.db, user.id, workspace.id);
  return { user, membership: membership && !membership.deactivated_at ? membership : null, sessionHash };
}

export async function signOut(deps: AccountDeps, token: string): Promise<void> {
  await deleteSession(deps.db, hashToken(token));
}

/** The absolute address of a link of this workspace, under its own host name. */
export function workspaceLink(deps: AccountDeps, workspace: Workspace, path: string): string {
  return absoluteUrl(workspacePublicUrl(deps.config, workspace), path);
}

export type ResetRequestOutcome =
  /**
   * `delivery` is the look-up of the address and the sending of the link, not awaited by the
   * answer: a known address must not answer later, or differently when the mail server fails,
   * than an unknown one.
   */
  { kind: 'accepted'; delivery: Promise<void> } | { kind: 'client_limited' };

const NOTHING_TO_SEND: Promise<void> = Promise.resolve();

/**
 * Sends a reset link if the address belongs to a member of this workspace. The answer is the
 * same either way, so the form does not tell who has an account.
 */
export async function requestPasswordReset(
  deps: AccountDeps & { jobs: JobQueue },
  workspace: Workspace,
  email: string,
  clientAddress: string,
): Promise<ResetRequestOutcome> {
  const now = deps.clock.now();
  const account = accountKey(email);
  const full = await takeRateLimitSlots(
    deps.db,
    [
      { bucket: `reset:client:${clientKey(deps, clientAddress)}`, max: 10, windowMs: HOUR },
      { bucket: `reset:account:${workspace.id}:${account}`, max: 3, windowMs: HOUR },
    ],
    now,
  );
  if (full?.bucket.startsWith('reset:client:')) return { kind: 'client_limited' };
  if (full) return { kind: 'accepted', delivery: NOTHING_TO_SEND };

  // Past the limits, the answer leaves at once: whether the address has an account, is a member
  // or is invited here is looked up afterwards, by the job queue, so no answer comes later than
  // another; a mail server down delays the link (retried, then listed for the administrators)
  // without losing it.
  const queued = deps.jobs.enqueue(deps.db, {
    kind: PASSWORD_RESET_JOB,
    workspaceId: workspace.id,
    payload: { account },
  });
  return { kind: 'accepted', delivery: queued.then(() => deps.jobs.runner.wake()) };
}

/** The job that looks the address up and sends the reset link, after the answer. */
export const PASSWORD_RESET_JOB = 'password-reset';

export function registerAccountJobs(deps: AccountDeps & { jobs: JobQueue }): void {
  deps.jobs.handle(PASSWORD_RESET_JOB, async (job) => {
    const { account } = job.payload as { account?: string };
    const workspace = job.workspace_id ? await findWorkspace(deps.db, job.workspace_id) : undefined;
    if (!workspace || !account) throw new Error('password-reset: no workspace or address');
    await sendResetLinkIfKnown(deps, workspace, account, deps.clock.now());
  });
}

/** The reset link, for a member of this workspace or a person invited here who has an account. */
async function sendResetLinkIfKnown(deps: AccountDeps, workspace: Workspace, account: string, now: Date) {
  const user = await findUserByEmail(deps.db, account);
  const membership = user ? await findMembership(deps.db, user.id, workspace.id) : undefined;
  // A person invited here who has an account elsewhere may have forgotten its password: the
  // invitation is accepted by signing in, so the reset is theirs too.
  const invitedHere =
    user && !membership ? await hasOpenInvitation(deps.db, workspace.id, account, now) : false;
  if (!user || user.anonymised_at || !(invitedHere || (membership && !membership.deactivated_at))) return;

  const token = newToken();
  await insertAuthToken(deps.db, {
    token_hash: hashToken(token),
    user_id: user.id,
    workspace_id: workspace.id,
    purpose: 'password_reset',
    expires_at: new Date(now.getTime() + RESET_LINK_MS),
    created_at: now,
  });
  const text = messages.accounts.mail.reset;
  await deps.mailer.send({
    to: user.email,
    subject: text.subject(workspace.name),
    text: text.body(user.display_name, workspaceLink(deps, workspace, `/mot-de-passe/${token}`)),
  });
}

export type TokenCheck = { kind: 'valid'; user: User } | { kind: 'invalid' };

export async function checkPasswordToken(
  deps: AccountDeps,
  workspace: Workspace,
  token: string,
): Promise<TokenCheck> {
  const row = await findAuthToken(deps.db, hashToken(token), workspace.id);
  if (!row || row.used_at || row.expires_at.getTime() <= deps.clock.now().getTime())
    return { kind: 'invalid' };
  const user = await findUserById(deps.db, row.user_id);
  if (!user || user.anonymised_at) return { kind: 'invalid' };
  return { kind: 'valid', user };
}

/**
 * Sets the password of a reset link, once: the link is spent, and so is every other reset link
 * of the account (an older one left in a mailbox opens nothing any more); every session ends.
 */
export async function choosePassword(
  deps: AccountDeps,
  workspace: Workspace,
  token: string,
  password: string,
): Promise<{ kind: 'done'; user: User; member: boolean } | { kind: 'invalid' }> {
  const check = await checkPasswordToken(deps, workspace, token);
  if (check.kind === 'invalid') return check;
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await claimAuthToken(trx, hashToken(token), now))) return { kind: 'invalid' as const };
    const user = await updateUser(trx, check.user.id, { password_hash: passwordHash, updated_at: now });
    await spendTokensOfUser(trx, user.id, now);
    await deleteSessionsOfUser(trx, user.id);
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: user.id,
      action: 'password_reset',
      recordType: 'user',
      recordId: user.id,
      before: null,
      after: null,
      at: now,
    });
    // A person invited here (not yet a member) goes back to the invitation, not to the sign-in.
    const membership = await findMembership(trx, user.id, workspace.id);
    return { kind: 'done' as const, user, member: !!membership && !membership.deactivated_at };
  });
}

/** What the audit trail keeps of a member: never the password hash. */
export function memberSnapshot(
  member: Pick<MemberRow, 'email' | 'display_name' | 'role' | 'deactivated_at' | 'version'>,
) {
  return {
    email: member.email,
    display_name: member.display_name,
    role: member.role,
    deactivated_at: member.deactivated_at,
    version: member.version,
  };
}

export async function listMembers(deps: AccountDeps, workspace: Workspace): Promise<MemberRow[]> {
  return findMembers(deps.db, workspace.id);
}

export async function findWorkspaceMember(deps: AccountDeps, workspace: Workspace, membershipId: string) {
  return findMember(deps.db, workspace.id, membershipId);
}

/** The active members whose role allows `permission`: the people a notice of that work is for. */
export async function listActiveMembersWhoMay(
  db: Db,
  workspaceId: string,
  permission: Permission,
): Promise<Array<Pick<MemberRow, 'user_id' | 'email' | 'display_name'>>> {
  return (await findMembers(db, workspaceId)).filter(
    (m) => roleMay(m.role, permission) && !m.deactivated_at && !m.anonymised_at,
  );
}

async function countActiveAdmins(db: Db, workspaceId: string): Promise<number> {
  return (await findMembers(db, workspaceId)).filter(
    (m) => m.role === 'admin' && !m.deactivated_at && !m.anonymised_at,
  ).length;
}

/** A role comes from the member's form, with the version that form was opened on. */
type MemberChange = { role: Role; openedVersion: number } | { deactivated: boolean };

/** Role changes and (de)activations, keeping at least one active admin in the workspace. */
export async function changeMember(
  deps: AccountDeps,
  workspace: Workspace,
  actor: User,
  membershipId: string,
  change: MemberChange,
): Promise<MemberRow> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findMember(trx, workspace.id, membershipId);
    if (!before) throw new RuleError('member', messages.accounts.errors.memberNotFound);
    if ('role' in change) {
      await refuseStaleSave(trx, {
        table: 'memberships',
        key: { id: membershipId },
        workspaceId: workspace.id,
        recordType: 'user',
        recordId: before.user_id,
        openedVersion: change.openedVersion,
        fields: ['role', 'deactivated_at'],
        asRecorded: async () => memberSnapshot((await findMember(trx, workspace.id, membershipId))!),
      });
      // The same role again records nothing: no version, no history line.
      if (change.role === before.role) return before;
    }
    const losesAdmin =
      before.role === 'admin' &&
      !before.deactivated_at &&
      (('role' in change && change.role !== 'admin') || ('deactivated' in change && change.deactivated));
    if (losesAdmin && (await countActiveAdmins(trx, workspace.id)) <= 1) {
      throw new RuleError('role', messages.accounts.errors.lastAdmin);
    }
    await updateMembership(trx, membershipId, workspace.id, {
      ...('role' in change ? { role: change.role } : { deactivated_at: change.deactivated ? now : null }),
      updated_at: now,
    });
    // Sessions serve every workspace of the account: end them only if none is left open to it.
    if (
      'deactivated' in change &&
      change.deactivated &&
      !(await hasMembershipElsewhere(trx, before.user_id, workspace.id, true))
    ) {
      await deleteSessionsOfUser(trx, before.user_id);
    }
    const after = (await findMember(trx, workspace.id, membershipId))!;
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: actor.id,
      action: 'role' in change ? 'change_role' : change.deactivated ? 'deactivate' : 'reactivate',
      recordType: 'user',
      recordId: before.user_id,
      before: memberSnapshot(before),
      after: memberSnapshot(after),
      at: now,
    });
    return after;
  });
}

/**
 * Replaces the person's name and address by a placeholder and ends their access everywhere;
 * the id stays, so the history still shows which changes were made by that (now anonymous) account.
 */
export async function anonymiseMember(
  deps: AccountDeps,
  workspace: Workspace,
  actor: User,
  membershipId: string,
): Promise<MemberRow> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findMember(trx, workspace.id, membershipId);
    if (!before) throw new RuleError('member', messages.accounts.errors.memberNotFound);
    if (before.user_id === actor.id)
      throw new RuleError('member', messages.accounts.errors.cannotAnonymiseSelf);
    if (
      before.role === 'admin' &&
      !before.deactivated_at &&
      (await countActiveAdmins(trx, workspace.id)) <= 1
    ) {
      throw new RuleError('role', messages.accounts.errors.lastAdmin);
    }
    // An account is shared by the workspaces it belongs to: only a person known to this
    // workspace alone may be anonymised from here, or one admin could erase another's member.
    if (await hasMembershipElsewhere(trx, before.user_id, workspace.id)) {
      throw new RuleError('member', messages.accounts.errors.memberElsewhere);
    }
    const anonymousEmail = `anonyme-${before.user_id}@anonyme.invalid`;
    await updateUser(trx, before.user_id, {
      email: anonymousEmail,
      display_name: messages.accounts.anonymisedName,
      password_hash: null,
      anonymised_at: now,
      updated_at: now,
    });
    await deactivateMembershipsOfUser(trx, before.user_id, now);
    await deleteSessionsOfUser(trx, before.user_id);
    await spendTokensOfUser(trx, before.user_id, now);
    // The account's own history keeps every event but no longer shows the person's name and address.
    await scrubUserFromAuditSnapshots(trx, workspace.id, before.user_id, {
      email: anonymousEmail,
      displayName: messages.accounts.anonymisedName,
    });
    const after = (await findMember(trx, workspace.id, membershipId))!;
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: actor.id,
      action: 'anonymise',
      recordType: 'user',
      recordId: before.user_id,
      before: null,
      after: memberSnapshot(after),
      at: now,
    });
    return after;
  });
}

/** `entente user add`: a member with a password, typically the first admin. */
export async function addUserWithPassword(
  db: Db,
  clock: Clock,
  workspace: Workspace,
  values: { email: string; displayName: string; role: Role; password: string },
): Promise<User> {
  const passwordHash = await hashPassword(values.password);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, values.email);
    const user = existing
      ? await updateUser(trx, existing.id, { password_hash: passwordHash, updated_at: now })
      : await insertUser(trx, {
          email: values.email,
          display_name: values.displayName,
          password_hash: passwordHash,
        });
    // A new password voids every reset link the account still had.
    if (existing) await spendTokensOfUser(trx, user.id, now);
    const membership = await findMembership(trx, user.id, workspace.id);
    if (membership)
      await updateMembership(trx, membership.id, workspace.id, {
        role: values.role,
        deactivated_at: null,
        updated_at: now,
      });
    else await insertMembership(trx, { user_id: user.id, workspace_id: workspace.id, role: values.role });
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: null,
      action: 'cli_add',
      recordType: 'user',
      recordId: user.id,
      before: null,
      after: { email: user.email, display_name: user.display_name, role: values.role },
      at: now,
    });
    return user;
  });
}
