import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Page } from '../../db/schema.js';
import {
  clearDeletion,
  findRowsOfDeletion,
  findTrashedRows,
  markDeleted,
  type TrashedGroup,
} from '../../db/trash.repo.js';
import { findAuditEvent, insertAuditEvent, recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import {
  type DraftRef,
  deleteDraft,
  deleteDraftsOf,
  findDraft,
  findDrafts,
  findProposedDrafts,
  findReturnedDrafts,
  proposeDraft,
  type RecordDraft,
  returnDraft,
  saveDraft,
} from '../../platform/drafts.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { cancelQueuedJob, findQueuedJob, type JobQueue } from '../../platform/jobs.js';
import { documentNamesIn, figureNamesIn, markdownToPlainText } from '../../platform/markdown.js';
import { slugify } from '../../platform/slug.js';
import { bumpRecordVersion, changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { type AccountDeps, listActiveMembersWhoMay, workspaceLink } from '../accounts/accounts.service.js';
import { RESTORABLE_ACTIONS } from '../backoffice/history.service.js';
import { missingDocumentNames } from '../documents/documents.service.js';
import { findWorkspace } from '../workspaces/workspace.service.js';
import {
  findContactCardAnyState,
  findLivePage,
  findLivePages,
  findLiveSubtree,
  findPublicPageBody,
  findPublicPageRow,
  findPublishedChildren,
  findPublishedPageSummaries,
  findScheduledPublications,
  findTrashedPageGroups,
  insertPage,
  isLiveMediaName,
  isSlugTaken,
  type PageSummary,
  type PublicPageRow,
  purgeTrashedPages,
  updatePage as updatePageRow,
} from './pages.repo.js';
import { type PageForm, pageFields } from './pages.schemas.js';

export interface PagesDeps {
  db: Db;
  clock: Clock;
}

const text = messages.pages;

/**
 * First-level addresses the site answers itself: a page there would never be reached.
 * Keep in step with the fixed routes of the public site and the back office.
 */
export const RESERVED_SLUGS = new Set([
  'recherche',
  'contact',
  'plan-du-site',
  'mentions-legales',
  'accessibilite',
  'envoyer-a-un-ami',
  'medias',
  'documents',
  'assets',
  'gestion',
  'connexion',
  'deconnexion',
  'mot-de-passe',
  'mot-de-passe-oublie',
  'invitation',
]);

export interface PageListItem {
  page: Page;
  depth: number;
  path: string;
}

/** Live pages in tree order, each with its depth and public address. */
export function orderAsTree(pages: Page[]): PageListItem[] {
  const children = new Map<string | null, Page[]>();
  for (const page of pages) children.set(page.parent_id, [...(children.get(page.parent_id) ?? []), page]);
  const items: PageListItem[] = [];
  const visit = (page: Page, depth: number, parentPath: string) => {
    const path = page.parent_id === null ? '/' : `${parentPath === '/' ? '' : parentPath}/${page.slug}`;
    items.push({ page, depth, path });
    for (const child of children.get(page.id) ?? []) visit(child, depth + 1, path);
  };
  for (const root of children.get(null) ?? []) visit(root, 0, '');
  return items;
}

export async function listPages(deps: PagesDeps, actor: Actor): Promise<PageListItem[]> {
  assertMay(actor, 'content.read');
  return orderAsTree(await findLivePages(deps.db, actor.workspace.id));
}

export async function getPage(deps: PagesDeps, actor: Actor, pageId: string): Promise<Page> {
  assertMay(actor, 'content.read');
  const page = await findLivePage(deps.db, actor.workspace.id, pageId);
  if (!page) throw new NotFoundError(messages.notFound.lead);
  return page;
}

async function checkReferences(trx: Db, actor: Actor, form: PageForm): Promise<void> {
  for (const name of figureNamesIn(form.body_markdown)) {
    const media = await trx
      .selectFrom('media')
      .select('id')
      .where('workspace_id', '=', actor.workspace.id)
      .where('name', '=', name)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!media) throw new RuleError('body_markdown', text.errors.unknownFigure(name));
  }
  const missing = await missingDocumentNames(trx, actor.workspace.id, documentNamesIn(form.body_markdown));
  if (missing[0]) throw new RuleError('body_markdown', text.errors.unknownDocument(missing[0]));
  if (form.contact_card_id) {
    const card = await trx
      .selectFrom('contact_cards')
      .select('id')
      .where('workspace_id', '=', actor.workspace.id)
      .where('id', '=', form.contact_card_id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!card) throw new RuleError('contact_card_id', text.errors.contactNotFound);
  }
}

/** The address a page will have under its parent: typed, or made from the title; free and not reserved. */
async function resolveSlug(trx: Db, form: PageForm, parent: Page, pageId: string | null): Promise<string> {
  const slug = form.slug || slugify(form.title);
  if (!slug) throw new RuleError('slug', text.errors.slugEmpty);
  if (parent.parent_id === null && RESERVED_SLUGS.has(slug))
    throw new RuleError('slug', text.errors.slugReserved(slug));
  if (await isSlugTaken(trx, parent.id, slug, pageId)) throw new RuleError('slug', text.errors.slugTaken);
  return slug;
}

function editableFields(form: PageForm) {
  return {
    title: form.title,
    summary: form.summary,
    body_markdown: form.body_markdown,
    body_text: markdownToPlainText(form.body_markdown),
    position: form.position,
    contact_card_id: form.contact_card_id,
  };
}

export async function createPage(deps: PagesDeps, actor: Actor, form: PageForm): Promise<Page> {
  assertMay(actor, 'content.create');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await checkReferences(trx, actor, form);
    const hasRoot = (await findLivePages(trx, actor.workspace.id)).some((page) => page.parent_id === null);
    let parentId: string | null = null;
    let slug = '';
    if (hasRoot) {
      if (!form.parent_id) throw new RuleError('parent_id', text.errors.parentRequired);
      const parent = await findLivePage(trx, actor.workspace.id, form.parent_id);
      if (!parent) throw new RuleError('parent_id', text.errors.parentNotFound);
      parentId = parent.id;
      slug = await resolveSlug(trx, form, parent, null);
    }
    const page = await insertPage(trx, {
      workspace_id: actor.workspace.id,
      parent_id: parentId,
      slug,
      status: 'draft',
      ...editableFields(form),
      created_at: now,
      updated_at: now,
    });
    await recordChange(trx, actor, 'page', 'create', page.id, null, page, now);
    return page;
  });
}

/** What the edit form changes, in its order: what a refused save lists as changed meanwhile. */
const PAGE_FORM_FIELDS = pageFields.filter((field) => field !== 'version');

/** The values of a page that its edit form saves, and that a draft of its changes holds. */
const DRAFT_FIELDS = [
  'parent_id',
  'slug',
  'title',
  'summary',
  'body_markdown',
  'body_text',
  'position',
  'contact_card_id',
] as const;

function draftRef(actor: Actor, pageId: string): DraftRef {
  return { workspaceId: actor.workspace.id, recordType: 'page', recordId: pageId };
}

/** The page as its edit form shows it: its row, with the unpublished changes of its draft. */
export function withDraft(page: Page, draft: RecordDraft | null): Page {
  if (!draft) return page;
  const changed: Partial<Page> = {};
  for (const field of DRAFT_FIELDS) {
    if (field in draft.data) (changed as Record<string, unknown>)[field] = draft.data[field];
  }
  return { ...page, ...changed };
}

/**
 * Locks the page and refuses a save from a form opened on another version, comparing with the
 * page as its form shows it (its row with its draft).
 */
function refuseStalePageSave(trx: Db, actor: Actor, pageId: string, openedVersion: number): Promise<void> {
  return refuseStaleSave(trx, {
    table: 'pages',
    key: { id: pageId },
    workspaceId: actor.workspace.id,
    recordType: 'page',
    recordId: pageId,
    openedVersion,
    fields: PAGE_FORM_FIELDS,
    asRecorded: shownWithDraft(trx, actor, pageId),
  });
}

/** A page's row as its form shows it, with its draft: what a refused save compares with. */
function shownWithDraft(trx: Db, actor: Actor, pageId: string) {
  return async (row: Record<string, unknown>) =>
    withDraft(row as unknown as Page, await findDraft(trx, draftRef(actor, pageId))) as unknown as Record<
      string,
      unknown
    >;
}

/** The unpublished changes to a published page, if it has some. */
export async function findPageDraft(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
): Promise<RecordDraft | null> {
  assertMay(actor, 'content.read');
  return findDraft(deps.db, draftRef(actor, pageId));
}

/**
 * Where a page's form puts it (parent and address), checked: the form's parent exists and is not
 * the page itself or below it, the address is free. What a save and a publication both check.
 */
async function placementOf(trx: Db, actor: Actor, before: Page, form: PageForm) {
  await checkReferences(trx, actor, form);
  if (before.parent_id === null) {
    if (form.parent_id) throw new RuleError('parent_id', text.errors.homeHasNoParent);
    return { parent_id: null, slug: '' };
  }
  if (!form.parent_id) throw new RuleError('parent_id', text.errors.parentRequired);
  const subtree = await findLiveSubtree(trx, actor.workspace.id, before.id);
  if (subtree.some((page) => page.id === form.parent_id)) {
    throw new RuleError('parent_id', text.errors.parentIsDescendant);
  }
  const parent = await findLivePage(trx, actor.workspace.id, form.parent_id);
  if (!parent) throw new RuleError('parent_id', text.errors.parentNotFound);
  return { parent_id: parent.id, slug: await resolveSlug(trx, form, parent, before.id) };
}

export interface SaveOptions {
  /** How the history names the change when it is not an edit or a move. */
  auditAction?: 'restore_version';
  /**
   * For a published page, make the changes public at once ("Enregistrer et publier", to someone
   * who may publish) rather than keep them as a draft.
   */
  publishNow?: boolean;
}

/**
 * Saves a page's form. A draft page changes at once. A published page keeps its public text: the
 * changes are kept as its draft (and move its version, so that forms opened before are refused),
 * until they are published, unless `publishNow` says to publish them in the same step.
 */
export async function updatePage(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
  form: PageForm,
  options: SaveOptions = {},
): Promise<Page> {
  assertMay(actor, 'content.edit');
  if (options.publishNow) assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findLivePage(trx, actor.workspace.id, pageId);
    if (!row) throw new NotFoundError(messages.notFound.lead);
    // Whoever may edit (a contributor too) may save a published page: its changes are kept as
    // its draft, which only someone who may publish makes public. The row is locked from here.
    await refuseStalePageSave(trx, actor, pageId, form.version);
    const draft = await findDraft(trx, draftRef(actor, pageId));
    // What the form showed: the page with its unpublished changes.
    const shown = withDraft(row, draft);
    const values = { ...(await placementOf(trx, actor, row, form)), ...editableFields(form) };
    const keepAsDraft = row.status === 'published' && !options.publishNow;
    // Saving a form without a change records nothing: no version, no history line.
    if (changesNothing(shown, values) && !(options.publishNow && draft)) return shown;
    // Publishing the draft as it stands is not an edit of it: its version was checked above.

    if (keepAsDraft) {
      // Changes that bring the page back to its public text leave nothing to publish.
      if (changesNothing(row, values)) await deleteDraft(trx, draftRef(actor, pageId));
      else await saveDraft(trx, draftRef(actor, pageId), values, actor.user.id, now);
      const version = await bumpRecordVersion(trx, 'pages', actor.workspace.id, pageId);
      const after = { ...row, ...values, version };
      await recordChange(
        trx,
        actor,
        'page',
        options.auditAction ?? 'update_draft',
        pageId,
        shown,
        after,
        now,
      );
      return after;
    }

    const after = await updatePageRow(trx, actor.workspace.id, pageId, { ...values, updated_at: now });
    if (draft) await deleteDraft(trx, draftRef(actor, pageId));
    // The history compares with the public text: what this step made public.
    const action =
      options.auditAction ??
      (draft && row.status === 'published'
        ? 'publish_changes'
        : row.parent_id !== after.parent_id
          ? 'move'
          : 'update');
    await recordChange(trx, actor, 'page', action, pageId, row, after, now);
    return after;
  });
}

/** The form a draft's values make, to be checked and saved as the edit form would be. */
function formOfDraft(page: Page, version: number): PageForm {
  return {
    title: page.title,
    slug: page.slug,
    parent_id: page.parent_id,
    position: page.position,
    summary: page.summary,
    body_markdown: page.body_markdown,
    contact_card_id: page.contact_card_id,
    version,
  };
}

/**
 * "Publier les modifications": the draft of a published page becomes its public text, checked
 * again as a save is (its address may have been taken since). `openedVersion` is the version the
 * person saw (in the form or the review screen): changes saved after it are not published blind.
 */
export async function publishPageChanges(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
  openedVersion: number,
): Promise<Page> {
  assertMay(actor, 'content.publish');
  const page = await getPage(deps, actor, pageId);
  const draft = await findPageDraft(deps, actor, pageId);
  if (!draft) throw new RuleError('page', text.errors.noChanges);
  return updatePage(deps, actor, pageId, formOfDraft(withDraft(page, draft), openedVersion), {
    publishNow: true,
  });
}

/** "Abandonner les modifications": the draft is dropped, the page stays as the public sees it. */
export async function discardPageChanges(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
  openedVersion: number,
): Promise<Page> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findLivePage(trx, actor.workspace.id, pageId);
    if (!row) throw new NotFoundError(messages.notFound.lead);
    await refuseStalePageSave(trx, actor, pageId, openedVersion);
    const draft = await findDraft(trx, draftRef(actor, pageId));
    if (!draft) return row;
    await deleteDraft(trx, draftRef(actor, pageId));
    const version = await bumpRecordVersion(trx, 'pages', actor.workspace.id, pageId);
    const after = { ...row, version };
    await recordChange(trx, actor, 'page', 'discard_changes', pageId, withDraft(row, draft), after, now);
    return after;
  });
}

/** The job that tells the reviewers a change awaits them. */
export const REVIEW_REQUESTED_JOB = 'review-requested';

/**
 * "Proposer à la relecture": the draft awaits review; the people who may publish see it on their
 * dashboard and are told by e-mail (through the job queue, so a mail server down delays nothing).
 */
export async function proposePageChanges(
  deps: PagesDeps & { jobs: JobQueue },
  actor: Actor,
  pageId: string,
): Promise<void> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await findLivePage(trx, actor.workspace.id, pageId);
    if (!row) throw new NotFoundError(messages.notFound.lead);
    const draft = await findDraft(trx, draftRef(actor, pageId));
    if (!draft) throw new RuleError('page', text.errors.noChanges);
    await proposeDraft(trx, draftRef(actor, pageId), actor.user.id, now);
    const title = withDraft(row, draft).title;
    await insertAuditEvent(trx, {
      workspaceId: actor.workspace.id,
      actorUserId: actor.user.id,
      action: 'propose_changes',
      recordType: 'page',
      recordId: pageId,
      before: { title },
      after: { title },
      at: now,
    });
    // One message per reviewer, each its own job: a failed send is retried for that person only.
    for (const reviewer of await listActiveMembersWhoMay(trx, actor.workspace.id, 'content.publish')) {
      if (reviewer.user_id === actor.user.id) continue;
      await deps.jobs.enqueue(trx, {
        kind: REVIEW_REQUESTED_JOB,
        workspaceId: actor.workspace.id,
        payload: { pageId, to: reviewer.email },
      });
    }
  });
}

/** Sends the proposed changes back to their author with a comment, which they see on the page. */
export async function returnPageChanges(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
  comment: string,
): Promise<void> {
  assertMay(actor, 'content.publish');
  const said = comment.trim();
  if (!said) throw new RuleError('comment', text.errors.commentRequired);
  if (said.length > 2000) throw new RuleError('comment', text.errors.commentTooLong(2000));
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await findLivePage(trx, actor.workspace.id, pageId);
    if (!row) throw new NotFoundError(messages.notFound.lead);
    const draft = await findDraft(trx, draftRef(actor, pageId));
    if (!draft) throw new RuleError('comment', text.errors.noChanges);
    await returnDraft(trx, draftRef(actor, pageId), actor.user.id, now, said);
    const title = withDraft(row, draft).title;
    await insertAuditEvent(trx, {
      workspaceId: actor.workspace.id,
      actorUserId: actor.user.id,
      action: 'return_changes',
      recordType: 'page',
      recordId: pageId,
      before: { title },
      after: { title, comment: said },
      at: now,
    });
  });
}

/** Published pages whose changes await review, oldest proposal first, with their titles. */
export async function listPagesAwaitingReview(
  deps: PagesDeps,
  actor: Actor,
): Promise<Array<{ page: Page; draft: RecordDraft }>> {
  assertMay(actor, 'content.publish');
  return pagesOfDrafts(deps, actor, await findProposedDrafts(deps.db, actor.workspace.id, 'page'));
}

/** The changes this person saved that a reviewer sent back with a comment. */
export async function listPagesReturnedTo(
  deps: PagesDeps,
  actor: Actor,
): Promise<Array<{ page: Page; draft: RecordDraft }>> {
  assertMay(actor, 'content.read');
  return pagesOfDrafts(
    deps,
    actor,
    await findReturnedDrafts(deps.db, actor.workspace.id, 'page', actor.user.id),
  );
}

/** Published pages with unpublished changes, by page id. */
export async function listPageDrafts(deps: PagesDeps, actor: Actor): Promise<Map<string, RecordDraft>> {
  assertMay(actor, 'content.read');
  return findDrafts(deps.db, actor.workspace.id, 'page');
}

async function pagesOfDrafts(deps: PagesDeps, actor: Actor, drafts: RecordDraft[]) {
  const pages = new Map((await findLivePages(deps.db, actor.workspace.id)).map((page) => [page.id, page]));
  return drafts.flatMap((draft) => {
    const page = pages.get(draft.recordId);
    return page ? [{ page: withDraft(page, draft), draft }] : [];
  });
}

/**
 * An earlier version of a page, from its history, as the edit form would send it: saved (with
 * `updatePage`, as a restore) over the page as it is now, which is a deliberate choice.
 */
export async function pageVersionForm(
  deps: PagesDeps,
  actor: Actor,
  page: Page,
  eventId: number,
  /** The version the change found, rather than the one it left. */
  earlier = false,
): Promise<{ form: PageForm; at: Date }> {
  assertMay(actor, 'content.edit');
  const event = await findAuditEvent(deps.db, actor.workspace.id, 'page', page.id, eventId);
  const version = (earlier ? event?.before : event?.after) as
    | Partial<Record<keyof Page, unknown>>
    | null
    | undefined;
  if (!event || !version || !RESTORABLE_ACTIONS.has(event.action)) {
    throw new NotFoundError(messages.notFound.lead);
  }
  const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
  const idOf = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return {
    at: new Date(event.at),
    form: {
      title: textOf(version.title),
      slug: textOf(version.slug),
      parent_id: idOf(version.parent_id),
      position: typeof version.position === 'number' ? version.position : page.position,
      summary: textOf(version.summary),
      body_markdown: textOf(version.body_markdown),
      contact_card_id: idOf(version.contact_card_id),
      version: page.version,
    },
  };
}

export async function setPagePublished(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
  published: boolean,
): Promise<Page[]> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findLivePage(trx, actor.workspace.id, pageId);
    if (!before) throw new NotFoundError(messages.notFound.lead);
    // Unpublishing takes the published sub-pages along (a page under a draft is unreachable), and
    // is refused while a published page links into them: its link would lead to a 404.
    const plan = published ? null : await unpublishingPlanWith(trx, actor, pageId);
    if (plan && plan.linkedFrom.length > 0) throw new RuleError('page', text.unpublishRefused);
    const changed: Page[] = [];
    for (const page of [before, ...(plan?.publishedChildren ?? [])]) {
      const after = await updatePageRow(trx, actor.workspace.id, page.id, {
        status: published ? 'published' : 'draft',
        published_at: published ? (page.published_at ?? now) : page.published_at,
        updated_at: now,
      });
      await recordChange(trx, actor, 'page', published ? 'publish' : 'unpublish', page.id, page, after, now);
      changed.push(after);
    }
    return changed;
  });
}

export interface UnpublishingPlan {
  page: Page;
  /** The published pages under it, which go back to drafts with it. */
  publishedChildren: Page[];
  /** Published pages outside it whose text links to it or to one of those: unpublishing is refused. */
  linkedFrom: Array<{ id: string; title: string }>;
}

export async function planUnpublishing(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
): Promise<UnpublishingPlan> {
  assertMay(actor, 'content.publish');
  return unpublishingPlanWith(deps.db, actor, pageId);
}

async function unpublishingPlanWith(db: Db, actor: Actor, pageId: string): Promise<UnpublishingPlan> {
  const subtree = await findLiveSubtree(db, actor.workspace.id, pageId);
  const page = subtree[0];
  if (!page) throw new NotFoundError(messages.notFound.lead);
  // Published pages reached from it through published pages only: the ones visible now.
  const visible = new Set([page.id]);
  const publishedChildren: Page[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const child of subtree.slice(1)) {
      if (visible.has(child.id) || child.status !== 'published' || !visible.has(child.parent_id ?? ''))
        continue;
      visible.add(child.id);
      publishedChildren.push(child);
      grew = true;
    }
  }
  const leaving = new Set([page.id, ...publishedChildren.map((child) => child.id)]);
  const inSubtree = new Set(subtree.map((p) => p.id));
  const tree = orderAsTree(await findLivePages(db, actor.workspace.id));
  const paths = tree.filter((item) => leaving.has(item.page.id)).map((item) => item.path);
  const linkedFrom = tree
    .filter((item) => !inSubtree.has(item.page.id) && item.page.status === 'published')
    .filter((item) => paths.some((path) => linksTo(item.page.body_markdown, path)))
    .map((item) => ({ id: item.page.id, title: item.page.title }));
  return { page, publishedChildren, linkedFrom };
}

export interface DeletionPlan {
  page: Page;
  /** The pages that go with it (its live descendants). */
  children: Page[];
  /** Live pages outside the subtree whose text links to a page of the subtree: deletion is refused. */
  linkedFrom: Array<{ id: string; title: string }>;
}

export async function planPageDeletion(deps: PagesDeps, actor: Actor, pageId: string): Promise<DeletionPlan> {
  assertMay(actor, 'content.delete');
  return planWith(deps.db, actor, pageId);
}

async function planWith(db: Db, actor: Actor, pageId: string): Promise<DeletionPlan> {
  const subtree = await findLiveSubtree(db, actor.workspace.id, pageId);
  const page = subtree[0];
  if (!page) throw new NotFoundError(messages.notFound.lead);
  if (page.parent_id === null) throw new RuleError('page', text.errors.homeCannotBeDeleted);
  const inSubtree = new Set(subtree.map((p) => p.id));
  const tree = orderAsTree(await findLivePages(db, actor.workspace.id));
  const paths = tree.filter((item) => inSubtree.has(item.page.id)).map((item) => item.path);
  const linkedFrom = tree
    .filter((item) => !inSubtree.has(item.page.id))
    .filter((item) => paths.some((path) => linksTo(item.page.body_markdown, path)))
    .map((item) => ({ id: item.page.id, title: item.page.title }));
  return { page, children: subtree.slice(1), linkedFrom };
}

/** A Markdown link to this address, "](/a/b)", with or without an anchor or a title. */
function linksTo(markdown: string, path: string): boolean {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\]\\(\\s*${escaped}(?:[#?\\s)])`).test(markdown);
}

export async function deletePage(deps: PagesDeps, actor: Actor, pageId: string): Promise<number> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const plan = await planWith(trx, actor, pageId);
    if (plan.linkedFrom.length > 0) throw new RuleError('page', text.deleteRefused);
    const pages = [plan.page, ...plan.children];
    const deletionId = randomUUID();
    await markDeleted(
      trx,
      'pages',
      actor.workspace.id,
      pages.map((page) => page.id),
      { deletionId, at: now, by: actor.user.id },
    );
    for (const page of pages) {
      await recordChange(
        trx,
        actor,
        'page',
        'delete',
        page.id,
        page,
        { ...page, deleted_at: now, deletion_id: deletionId },
        now,
      );
    }
    return pages.length;
  });
}

export async function listTrashedPages(deps: PagesDeps, actor: Actor): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedPageGroups(deps.db, actor.workspace.id);
}

/**
 * Brings back every page of one deletion, as it was. Refused when the place it would return to
 * is gone (its parent is in the trash) or taken (a live page now has its address), or when what
 * it shows is gone: its contact card is in the trash (the card could then never be purged), or
 * no live image bears the name of one of its figures (the public page would lose it silently).
 */
export async function restorePageDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  const pages = await findRowsOfDeletion(trx, 'pages', actor.workspace.id, deletionId);
  const ids = new Set(pages.map((page) => page.id));
  for (const page of pages.filter((p) => p.parent_id !== null && !ids.has(p.parent_id))) {
    const parent = await findLivePage(trx, actor.workspace.id, page.parent_id!);
    if (!parent) throw new RuleError('deletion', messages.trash.errors.parentInTrash(page.title));
    if (await isSlugTaken(trx, parent.id, page.slug, null)) {
      throw new RuleError('deletion', messages.trash.errors.addressTaken(page.title));
    }
  }
  for (const page of pages) {
    if (page.contact_card_id) {
      const card = await findContactCardAnyState(trx, actor.workspace.id, page.contact_card_id);
      if (card?.deleted_at) {
        throw new RuleError(
          'deletion',
          messages.trash.errors.contactCardInTrash(page.title, card.service_name),
        );
      }
    }
    for (const name of figureNamesIn(page.body_markdown)) {
      if (!(await isLiveMediaName(trx, actor.workspace.id, name))) {
        throw new RuleError('deletion', messages.trash.errors.figureMissing(page.title, name));
      }
    }
  }
  await clearDeletion(trx, 'pages', actor.workspace.id, deletionId, now);
  for (const page of pages) {
    await recordChange(
      trx,
      actor,
      'page',
      'restore',
      page.id,
      page,
      { ...page, deleted_at: null, deletion_id: null },
      now,
    );
  }
  return pages.length;
}

export async function purgePages(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  const pages = await findTrashedRows(trx, 'pages', actor.workspace.id);
  for (const page of pages) await recordChange(trx, actor, 'page', 'purge', page.id, page, null, now);
  await purgeTrashedPages(trx, actor.workspace.id);
  await deleteDraftsOf(
    trx,
    actor.workspace.id,
    'page',
    pages.map((page) => page.id),
  );
  return pages.length;
}

/*
 * What the public site reads of pages: published ones only, for any visitor (no actor). The
 * public site and the back office read pages through this module alone.
 */
export type { PageSummary, PublicPageRow };

/** Every published page of the workspace, in menu order, without their texts: the site's tree. */
export function listPublishedPageSummaries(db: Db, workspaceId: string): Promise<PageSummary[]> {
  return findPublishedPageSummaries(db, workspaceId);
}

/** A published page's row, its body aside: the one query of a public page in the common case. */
export function findPublicPage(
  db: Db,
  workspaceId: string,
  pageId: string,
): Promise<PublicPageRow | undefined> {
  return findPublicPageRow(db, workspaceId, pageId);
}

/** A published page's Markdown body ('' when it is not published). */
export function readPublishedPageBody(db: Db, workspaceId: string, pageId: string): Promise<string> {
  return findPublicPageBody(db, workspaceId, pageId);
}

/** A page's published sub-pages, with what their list shows: summary, and body for the first image. */
export function listPublishedChildren(
  db: Db,
  workspaceId: string,
  parentId: string,
): Promise<Array<Pick<Page, 'id' | 'summary' | 'body_markdown'>>> {
  return findPublishedChildren(db, workspaceId, parentId);
}

/** The job that publishes a page at its time: one at most per page. */
export const PUBLISH_PAGE_JOB = 'publish-page';

function scheduleKey(pageId: string): string {
  return `${PUBLISH_PAGE_JOB}:${pageId}`;
}

/** When the page is due to be published by the queue, if it is. */
export async function findScheduledPublication(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
): Promise<Date | null> {
  assertMay(actor, 'content.read');
  const job = await findQueuedJob(deps.db, scheduleKey(pageId));
  return job && job.workspace_id === actor.workspace.id ? new Date(job.run_at) : null;
}

/**
 * A draft to be published by the job queue at `at` (a Paris time read by the route); a new time
 * replaces the one set before. The history says who set it, and for when.
 */
export async function schedulePagePublication(
  deps: PagesDeps & { jobs: JobQueue },
  actor: Actor,
  pageId: string,
  at: Date,
): Promise<void> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  if (at.getTime() <= now.getTime()) throw new RuleError('publish_date', text.errors.schedulePast);
  await deps.db.transaction().execute(async (trx) => {
    const page = await findLivePage(trx, actor.workspace.id, pageId);
    if (!page) throw new NotFoundError(messages.notFound.lead);
    if (page.status === 'published') throw new RuleError('publish_date', text.errors.schedulePublished);
    const previous = await findQueuedJob(trx, scheduleKey(pageId));
    await cancelQueuedJob(trx, scheduleKey(pageId));
    await deps.jobs.enqueue(trx, {
      kind: PUBLISH_PAGE_JOB,
      workspaceId: actor.workspace.id,
      payload: { pageId, scheduledBy: actor.user.id },
      runAt: at,
      uniqueKey: scheduleKey(pageId),
    });
    await insertAuditEvent(trx, {
      workspaceId: actor.workspace.id,
      actorUserId: actor.user.id,
      action: 'schedule',
      recordType: 'page',
      recordId: pageId,
      before: { title: page.title, scheduled_for: previous ? new Date(previous.run_at).toISOString() : null },
      after: { title: page.title, scheduled_for: at.toISOString() },
      at: now,
    });
  });
}

export async function cancelScheduledPublication(
  deps: PagesDeps,
  actor: Actor,
  pageId: string,
): Promise<boolean> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const page = await findLivePage(trx, actor.workspace.id, pageId);
    if (!page) throw new NotFoundError(messages.notFound.lead);
    const previous = await findQueuedJob(trx, scheduleKey(pageId));
    if (!previous || !(await cancelQueuedJob(trx, scheduleKey(pageId)))) return false;
    await insertAuditEvent(trx, {
      workspaceId: actor.workspace.id,
      actorUserId: actor.user.id,
      action: 'unschedule',
      recordType: 'page',
      recordId: pageId,
      before: { title: page.title, scheduled_for: new Date(previous.run_at).toISOString() },
      after: { title: page.title, scheduled_for: null },
      at: now,
    });
    return true;
  });
}

/**
 * The queue's side. A reviewer is told of a proposal, unless it was published, sent back or
 * discarded before the message left. A scheduled page is published at its time, in the name of
 * the person who scheduled it, unless it was published by hand or put in the trash since.
 */
export function registerPageJobs(deps: PagesDeps & AccountDeps & { jobs: JobQueue }): void {
  deps.jobs.handle(REVIEW_REQUESTED_JOB, async (job) => {
    const { pageId, to } = job.payload as { pageId?: string; to?: string };
    const workspace = job.workspace_id ? await findWorkspace(deps.db, job.workspace_id) : undefined;
    if (!workspace || !pageId || !to) throw new Error('review-requested: no workspace, page or address');
    const row = await findLivePage(deps.db, workspace.id, pageId);
    const draft = await findDraft(deps.db, {
      workspaceId: workspace.id,
      recordType: 'page',
      recordId: pageId,
    });
    // Published, sent back or discarded since: nothing awaits review any more.
    if (!row || !draft?.proposedAt) return;
    const title = withDraft(row, draft).title;
    const link = workspaceLink(deps, workspace, `/gestion/pages/${pageId}/modifications`);
    await deps.mailer.send({
      to,
      subject: text.reviewMail.subject(workspace.name, title),
      text: text.reviewMail.body(draft.proposedByName ?? '', title, link),
    });
  });
  deps.jobs.handle(PUBLISH_PAGE_JOB, async (job) => {
    const { pageId, scheduledBy } = job.payload as { pageId?: string; scheduledBy?: string };
    if (!job.workspace_id || !pageId) throw new Error('publish-page: no page named');
    const workspaceId = job.workspace_id;
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      const before = await findLivePage(trx, workspaceId, pageId);
      if (!before || before.status === 'published') return;
      const after = await updatePageRow(trx, workspaceId, pageId, {
        status: 'published',
        published_at: before.published_at ?? now,
        updated_at: now,
      });
      await insertAuditEvent(trx, {
        workspaceId,
        actorUserId: scheduledBy ?? null,
        action: 'scheduled_publish',
        recordType: 'page',
        recordId: pageId,
        before,
        after,
        at: now,
      });
    });
  });
}

/** The drafts due to be published by the queue, soonest first, with their titles. */
export async function listScheduledPublications(
  deps: PagesDeps,
  actor: Actor,
): Promise<Array<{ id: string; title: string; at: Date }>> {
  assertMay(actor, 'content.read');
  const rows = await findScheduledPublications(deps.db, actor.workspace.id, PUBLISH_PAGE_JOB);
  return rows.map((row) => ({ id: row.id, title: row.title, at: new Date(row.at) }));
}
