import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Media, PageStatus } from '../../db/schema.js';
import {
  clearDeletion,
  findRowsOfDeletion,
  findTrashedRows,
  findTrashedSingles,
  markDeleted,
  type TrashedGroup,
} from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import { roleMay } from '../../platform/auth/permissions.js';
import type { Clock } from '../../platform/clock.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { figureNamesIn } from '../../platform/markdown.js';
import type { FileStorage } from '../../platform/storage.js';
import { formatNumberFr } from '../../platform/typography.js';
import { changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { type IdentityRole, identityRolesOfMedia } from '../site-settings/site-identity.service.js';
import {
  allFileKeys,
  defaultName,
  derivativeKey,
  derivativeWidths,
  firstFreeName,
  ImageRefusal,
  inspectImage,
  MAX_MEGAPIXELS,
  MAX_UPLOAD_MEGABYTES,
  processImage,
  storageKeyFor,
} from './media.images.js';
import {
  deleteTrashedMedia,
  findLiveMedia,
  findLiveMediaByNames,
  findLiveMediaList,
  findLiveMissionsShowing,
  findLivePagesMentioning,
  findLiveUpdatesShowing,
  findNamesLike,
  insertMedia,
  isNameTaken,
  updateMediaRow,
} from './media.repo.js';
import { type MediaForm, mediaTextFields, type UploadedFile } from './media.schemas.js';

export { MAX_UPLOAD_BYTES } from './media.images.js';

/** For the forms of other modules that store an image (a partner's photos). */
export { ALT_TEXT_MAX_LENGTH } from './media.schemas.js';
export type { IdentityRole };

export interface MediaDeps {
  db: Db;
  clock: Clock;
  storage: FileStorage;
}

const text = messages.media;

/** The code that places an image in a page body, alone on its line. */
export function figureCode(name: string): string {
  return `{{figure:${name}}}`;
}

/** What the public site may show: live images of the workspace, no actor needed. */
export async function findPublicMedia(
  db: Db,
  workspaceId: string,
  mediaId: string,
): Promise<Media | undefined> {
  return findLiveMedia(db, workspaceId, mediaId);
}

export async function findPublicMediaByNames(db: Db, workspaceId: string, names: string[]): Promise<Media[]> {
  return findLiveMediaByNames(db, workspaceId, names);
}

export async function listMedia(deps: Pick<MediaDeps, 'db'>, actor: Actor): Promise<Media[]> {
  assertMay(actor, 'content.read');
  return findLiveMediaList(deps.db, actor.workspace.id);
}

export async function getMedia(deps: Pick<MediaDeps, 'db'>, actor: Actor, mediaId: string): Promise<Media> {
  assertMay(actor, 'content.read');
  const media = await findLiveMedia(deps.db, actor.workspace.id, mediaId);
  if (!media) throw new NotFoundError(messages.notFound.lead);
  return media;
}

export interface PageRef {
  id: string;
  title: string;
  status: PageStatus;
}

/** Live pages (drafts included) that place this image: `{{figure:name}}` on a line of their text. */
async function pagesUsing(db: Db, actor: Actor, name: string): Promise<PageRef[]> {
  const pages = await findLivePagesMentioning(db, actor.workspace.id, figureCode(name));
  return pages
    .filter((page) => figureNamesIn(page.body_markdown).includes(name))
    .map((page) => ({ id: page.id, title: page.title, status: page.status }));
}

/**
 * Whether the actor may change this image's texts: its alternative text, caption and credit show
 * on every published page that places it, so once one does, changing them is changing public
 * content, which takes `content.publish` (a contributor changes what is not public only).
 */
export function mayEditMedia(actor: Actor, usedBy: readonly PageRef[]): boolean {
  if (!roleMay(actor.role, 'content.edit')) return false;
  return roleMay(actor.role, 'content.publish') || !usedBy.some((page) => page.status === 'published');
}

/** What the site's identity makes of this image, for its page in the back office. */
export async function listIdentityRolesOfMedia(
  deps: Pick<MediaDeps, 'db'>,
  actor: Actor,
  media: Media,
): Promise<IdentityRole[]> {
  assertMay(actor, 'content.read');
  return identityRolesOfMedia(deps.db, actor.workspace.id, media.id);
}

export async function listPagesUsingMedia(
  deps: Pick<MediaDeps, 'db'>,
  actor: Actor,
  media: Media,
): Promise<PageRef[]> {
  assertMay(actor, 'content.read');
  return pagesUsing(deps.db, actor, media.name);
}

/** The French message for a refused file, shown beside the file field. */
export function refusalMessage(refusal: ImageRefusal): string {
  switch (refusal.problem) {
    case 'empty':
      return text.errors.fileRequired;
    case 'notAccepted':
      return text.errors.fileNotAccepted;
    case 'heic':
      return text.errors.fileHeic;
    case 'unreadable':
      return text.errors.fileUnreadable;
    case 'tooManyPixels':
      return text.errors.fileTooManyPixels(
        formatNumberFr(refusal.megapixels, { maximumFractionDigits: 1 }),
        MAX_MEGAPIXELS,
      );
  }
}

/**
 * What is wrong with an uploaded file, in French, or null: the route calls it to show every
 * message of a form at once; `uploadMedia` checks again.
 */
export async function checkUpload(file: UploadedFile | null): Promise<string | null> {
  if (!file || (file.content.length === 0 && !file.tooLarge)) return text.errors.fileRequired;
  if (file.tooLarge) return text.errors.fileTooLarge(MAX_UPLOAD_MEGABYTES);
  try {
    await inspectImage(file.content);
    return null;
  } catch (error) {
    if (error instanceof ImageRefusal) return refusalMessage(error);
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { code?: unknown }).code === '23505';
}

/**
 * Stores an image: the file is checked by its bytes, re-encoded without its metadata, copied at
 * smaller widths, written, then recorded with its audit event in one transaction. A failed
 * transaction removes the files it had written.
 */
export async function uploadMedia(
  deps: MediaDeps,
  actor: Actor,
  form: MediaForm,
  file: UploadedFile | null,
): Promise<Media> {
  assertMay(actor, 'content.create');
  return storeImage(deps, actor, form, file);
}

/**
 * `uploadMedia` for a module that checked its own permission first: a partner adds photos to the
 * news it proposes (project-updates), and may not add images to the library otherwise.
 */
export async function storeImage(
  deps: MediaDeps,
  actor: Actor,
  form: MediaForm,
  file: UploadedFile | null,
): Promise<Media> {
  const problem = await checkUpload(file);
  if (problem || !file) throw new RuleError('file', problem ?? text.errors.fileRequired);
  let image: Awaited<ReturnType<typeof processImage>>;
  try {
    image = await processImage(file.content);
  } catch (error) {
    if (error instanceof ImageRefusal) throw new RuleError('file', refusalMessage(error));
    throw error;
  }

  const workspaceId = actor.workspace.id;
  const now = deps.clock.now();
  let name = form.name;
  if (!name) {
    const base = defaultName(file.fileName, form.caption);
    name = firstFreeName(base, await findNamesLike(deps.db, workspaceId, base));
  }
  if (form.name && (await isNameTaken(deps.db, workspaceId, name, null)))
    throw new RuleError('name', text.errors.nameTaken);

  const storageKey = storageKeyFor(workspaceId, name, image.extension, randomBytes(4).toString('hex'));
  const written = [storageKey, ...image.derivatives.map((copy) => derivativeKey(storageKey, copy.width))];
  try {
    await deps.storage.write(storageKey, image.content);
    for (const copy of image.derivatives)
      await deps.storage.write(derivativeKey(storageKey, copy.width), copy.content);
    return await deps.db.transaction().execute(async (trx) => {
      if (await isNameTaken(trx, workspaceId, name, null)) throw new RuleError('name', text.errors.nameTaken);
      const media = await insertMedia(trx, {
        workspace_id: workspaceId,
        name,
        alt_text: form.alt_text,
        caption: form.caption,
        credit: form.credit,
        licence: form.licence,
        storage_key: storageKey,
        mime_type: image.mimeType,
        width: image.width,
        height: image.height,
        byte_size: image.content.length,
        created_at: now,
        updated_at: now,
      });
      await recordChange(trx, actor, 'media', 'create', media.id, null, media, now);
      return media;
    });
  } catch (error) {
    await removeMediaFiles(deps.storage, written);
    // Two uploads of one name at once: the unique index of live names decides.
    if (isUniqueViolation(error)) throw new RuleError('name', text.errors.nameTaken);
    throw error;
  }
}

/**
 * Changes the texts of an image, and its name when no page places the image under the current
 * one (the pages would lose their figure). An empty name keeps the current one.
 */
export async function updateMedia(
  deps: Pick<MediaDeps, 'db' | 'clock'>,
  actor: Actor,
  mediaId: string,
  form: MediaForm,
): Promise<Media> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await findLiveMedia(trx, actor.workspace.id, mediaId);
      if (!before) throw new NotFoundError(messages.notFound.lead);
      const users = await pagesUsing(trx, actor, before.name);
      if (!mayEditMedia(actor, users)) throw new ForbiddenError(text.contributorPublished);
      await refuseStaleSave(trx, {
        table: 'media',
        key: { id: mediaId },
        workspaceId: actor.workspace.id,
        recordType: 'media',
        recordId: mediaId,
        openedVersion: form.version,
        fields: mediaTextFields.filter((field) => field !== 'version'),
      });
      const name = form.name || before.name;
      if (name !== before.name) {
        if (users.length > 0)
          throw new RuleError(
            'name',
            text.errors.nameInUse(users.map((page) => `« ${page.title} »`).join(', ')),
          );
        if (await isNameTaken(trx, actor.workspace.id, name, mediaId))
          throw new RuleError('name', text.errors.nameTaken);
      }
      const values = {
        name,
        alt_text: form.alt_text,
        caption: form.caption,
        credit: form.credit,
        licence: form.licence,
      };
      // Saving a form without a change records nothing: no version, no history line.
      if (changesNothing(before, values)) return before;
      const after = await updateMediaRow(trx, actor.workspace.id, mediaId, { ...values, updated_at: now });
      await recordChange(trx, actor, 'media', 'update', mediaId, before, after, now);
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('name', text.errors.nameTaken);
    throw error;
  }
}

export interface MediaDeletionPlan {
  media: Media;
  /** Live pages that place the image: deletion is refused while there are any. */
  usedBy: PageRef[];
  /** What the site's identity makes of it (its logo, its banner): deletion is refused too. */
  identityRoles: IdentityRole[];
  /** Live missions and news of projects that show it among their photos: refused too. */
  missions: Array<{ id: string; title: string }>;
  news: Array<{ id: string; title: string; language: string }>;
}

/** Why the image may not go to the trash, or null: the first of its uses. */
export function deletionRefusalOf(plan: MediaDeletionPlan): string | null {
  if (plan.usedBy.length > 0) return text.deleteRefused;
  if (plan.identityRoles.length > 0) return text.deleteRefusedIdentity;
  if (plan.missions.length > 0) return text.deleteRefusedMissions(plan.missions.length);
  if (plan.news.length > 0) return text.deleteRefusedUpdates(plan.news.length);
  return null;
}

export async function planMediaDeletion(
  deps: Pick<MediaDeps, 'db'>,
  actor: Actor,
  mediaId: string,
): Promise<MediaDeletionPlan> {
  assertMay(actor, 'content.delete');
  return planWith(deps.db, actor, mediaId);
}

async function planWith(db: Db, actor: Actor, mediaId: string): Promise<MediaDeletionPlan> {
  const media = await findLiveMedia(db, actor.workspace.id, mediaId);
  if (!media) throw new NotFoundError(messages.notFound.lead);
  return {
    media,
    usedBy: await pagesUsing(db, actor, media.name),
    identityRoles: await identityRolesOfMedia(db, actor.workspace.id, media.id),
    missions: await findLiveMissionsShowing(db, actor.workspace.id, media.id),
    news: await findLiveUpdatesShowing(db, actor.workspace.id, media.id),
  };
}

/** Moves an image to the trash; its files stay until the trash is emptied. */
export async function deleteMedia(
  deps: Pick<MediaDeps, 'db' | 'clock'>,
  actor: Actor,
  mediaId: string,
): Promise<void> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const plan = await planWith(trx, actor, mediaId);
    const refused = deletionRefusalOf(plan);
    if (refused) throw new RuleError('media', refused);
    const [after] = await markDeleted(trx, 'media', actor.workspace.id, [mediaId], {
      deletionId: randomUUID(),
      at: now,
      by: actor.user.id,
    });
    await recordChange(trx, actor, 'media', 'delete', mediaId, plan.media, after, now);
  });
}

export async function listTrashedMedia(deps: Pick<MediaDeps, 'db'>, actor: Actor): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'media', 'name', actor.workspace.id);
}

/**
 * Brings back the image of one deletion, as it was (its files were kept). Refused when a live
 * image has taken its name meanwhile. Returns how many came back: 0 when the deletion is not one
 * of images.
 */
export async function restoreMediaDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  const trashed = await findRowsOfDeletion(trx, 'media', actor.workspace.id, deletionId);
  for (const media of trashed) {
    if (await isNameTaken(trx, actor.workspace.id, media.name, media.id)) {
      throw new RuleError('deletion', messages.trash.errors.nameTaken(media.name));
    }
  }
  await clearDeletion(trx, 'media', actor.workspace.id, deletionId, now);
  for (const media of trashed) {
    await recordChange(
      trx,
      actor,
      'media',
      'restore',
      media.id,
      media,
      { ...media, deleted_at: null, deletion_id: null },
      now,
    );
  }
  return trashed.length;
}

/**
 * Deletes the trashed images of the workspace for good, in `trx`, and adds to `filesToRemove`
 * the keys of their files (original and copies). The caller removes them with
 * `removeMediaFiles` once the transaction has committed: a rolled-back purge keeps its files.
 */
export async function purgeMedia(trx: Db, actor: Actor, now: Date, filesToRemove: string[]): Promise<number> {
  assertMay(actor, 'trash.empty');
  const trashed = await findTrashedRows(trx, 'media', actor.workspace.id);
  for (const media of trashed) await recordChange(trx, actor, 'media', 'purge', media.id, media, null, now);
  await deleteTrashedMedia(trx, actor.workspace.id);
  for (const media of trashed) filesToRemove.push(...allFileKeys(media.storage_key));
  return trashed.length;
}

/** Removes files of images; a file already gone is fine. */
export async function removeMediaFiles(storage: FileStorage, keys: readonly string[]): Promise<void> {
  for (const key of keys) await storage.remove(key);
}

const RASTER_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export interface MediaFile {
  key: string;
  mimeType: string;
}

/**
 * The WebP copies of an image, narrowest first, each with its width and file name (the last part
 * of its key), for a `srcset`. Images stored before copies existed (the demo's SVG) have none.
 */
export function mediaCopies(media: Media): Array<MediaFile & { width: number; fileName: string }> {
  if (!RASTER_TYPES.has(media.mime_type)) return [];
  return derivativeWidths(media.width).map((width) => {
    const key = derivativeKey(media.storage_key, width);
    return { width, key, mimeType: 'image/webp', fileName: key.split('/').pop()! };
  });
}

/**
 * The file a public address `/medias/:id/:file` names: one of the image's copies when `file` is
 * that copy's file name, else the original. The name only chooses among the record's own keys.
 */
export function publicFileFor(media: Media, fileName: string): MediaFile {
  const copy = mediaCopies(media).find((candidate) => candidate.fileName === fileName);
  return copy
    ? { key: copy.key, mimeType: copy.mimeType }
    : { key: media.storage_key, mimeType: media.mime_type };
}

/** The small preview of the back office: the narrowest copy, or the original when there is none. */
export function previewFile(media: Media): MediaFile {
  const [narrowest] = mediaCopies(media);
  return narrowest
    ? { key: narrowest.key, mimeType: narrowest.mimeType }
    : { key: media.storage_key, mimeType: media.mime_type };
}
