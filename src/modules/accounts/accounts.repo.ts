import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AuthTokenPurpose, Membership, Role, User } from '../../db/schema.js';

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/** The account of an address, locked until the transaction ends. */
export async function findUserByEmailForUpdate(db: Db, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .forUpdate()
    .executeTakeFirst();
}

export async function findUserById(db: Db, userId: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  values: { email: string; display_name: string; password_hash: string | null },
) {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Db,
  userId: string,
  values: Partial<Pick<User, 'email' | 'display_name' | 'password_hash' | 'anonymised_at'>> & {
    updated_at: Date;
  },
) {
  return db
    .updateTable('users')
    .set(values)
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMembership(
  db: Db,
  userId: string,
  workspaceId: string,
): Promise<Membership | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Db,
  values: { user_id: string; workspace_id: string; role: Role; organisation_id?: string | null },
) {
  return db.insertInto('memberships').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateMembership(
  db: Db,
  membershipId: string,
  workspaceId: string,
  values: Partial<Pick<Membership, 'role' | 'deactivated_at' | 'organisation_id'>> & { updated_at: Date },
) {
  return db
    .updateTable('memberships')
    .set(values)
    .where('id', '=', membershipId)
    .where('workspace_id', '=', workspaceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface MemberRow {
  membership_id: string;
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  deactivated_at: Date | null;
  anonymised_at: Date | null;
  /** The membership's version, which the role form sends back. */
  version: number;
}

export async function findMembers(db: Db, workspaceId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.id as membership_id',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'memberships.role',
      'memberships.deactivated_at',
      'users.anonymised_at',
      'memberships.version',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.display_name')
    .execute();
}

export async function findMember(
  db: Db,
  workspaceId: string,
  membershipId: string,
): Promise<MemberRow | undefined> {
  return (await findMembers(db, workspaceId)).find((member) => member.membership_id === membershipId);
}

export async function insertSession(
  db: Db,
  values: { token_hash: string; user_id: string; created_at: Date },
) {
  await db
    .insertInto('sessions')
    .values({ ...values, last_seen_at: values.created_at })
    .execute();
}

export async function findSession(db: Db, tokenHash: string) {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: string, at: Date) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertAuthToken(
  db: Db,
  values: {
    token_hash: string;
    user_id: string;
    workspace_id: string;
    purpose: AuthTokenPurpose;
    expires_at: Date;
    created_at: Date;
  },
) {
  await db.insertInto('auth_tokens').values(values).execute();
}

export async function findAuthToken(db: Db, tokenHash: string, workspaceId: string) {
  return db
    .selectFrom('auth_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** Marks a token used unless it already was: true for the one caller that wins. */
export async function claimAuthToken(db: Db, tokenHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('auth_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertSignInAttempt(
  db: Db,
  values: { account: string; client: string; succeeded: boolean; at: Date },
): Promise<number> {
  const row = await db
    .insertInto('sign_in_attempts')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markSignInAttemptSucceeded(db: Db, attemptId: number) {
  await db.updateTable('sign_in_attempts').set({ succeeded: true }).where('id', '=', attemptId).execute();
}

/** Failed attempts since `since`, newest first, on an account or from a client. */
export async function findRecentFailures(
  db: Db,
  by: 'account' | 'client',
  key: string,
  since: Date,
): Promise<Date[]> {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select('at')
    .where(by, '=', key)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .execute();
  return rows.map((row) => row.at);
}

export async function deleteSignInAttemptsBefore(db: Db, before: Date) {
  await db.deleteFrom('sign_in_attempts').where('at', '<', before).execute();
}

export async function deleteFailuresOfAccount(db: Db, account: string) {
  await db
    .deleteFrom('sign_in_attempts')
    .where('account', '=', account)
    .where('succeeded', '=', false)
    .execute();
}

/** Whether the account belongs to another workspace (only active memberships with `activeOnly`). */
export async function hasMembershipElsewhere(
  db: Db,
  userId: string,
  workspaceId: string,
  activeOnly = false,
): Promise<boolean> {
  let query = db
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', userId)
    .where('workspace_id', '!=', workspaceId);
  if (activeOnly) query = query.where('deactivated_at', 'is', null);
  return !!(await query.executeTakeFirst());
}

export async function deactivateMembershipsOfUser(db: Db, userId: string, at: Date) {
  await db
    .updateTable('memberships')
    .set({ deactivated_at: at, updated_at: at })
    .where('user_id', '=', userId)
    .where('deactivated_at', 'is', null)
    .execute();
}

export async function spendTokensOfUser(db: Db, userId: string, at: Date) {
  await db
    .updateTable('auth_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Replaces the person's address and name in the snapshots of their own account (keys replaced, never added). */
export async function scrubUserFromAuditSnapshots(
  db: Db,
  workspaceId: string,
  userId: string,
  placeholder: { email: string; displayName: string },
) {
  const scrubbed = (column: 'before' | 'after') =>
    sql`jsonb_set(jsonb_set(${sql.ref(column)}, '{email}', to_jsonb(${placeholder.email}::text), false), '{display_name}', to_jsonb(${placeholder.displayName}::text), false)`;
  await sql`UPDATE audit_events SET before = ${scrubbed('before')}, after = ${scrubbed('after')}
    WHERE workspace_id = ${workspaceId} AND record_type = 'user' AND record_id = ${userId}`.execute(db);
}
