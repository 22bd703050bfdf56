import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import {
  clearDeletion,
  deleteRowsForGood,
  findRowsOfDeletion,
  markDeleted,
  type TrashableTable,
} from '../db/trash.repo.js';
import { recordChange } from './audit/audit.repo.js';
import type { Actor } from './auth/actor.js';
import { deleteDraftsOf } from './drafts.js';

/**
 * The trash's three moves for a record kind, each written once with its audit line: to the trash
 * (one deletion id), back (the whole deletion), and away for good. Each module keeps its own
 * rules (what may go, what may come back) and calls these.
 */
export interface TrashKind<T extends TrashableTable> {
  table: T;
  /** As the audit trail names it. */
  recordType: string;
}

export async function moveToTrash<T extends TrashableTable>(
  trx: Db,
  actor: Actor,
  kind: TrashKind<T>,
  before: Selectable<Database[T]> & { id: string },
  deletionId: string,
  now: Date,
): Promise<void> {
  const [after] = await markDeleted(trx, kind.table, actor.workspace.id, [before.id], {
    deletionId,
    at: now,
    by: actor.user.id,
  });
  await recordChange(trx, actor, kind.recordType, 'delete', before.id, before, after ?? null, now);
}

/** Brings back the rows of one deletion; none when the deletion holds no record of this kind. */
export async function restoreFromTrash<T extends TrashableTable>(
  trx: Db,
  actor: Actor,
  kind: TrashKind<T>,
  deletionId: string,
  now: Date,
  /** A check before anything comes back (a name taken since, say): throws to refuse. */
  check?: (rows: Selectable<Database[T]>[]) => Promise<void>,
): Promise<number> {
  const rows = await findRowsOfDeletion(trx, kind.table, actor.workspace.id, deletionId);
  if (rows.length === 0) return 0;
  await check?.(rows);
  await clearDeletion(trx, kind.table, actor.workspace.id, deletionId, now);
  for (const row of rows) {
    const id = (row as { id: string }).id;
    await recordChange(
      trx,
      actor,
      kind.recordType,
      'restore',
      id,
      row,
      { ...row, deleted_at: null, deletion_id: null },
      now,
    );
  }
  return rows.length;
}

/** Removes these trashed rows for good, each with its audit line. */
export async function purgeFromTrash<T extends TrashableTable>(
  trx: Db,
  actor: Actor,
  kind: TrashKind<T>,
  rows: Array<Selectable<Database[T]> & { id: string }>,
  now: Date,
): Promise<number> {
  for (const row of rows) await recordChange(trx, actor, kind.recordType, 'purge', row.id, row, null, now);
  // Changes kept aside for review go with their record.
  await deleteDraftsOf(
    trx,
    actor.workspace.id,
    kind.recordType,
    rows.map((row) => row.id),
  );
  await deleteRowsForGood(
    trx,
    kind.table,
    actor.workspace.id,
    rows.map((row) => row.id),
  );
  return rows.length;
}
