import { type Selectable, sql } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/**
 * The trash columns (deleted_at, deleted_by, deletion_id) that pages, media and contact cards
 * share: one deletion may take several rows (a page with its sub-pages), and they come back
 * together. Each module's own rules (what may be deleted or restored) stay in its service.
 */
export type TrashableTable =
  | 'pages'
  | 'media'
  | 'contact_cards'
  | 'documents'
  | 'organisations'
  | 'partnerships'
  | 'conventions'
  | 'projects'
  | 'project_transactions'
  | 'project_updates'
  | 'project_results'
  | 'missions';

export interface Deletion {
  deletionId: string;
  at: Date;
  by: string;
}

/** One deletion as the trash lists it. */
export interface TrashedGroup {
  deletion_id: string;
  title: string;
  count: number;
  deleted_at: Date;
  deleted_by_name: string | null;
}

// Kysely cannot type a builder over a union of tables; the columns used here exist in all three.
const asPages = (table: TrashableTable) => table as 'pages';

export async function markDeleted<T extends TrashableTable>(
  db: Db,
  table: T,
  workspaceId: string,
  ids: string[],
  deletion: Deletion,
): Promise<Selectable<Database[T]>[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable(asPages(table))
    .set({
      deleted_at: deletion.at,
      deleted_by: deletion.by,
      deletion_id: deletion.deletionId,
      updated_at: deletion.at,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .returningAll()
    .execute();
  return rows as unknown as Selectable<Database[T]>[];
}

export async function findRowsOfDeletion<T extends TrashableTable>(
  db: Db,
  table: T,
  workspaceId: string,
  deletionId: string,
): Promise<Selectable<Database[T]>[]> {
  const rows = await db
    .selectFrom(asPages(table))
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deletion_id', '=', deletionId)
    .where('deleted_at', 'is not', null)
    .execute();
  return rows as unknown as Selectable<Database[T]>[];
}

export async function clearDeletion(
  db: Db,
  table: TrashableTable,
  workspaceId: string,
  deletionId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable(asPages(table))
    .set({ deleted_at: null, deleted_by: null, deletion_id: null, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('deletion_id', '=', deletionId)
    .execute();
}

export async function findTrashedRows<T extends TrashableTable>(
  db: Db,
  table: T,
  workspaceId: string,
): Promise<Selectable<Database[T]>[]> {
  const rows = await db
    .selectFrom(asPages(table))
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
  return rows as unknown as Selectable<Database[T]>[];
}

/** One row per deletion of records that go alone (an image, a card), titled by `titleColumn`. */
export async function findTrashedSingles(
  db: Db,
  table:
    | 'media'
    | 'contact_cards'
    | 'documents'
    | 'organisations'
    | 'conventions'
    | 'projects'
    | 'project_updates'
    | 'project_results'
    | 'missions',
  titleColumn: 'name' | 'service_name' | 'title',
  workspaceId: string,
): Promise<TrashedGroup[]> {
  const result = await sql<TrashedGroup>`
    SELECT t.deletion_id,
           min(t.${sql.ref(titleColumn)}) AS title,
           count(*)::int AS count,
           max(t.deleted_at) AS deleted_at,
           max(u.display_name) AS deleted_by_name
      FROM ${sql.table(table)} t
      LEFT JOIN users u ON u.id = t.deleted_by
     WHERE t.workspace_id = ${workspaceId} AND t.deleted_at IS NOT NULL
     GROUP BY t.deletion_id
     ORDER BY max(t.deleted_at) DESC`.execute(db);
  return result.rows;
}

/** The records placed in page texts by a name (`{{figure:name}}`, `{{document:name}}`). */
export type NamedTable = 'media' | 'documents';

/** A live (not trashed) record of the workspace, by id. */
export async function findLiveRow<T extends TrashableTable>(
  db: Db,
  table: T,
  workspaceId: string,
  id: string,
): Promise<Selectable<Database[T]> | undefined> {
  const row = await db
    .selectFrom(asPages(table))
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row as unknown as Selectable<Database[T]> | undefined;
}

/** Whether a live record other than `exceptId` bears this name: live names are unique. */
export async function isLiveNameTaken(
  db: Db,
  table: NamedTable,
  workspaceId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  let query = db
    .selectFrom(table as 'media')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .where('deleted_at', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return !!(await query.executeTakeFirst());
}

/** Deletes rows for good (the trash's last step). */
export async function deleteRowsForGood(
  db: Db,
  table: TrashableTable,
  workspaceId: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom(asPages(table))
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}
