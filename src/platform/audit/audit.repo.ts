import type { Db } from '../../db/database.js';
import type { AuditEvent } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';

export interface AuditEntry {
  workspaceId: string;
  actorUserId: string | null;
  action: string;
  recordType: string;
  recordId: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** Columns that are derived or technical and would only add noise to a history. */
const LEFT_OUT = new Set(['search_vector', 'body_text']);

function snapshot(record: unknown): string | null {
  if (record === null || record === undefined) return null;
  return JSON.stringify(record, (key, value) => (LEFT_OUT.has(key) ? undefined : value));
}

/** Written with the change, in the same transaction: no change without its trace. */
export async function insertAuditEvent(trx: Db, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      workspace_id: entry.workspaceId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      record_type: entry.recordType,
      record_id: entry.recordId,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      at: entry.at,
    })
    .execute();
}

/** The usual trace of a back-office change: this actor, in its workspace, on one record. */
export async function recordChange(
  trx: Db,
  actor: Actor,
  recordType: string,
  action: string,
  recordId: string,
  before: unknown,
  after: unknown,
  at: Date,
): Promise<void> {
  await insertAuditEvent(trx, {
    workspaceId: actor.workspace.id,
    actorUserId: actor.user.id,
    action,
    recordType,
    recordId,
    before,
    after,
    at,
  });
}

export interface AuditEventWithActor extends AuditEvent {
  actor_name: string | null;
  actor_anonymised: boolean;
}

/** A workspace's events with their authors' names, newest first. */
function eventsWithActors(db: Db, workspaceId: string) {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .selectAll('audit_events')
    .select((eb) => [
      'users.display_name as actor_name',
      eb('users.anonymised_at', 'is not', null).as('actor_anonymised'),
    ])
    .where('audit_events.workspace_id', '=', workspaceId)
    .orderBy('audit_events.id', 'desc');
}

export async function findAuditEvents(
  db: Db,
  workspaceId: string,
  recordType: string,
  recordId: string,
): Promise<AuditEventWithActor[]> {
  return eventsWithActors(db, workspaceId)
    .where('audit_events.record_type', '=', recordType)
    .where('audit_events.record_id', '=', recordId)
    .execute() as Promise<AuditEventWithActor[]>;
}

/** One event of a record's trail, by its id: a version to restore. */
export async function findAuditEvent(
  db: Db,
  workspaceId: string,
  recordType: string,
  recordId: string,
  eventId: number,
): Promise<AuditEvent | undefined> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .where('id', '=', eventId)
    .executeTakeFirst();
}

/** The workspace's latest changes, every kind of record, with their authors' names. */
export async function findRecentAuditEvents(
  db: Db,
  workspaceId: string,
  limit: number,
): Promise<AuditEventWithActor[]> {
  return eventsWithActors(db, workspaceId).limit(limit).execute() as Promise<AuditEventWithActor[]>;
}
