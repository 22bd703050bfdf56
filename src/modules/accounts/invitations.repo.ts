import type { Db } from '../../db/database.js';
import type { Invitation, Role } from '../../db/schema.js';

/** Open: neither accepted nor cancelled (it may have expired: the list says so). */
function openInvitations(db: Db, workspaceId: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null);
}

export async function findOpenInvitations(db: Db, workspaceId: string): Promise<Invitation[]> {
  return openInvitations(db, workspaceId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findOpenInvitation(
  db: Db,
  workspaceId: string,
  invitationId: string,
): Promise<Invitation | undefined> {
  return openInvitations(db, workspaceId).where('id', '=', invitationId).executeTakeFirst();
}

export async function findInvitationByToken(
  db: Db,
  workspaceId: string,
  tokenHash: string,
): Promise<Invitation | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Whether an invitation to this address waits, unexpired, in the workspace. */
export async function hasOpenInvitation(
  db: Db,
  workspaceId: string,
  email: string,
  now: Date,
): Promise<boolean> {
  const row = await openInvitations(db, workspaceId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return !!row;
}

/** Whether the address belongs to a member of the workspace (deactivated or not): one query. */
export async function isMemberAddress(db: Db, workspaceId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.id')
    .where('memberships.workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return !!row;
}

export async function insertInvitation(
  db: Db,
  values: {
    workspace_id: string;
    email: string;
    display_name: string;
    role: Role;
    organisation_id: string | null;
    token_hash: string;
    invited_by: string;
    created_at: Date;
    expires_at: Date;
  },
): Promise<Invitation> {
  return db.insertInto('invitations').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Cancels the open invitations to this address in the workspace: a new one replaces them. */
export async function cancelOpenInvitationsTo(db: Db, workspaceId: string, email: string, at: Date) {
  await db
    .updateTable('invitations')
    .set({ cancelled_at: at })
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute();
}

/** Changes an invitation that is still open (neither accepted nor cancelled): the row, or nothing. */
async function updateOpenInvitation(
  db: Db,
  workspaceId: string,
  invitationId: string,
  values: Partial<Pick<Invitation, 'cancelled_at' | 'token_hash' | 'created_at' | 'expires_at'>>,
): Promise<Invitation | undefined> {
  return db
    .updateTable('invitations')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function cancelInvitation(db: Db, workspaceId: string, invitationId: string, at: Date) {
  return updateOpenInvitation(db, workspaceId, invitationId, { cancelled_at: at });
}

/** A new link for an open invitation: the old one opens nothing any more. */
export async function renewInvitation(
  db: Db,
  workspaceId: string,
  invitationId: string,
  values: { token_hash: string; created_at: Date; expires_at: Date },
) {
  return updateOpenInvitation(db, workspaceId, invitationId, values);
}

/**
 * Marks the invitation accepted unless it is no longer open, or its link was replaced since it
 * was read: true for the one caller that wins.
 */
export async function claimInvitation(
  db: Db,
  invitationId: string,
  tokenHash: string,
  acceptedBy: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: at, accepted_by: acceptedBy })
    .where('id', '=', invitationId)
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
