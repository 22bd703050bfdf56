import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Media, ProjectUpdate } from '../../db/schema.js';
import { findTrashedSingles, type TrashedGroup } from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import { roleMay } from '../../platform/auth/permissions.js';
import type { Clock } from '../../platform/clock.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { moveToTrash, purgeFromTrash, restoreFromTrash } from '../../platform/trash.js';
import type { UploadedFile } from '../../platform/uploads.js';
import { bumpRecordVersion, changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { type MediaDeps, storeImage } from '../media/media.service.js';
import { getProject, isLiveProject, type ProjectDetails } from '../projects/projects.service.js';
import {
  deleteUpdatePhoto,
  findProposedUpdates,
  findPurgeableUpdates,
  findUpdate,
  findUpdatePhotos,
  findUpdatesOf,
  insertUpdate,
  insertUpdatePhoto,
  type UpdateRow,
  updateUpdateRow,
} from './project-updates.repo.js';
import { MAX_PHOTOS, type PhotoForm, type ReturnForm, type UpdateForm } from './project-updates.schemas.js';

export interface ProjectUpdatesDeps {
  db: Db;
  clock: Clock;
}

export type { UpdateRow };
export const UPDATE_RECORD_TYPE = 'project_update';
const UPDATE_TRASH = { table: 'project_updates', recordType: UPDATE_RECORD_TYPE } as const;
const text = messages.projectUpdates;

/**
 * Who reads an update: the back office's readers, all of them; a partner, the published ones and
 * those it proposed itself (an officer's proposal, or another's, is not its to read yet).
 */
function mayRead(actor: Actor, update: ProjectUpdate): boolean {
  if (roleMay(actor.role, 'content.read')) return true;
  return update.status === 'published' || update.proposed_by === actor.user.id;
}

/** Its author changes it until it is published; those who edit content, at any time. */
function mayChange(actor: Actor, update: ProjectUpdate): boolean {
  if (roleMay(actor.role, 'content.edit')) return true;
  return update.proposed_by === actor.user.id && update.status !== 'published';
}

export async function listUpdatesOf(
  deps: ProjectUpdatesDeps,
  actor: Actor,
  project: ProjectDetails,
): Promise<UpdateRow[]> {
  const updates = await findUpdatesOf(deps.db, actor.workspace.id, project.project.id);
  return updates.filter((update) => mayRead(actor, update));
}

export interface UpdateDetails {
  update: UpdateRow;
  project: ProjectDetails;
  photos: Array<{ media: Media; caption: string }>;
  can: { change: boolean; review: boolean; delete: boolean };
}

/** An update the actor may read, through its project (a partner: only a project shared with it). */
export async function getUpdate(deps: ProjectUpdatesDeps, actor: Actor, id: string): Promise<UpdateDetails> {
  const update = await findUpdate(deps.db, actor.workspace.id, id);
  if (!update) throw new NotFoundError(messages.notFound.lead);
  const project = await getProject(deps, actor, update.project_id);
  if (!mayRead(actor, update)) throw new NotFoundError(messages.notFound.lead);
  return {
    update,
    project,
    photos: await findUpdatePhotos(deps.db, actor.workspace.id, id),
    can: {
      change: mayChange(actor, update),
      review: roleMay(actor.role, 'content.publish') && update.status === 'proposed',
      delete: roleMay(actor.role, 'content.delete'),
    },
  };
}

/** What awaits an editor: the proposed updates, oldest first. */
export async function listProposedUpdates(deps: ProjectUpdatesDeps, actor: Actor): Promise<UpdateRow[]> {
  if (!roleMay(actor.role, 'content.publish')) return [];
  return findProposedUpdates(deps.db, actor.workspace.id);
}

export async function proposeUpdate(
  deps: ProjectUpdatesDeps,
  actor: Actor,
  projectId: string,
  form: UpdateForm,
): Promise<ProjectUpdate> {
  assertMay(actor, 'updates.propose');
  await getProject(deps, actor, projectId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const update = await insertUpdate(trx, {
      workspace_id: actor.workspace.id,
      project_id: projectId,
      language: form.language,
      title: form.title,
      body: form.body,
      status: 'proposed',
      proposed_by: actor.user.id,
      proposed_at: now,
      created_at: now,
      updated_at: now,
    });
    await recordChange(trx, actor, UPDATE_RECORD_TYPE, 'propose', update.id, null, update, now);
    return update;
  });
}

/** A change by its author (sent back: proposed again) or by an officer; refused over a newer version. */
export async function changeUpdate(
  deps: ProjectUpdatesDeps,
  actor: Actor,
  id: string,
  form: UpdateForm,
): Promise<ProjectUpdate> {
  assertMay(actor, 'updates.propose');
  const details = await getUpdate(deps, actor, id);
  if (!details.can.change) throw new ForbiddenError(text.errors.notYours);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await refuseStaleSave(trx, {
      table: 'project_updates',
      key: { id },
      workspaceId: actor.workspace.id,
      recordType: UPDATE_RECORD_TYPE,
      recordId: id,
      openedVersion: form.version,
      fields: ['language', 'title', 'body', 'status'],
    });
    const { project_title: _t, proposed_by_name: _p, reviewed_by_name: _r, ...before } = details.update;
    const values = { language: form.language, title: form.title, body: form.body };
    // Sent back, changed by its author: it is proposed again.
    const status =
      before.status === 'returned' && before.proposed_by === actor.user.id ? 'proposed' : before.status;
    if (changesNothing(before, { ...values, status })) return before;
    const after = await updateUpdateRow(trx, actor.workspace.id, id, { ...values, status, updated_at: now });
    await recordChange(trx, actor, UPDATE_RECORD_TYPE, 'update', id, before, after, now);
    return after;
  });
}

/**
 * A photo added to an update by whoever may change it (its partner author included): the image is
 * stored in the workspace's library like any other, with its alternative text, and shown with
 * the update's caption. The update's version moves, so that an editor who opened it before
 * publishes only what they saw.
 */
export async function addUpdatePhoto(
  deps: ProjectUpdatesDeps & MediaDeps,
  actor: Actor,
  id: string,
  form: PhotoForm,
  file: UploadedFile | null,
): Promise<void> {
  assertMay(actor, 'updates.propose');
  const details = await getUpdate(deps, actor, id);
  if (!details.can.change) throw new ForbiddenError(text.errors.notYours);
  if (details.photos.length >= MAX_PHOTOS) throw new RuleError('file', text.errors.tooManyPhotos(MAX_PHOTOS));
  const media = await storeImage(
    deps,
    actor,
    { name: '', alt_text: form.alt_text, caption: '', credit: '', licence: '', version: 0 },
    file,
  );
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await insertUpdatePhoto(trx, {
      workspace_id: actor.workspace.id,
      update_id: id,
      media_id: media.id,
      caption: form.caption,
    });
    await bumpRecordVersion(trx, 'project_updates', actor.workspace.id, id);
    await recordChange(
      trx,
      actor,
      UPDATE_RECORD_TYPE,
      'add_photo',
      id,
      null,
      { photo: media.name, alt_text: form.alt_text, caption: form.caption },
      now,
    );
  });
}

/** A photo taken off an update; the image stays in the library, where an editor may trash it. */
export async function removeUpdatePhoto(
  deps: ProjectUpdatesDeps,
  actor: Actor,
  id: string,
  mediaId: string,
): Promise<void> {
  assertMay(actor, 'updates.propose');
  const details = await getUpdate(deps, actor, id);
  if (!details.can.change) throw new ForbiddenError(text.errors.notYours);
  const photo = details.photos.find((p) => p.media.id === mediaId);
  if (!photo) throw new NotFoundError(messages.notFound.lead);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await deleteUpdatePhoto(trx, actor.workspace.id, id, mediaId);
    await bumpRecordVersion(trx, 'project_updates', actor.workspace.id, id);
    await recordChange(
      trx,
      actor,
      UPDATE_RECORD_TYPE,
      'remove_photo',
      id,
      { photo: photo.media.name, caption: photo.caption },
      null,
      now,
    );
  });
}

async function review(
  deps: ProjectUpdatesDeps,
  actor: Actor,
  id: string,
  version: number,
  outcome: { status: 'published' | 'returned'; comment: string },
): Promise<ProjectUpdate> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await findUpdate(trx, actor.workspace.id, id);
    if (!found) throw new NotFoundError(messages.notFound.lead);
    await refuseStaleSave(trx, {
      table: 'project_updates',
      key: { id },
      workspaceId: actor.workspace.id,
      recordType: UPDATE_RECORD_TYPE,
      recordId: id,
      openedVersion: version,
      fields: ['language', 'title', 'body', 'status'],
    });
    if (found.status !== 'proposed') throw new RuleError('update', text.errors.notProposed);
    const { project_title: _t, proposed_by_name: _p, reviewed_by_name: _r, ...before } = found;
    const after = await updateUpdateRow(trx, actor.workspace.id, id, {
      status: outcome.status,
      returned_comment: outcome.comment,
      reviewed_by: actor.user.id,
      reviewed_at: now,
      updated_at: now,
    });
    await recordChange(
      trx,
      actor,
      UPDATE_RECORD_TYPE,
      outcome.status === 'published' ? 'publish' : 'return',
      id,
      before,
      after,
      now,
    );
    return after;
  });
}

export function publishUpdate(deps: ProjectUpdatesDeps, actor: Actor, id: string, version: number) {
  return review(deps, actor, id, version, { status: 'published', comment: '' });
}

export function returnUpdate(deps: ProjectUpdatesDeps, actor: Actor, id: string, form: ReturnForm) {
  return review(deps, actor, id, form.version, { status: 'returned', comment: form.comment });
}

export async function deleteUpdate(deps: ProjectUpdatesDeps, actor: Actor, id: string): Promise<string> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await findUpdate(trx, actor.workspace.id, id);
    if (!found) throw new NotFoundError(messages.notFound.lead);
    const { project_title: _t, proposed_by_name: _p, reviewed_by_name: _r, ...update } = found;
    await moveToTrash(trx, actor, UPDATE_TRASH, update, randomUUID(), now);
    return update.project_id;
  });
}

export async function listTrashedUpdates(
  deps: Pick<ProjectUpdatesDeps, 'db'>,
  actor: Actor,
): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'project_updates', 'title', actor.workspace.id);
}

export async function restoreUpdateDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  return restoreFromTrash(trx, actor, UPDATE_TRASH, deletionId, now, async (rows) => {
    for (const row of rows)
      if (!(await isLiveProject(trx, actor.workspace.id, row.project_id)))
        throw new RuleError('deletion', messages.trash.errors.updateProjectInTrash);
  });
}

export async function purgeUpdates(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  return purgeFromTrash(trx, actor, UPDATE_TRASH, await findPurgeableUpdates(trx, actor.workspace.id), now);
}
