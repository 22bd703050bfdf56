import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Media, ProjectUpdate, ProjectUpdatesTable } from '../../db/schema.js';

/** An update with the names its pages show. */
export type UpdateRow = ProjectUpdate & {
  project_title: string;
  proposed_by_name: string | null;
  reviewed_by_name: string | null;
};

function selectUpdates(db: Db, workspaceId: string) {
  return db
    .selectFrom('project_updates as u')
    .innerJoin('projects as p', 'p.id', 'u.project_id')
    .leftJoin('users as proposer', 'proposer.id', 'u.proposed_by')
    .leftJoin('users as reviewer', 'reviewer.id', 'u.reviewed_by')
    .selectAll('u')
    .select([
      'p.title as project_title',
      'proposer.display_name as proposed_by_name',
      'reviewer.display_name as reviewed_by_name',
    ])
    .where('u.workspace_id', '=', workspaceId)
    .where('u.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null);
}

/** A project's live updates, the latest first. */
export async function findUpdatesOf(db: Db, workspaceId: string, projectId: string): Promise<UpdateRow[]> {
  return selectUpdates(db, workspaceId)
    .where('u.project_id', '=', projectId)
    .orderBy('u.proposed_at', 'desc')
    .execute();
}

export async function findUpdate(db: Db, workspaceId: string, id: string): Promise<UpdateRow | undefined> {
  return selectUpdates(db, workspaceId).where('u.id', '=', id).executeTakeFirst();
}

/** The updates waiting for an editor, the oldest first. */
export async function findProposedUpdates(db: Db, workspaceId: string): Promise<UpdateRow[]> {
  return selectUpdates(db, workspaceId).where('u.status', '=', 'proposed').orderBy('u.proposed_at').execute();
}

export async function insertUpdate(db: Db, values: Insertable<ProjectUpdatesTable>): Promise<ProjectUpdate> {
  return db.insertInto('project_updates').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUpdateRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: Updateable<ProjectUpdatesTable>,
): Promise<ProjectUpdate> {
  return db
    .updateTable('project_updates')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPurgeableUpdates(db: Db, workspaceId: string): Promise<ProjectUpdate[]> {
  return db
    .selectFrom('project_updates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
}

/** The photos of an update, in their order: the live images with the update's captions. */
export async function findUpdatePhotos(
  db: Db,
  workspaceId: string,
  updateId: string,
): Promise<Array<{ media: Media; caption: string }>> {
  const rows = await db
    .selectFrom('project_update_photos as p')
    .innerJoin('media as m', 'm.id', 'p.media_id')
    .selectAll('m')
    .select('p.caption as photo_caption')
    .where('p.workspace_id', '=', workspaceId)
    .where('p.update_id', '=', updateId)
    .where('m.deleted_at', 'is', null)
    .orderBy('p.position')
    .execute();
  return rows.map(({ photo_caption, ...media }) => ({ media, caption: photo_caption }));
}

/** Adds a photo after the others. */
export async function insertUpdatePhoto(
  db: Db,
  values: { workspace_id: string; update_id: string; media_id: string; caption: string },
): Promise<void> {
  const last = await db
    .selectFrom('project_update_photos')
    .select((eb) => eb.fn.max<number>('position').as('position'))
    .where('workspace_id', '=', values.workspace_id)
    .where('update_id', '=', values.update_id)
    .executeTakeFirst();
  await db
    .insertInto('project_update_photos')
    .values({ ...values, position: Number(last?.position ?? -1) + 1 })
    .execute();
}

/** Takes a photo off an update (the image stays in the library); false when it was not there. */
export async function deleteUpdatePhoto(
  db: Db,
  workspaceId: string,
  updateId: string,
  mediaId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('project_update_photos')
    .where('workspace_id', '=', workspaceId)
    .where('update_id', '=', updateId)
    .where('media_id', '=', mediaId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
