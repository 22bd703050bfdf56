import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Media, Page } from '../../db/schema.js';
import { findLiveRow, isLiveNameTaken } from '../../db/trash.repo.js';

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

export function findLiveMedia(db: Db, workspaceId: string, mediaId: string): Promise<Media | undefined> {
  return findLiveRow(db, 'media', workspaceId, mediaId);
}

export function isNameTaken(
  db: Db,
  workspaceId: string,
  name: string,
  exceptMediaId: string | null,
): Promise<boolean> {
  return isLiveNameTaken(db, 'media', workspaceId, name, exceptMediaId);
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
): Promise<Array<Pick<Page, 'id' | 'title' | 'status' | 'body_markdown'>>> {
  return db
    .selectFrom('pages')
    .select(['id', 'title', 'status', 'body_markdown'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where(sql<number>`position(${code} in body_markdown)`, '>', 0)
    .orderBy('title')
    .execute();
}

export async function deleteTrashedMedia(db: Db, workspaceId: string): Promise<void> {
  await db
    .deleteFrom('media')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
}

export async function findLiveMediaByNames(db: Db, workspaceId: string, names: string[]): Promise<Media[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', 'in', names)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Live missions that show the image among their photos: it stays out of the trash while they do. */
export async function findLiveMissionsShowing(
  db: Db,
  workspaceId: string,
  mediaId: string,
): Promise<Array<{ id: string; title: string }>> {
  return db
    .selectFrom('mission_photos as p')
    .innerJoin('missions as m', 'm.id', 'p.mission_id')
    .select(['m.id', 'm.title'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.media_id', '=', mediaId)
    .where('m.deleted_at', 'is', null)
    .orderBy('m.title')
    .execute();
}

/** Live news of projects that show the image among their photos: it stays out of the trash while they do. */
export async function findLiveUpdatesShowing(
  db: Db,
  workspaceId: string,
  mediaId: string,
): Promise<Array<{ id: string; title: string; language: string }>> {
  return db
    .selectFrom('project_update_photos as p')
    .innerJoin('project_updates as u', 'u.id', 'p.update_id')
    .select(['u.id', 'u.title', 'u.language'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.media_id', '=', mediaId)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.title')
    .execute();
}
