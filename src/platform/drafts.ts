import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Unpublished changes to a published record. The public site reads the record's own row; the
 * changes saved meanwhile wait in `record_drafts` (one draft per record) until someone who may
 * publish makes them public, or they are discarded. A contributor may propose a draft for review;
 * a reviewer may send it back with a comment. Each kind of record stores in `data` what its edit
 * form saves, and keeps its own rules for checking and publishing it: this module only keeps the
 * drafts and their review state.
 *
 * Saving a draft moves the record's own version (see `bumpRecordVersion`), so that the edit
 * form's version covers the draft too: two people saving changes to the same published page
 * conflict exactly as they would on its row.
 */
export interface DraftRef {
  workspaceId: string;
  recordType: string;
  recordId: string;
}

export interface RecordDraft {
  recordId: string;
  data: Record<string, unknown>;
  savedAt: Date;
  savedByName: string | null;
  proposedAt: Date | null;
  proposedBy: string | null;
  proposedByName: string | null;
  returnedAt: Date | null;
  returnedByName: string | null;
  returnedComment: string | null;
}

function draftsOf(db: Db, workspaceId: string, recordType: string) {
  return db
    .selectFrom('record_drafts as d')
    .leftJoin('users as saver', 'saver.id', 'd.saved_by')
    .leftJoin('users as proposer', 'proposer.id', 'd.proposed_by')
    .leftJoin('users as returner', 'returner.id', 'd.returned_by')
    .select([
      'd.record_id as recordId',
      'd.data as data',
      'd.saved_at as savedAt',
      'saver.display_name as savedByName',
      'd.proposed_at as proposedAt',
      'd.proposed_by as proposedBy',
      'proposer.display_name as proposedByName',
      'd.returned_at as returnedAt',
      'returner.display_name as returnedByName',
      'd.returned_comment as returnedComment',
    ])
    .where('d.workspace_id', '=', workspaceId)
    .where('d.record_type', '=', recordType);
}

function asDraft(row: Omit<RecordDraft, 'data'> & { data: unknown }): RecordDraft {
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return { ...row, data: (data ?? {}) as Record<string, unknown> };
}

export async function findDraft(db: Db, ref: DraftRef): Promise<RecordDraft | null> {
  const row = await draftsOf(db, ref.workspaceId, ref.recordType)
    .where('d.record_id', '=', ref.recordId)
    .executeTakeFirst();
  return row ? asDraft(row) : null;
}

/** Every draft of one kind of record in a workspace, by record id: what a list of records marks. */
export async function findDrafts(
  db: Db,
  workspaceId: string,
  recordType: string,
): Promise<Map<string, RecordDraft>> {
  const rows = await draftsOf(db, workspaceId, recordType).execute();
  return new Map(rows.map((row) => [row.recordId, asDraft(row)]));
}

/** The drafts proposed for review, oldest first: what awaits a reviewer. */
export async function findProposedDrafts(
  db: Db,
  workspaceId: string,
  recordType: string,
): Promise<RecordDraft[]> {
  const rows = await draftsOf(db, workspaceId, recordType)
    .where('d.proposed_at', 'is not', null)
    .orderBy('d.proposed_at')
    .execute();
  return rows.map(asDraft);
}

/** The drafts a person proposed that were sent back to them: what awaits their author. */
export async function findReturnedDrafts(
  db: Db,
  workspaceId: string,
  recordType: string,
  userId: string,
): Promise<RecordDraft[]> {
  const rows = await draftsOf(db, workspaceId, recordType)
    .where('d.returned_at', 'is not', null)
    .where('d.saved_by', '=', userId)
    .orderBy('d.returned_at', 'desc')
    .execute();
  return rows.map(asDraft);
}

/** Keeps `data` as the record's draft; a proposal or a comment stands until acted on. */
export async function saveDraft(trx: Db, ref: DraftRef, data: object, by: string, at: Date): Promise<void> {
  const json = JSON.stringify(data);
  await trx
    .insertInto('record_drafts')
    .values({
      workspace_id: ref.workspaceId,
      record_type: ref.recordType,
      record_id: ref.recordId,
      data: json,
      saved_by: by,
      saved_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'record_type', 'record_id'])
        .doUpdateSet({ data: json, saved_by: by, saved_at: at }),
    )
    .execute();
}

function whereRef(ref: DraftRef) {
  return sql<boolean>`workspace_id = ${ref.workspaceId} AND record_type = ${ref.recordType}
    AND record_id = ${ref.recordId}`;
}

/** Marks the draft as awaiting review; an earlier comment is answered by it. */
export async function proposeDraft(trx: Db, ref: DraftRef, by: string, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('record_drafts')
    .set({ proposed_by: by, proposed_at: at, returned_by: null, returned_at: null, returned_comment: null })
    .where(whereRef(ref))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Sends the draft back to its author with a comment; it no longer awaits review. */
export async function returnDraft(
  trx: Db,
  ref: DraftRef,
  by: string,
  at: Date,
  comment: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('record_drafts')
    .set({
      proposed_by: null,
      proposed_at: null,
      returned_by: by,
      returned_at: at,
      returned_comment: comment,
    })
    .where(whereRef(ref))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteDraft(trx: Db, ref: DraftRef): Promise<boolean> {
  const result = await trx.deleteFrom('record_drafts').where(whereRef(ref)).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Deletes the drafts of records that no longer exist (purged from the trash). */
export async function deleteDraftsOf(
  trx: Db,
  workspaceId: string,
  recordType: string,
  recordIds: string[],
): Promise<void> {
  if (recordIds.length === 0) return;
  await trx
    .deleteFrom('record_drafts')
    .where('workspace_id', '=', workspaceId)
    .where('record_type', '=', recordType)
    .where('record_id', 'in', recordIds)
    .execute();
}
