import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Media } from '../../db/schema.js';

export type EditableMediaFields = Pick<Media, 'name' | 'alt_text' | 'caption' | 'credit' | 'licence'>;
export type MediaFileFields = Pick<Media, 'storage_key' | 'mime_type' | 'width' | 'height' | 'byte_size'>;

/** Every live image of the workspace, by name. */
export async function findLiveMediaList(db: Db, workspaceId: string): Promise<Media[]> {
  return db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .execute();
}

export async function findLiveMedia(
  db: Db,
  workspaceId: string,
  mediaId: string,
): Promise<Media | undefined> {
  return db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mediaId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function isNameTaken(
  db: Db,
  workspaceId: string,
  name: string,
  exceptMediaId: string | null,
): Promise<boolean> {
  let query = db
    .selectFrom('media')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .where('deleted_at', 'is', null);
  if (exceptMediaId) query = query.where('id', '!=', exceptMediaId);
  return !!(await query.executeTakeFirst());
}

/** Live names equal to `base` or starting with `base-`: what a made-up name must avoid. */
export async function findNamesLike(db: Db, workspaceId: string, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('media')
    .select('name')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('name', '=', base), eb(sql<number>`position(${`${base}-`} in name)`, '=', 1)]))
    .execute();
  return new Set(rows.map((row) => row.name));
}

export async function insertMedia(
  db: Db,
  values: EditableMediaFields &
    MediaFileFields & { workspace_id: string; created_at: Date; updated_at: Date },
): Promise<Media> {
  return db.insertInto('media').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateMediaRow(
  db: Db,
  workspaceId: string,
  mediaId: string,
  values: EditableMediaFields & { updated_at: Date },
): Promise<Media> {
  return db
    .updateTable('media')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mediaId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Live pages of the workspace whose text holds this code; the caller keeps those where the code
 * stands on a line of its own (the one place where it places a figure).
 */
export async function findLivePagesMentioning(
  db: Db,
  workspaceId: string,
  code: string,
): Promise<Array<{ id: string; title: string; body_markdown: string }>> {
  return db
    .selectFrom('pages')
    .select(['id', 'title', 'body_markdown'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where(sql<number>`position(${code} in body_markdown)`, '>', 0)
    .orderBy('title')
    .execute();
}

export async function markMediaDeleted(
  db: Db,
  workspaceId: string,
  mediaId: string,
  deletion: { deletionId: string; at: Date; by: string },
): Promise<Media> {
  return db
    .updateTable('media')
    .set({
      deleted_at: deletion.at,
      deleted_by: deletion.by,
      deletion_id: deletion.deletionId,
      updated_at: deletion.at,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mediaId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMediaOfDeletion(db: Db, workspaceId: string, deletionId: string): Promise<Media[]> {
  return db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deletion_id', '=', deletionId)
    .where('deleted_at', 'is not', null)
    .execute();
}

export async function clearMediaDeletion(
  db: Db,
  workspaceId: string,
  deletionId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('media')
    .set({ deleted_at: null, deleted_by: null, deletion_id: null, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('deletion_id', '=', deletionId)
    .execute();
}

export interface TrashedMediaGroup {
  deletion_id: string;
  title: string;
  count: number;
  deleted_at: Date;
  deleted_by_name: string | null;
}

/** One row per deletion (an image is deleted alone): its name, when, by whom. */
export async function findTrashedMediaGroups(db: Db, workspaceId: string): Promise<TrashedMediaGroup[]> {
  const result = await sql<TrashedMediaGroup>`
    SELECT m.deletion_id,
           min(m.name) AS title,
           count(*)::int AS count,
           max(m.deleted_at) AS deleted_at,
           max(u.display_name) AS deleted_by_name
      FROM media m
      LEFT JOIN users u ON u.id = m.deleted_by
     WHERE m.workspace_id = ${workspaceId} AND m.deleted_at IS NOT NULL
     GROUP BY m.deletion_id
     ORDER BY max(m.deleted_at) DESC`.execute(db);
  return result.rows;
}

export async function findTrashedMedia(db: Db, workspaceId: string): Promise<Media[]> {
  return db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
}

export async function deleteTrashedMedia(db: Db, workspaceId: string): Promise<void> {
  await db
    .deleteFrom('media')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
}
