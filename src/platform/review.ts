import type { Db } from '../db/database.js';
import { findLiveRow, type TrashableTable } from '../db/trash.repo.js';
import { recordChange } from './audit/audit.repo.js';
import { type Actor, assertMay } from './auth/actor.js';
import { roleMay } from './auth/permissions.js';
import type { Clock } from './clock.js';
import {
  type DraftRef,
  deleteDraft,
  findDraft,
  findProposedDrafts,
  proposeDraft,
  type RecordDraft,
  returnDraft,
  saveDraft,
} from './drafts.js';
import { NotFoundError, RuleError } from './errors-typed.js';
import { messages } from './i18n/fr.js';
import { bumpRecordVersion, type VersionedTable } from './versions.js';

/**
 * The review of changes to a record, written once for every kind that has it (a project and
 * its transactions, results and missions). Someone who may publish saves at once; a contributor's
 * checked form is kept aside as the record's draft (platform/drafts), proposed for review; an
 * editor applies it, checked again as things stand then, or sends it back with a comment.
 * Proposing and applying move the record's version, so a form opened before either is refused
 * (no lost update); each step writes one line of the record's history.
 */
export interface ReviewedKind {
  table: VersionedTable & TrashableTable;
  recordType: string;
}

/** One record whose changes await review, as the dashboard lists it. */
export interface AwaitingReview {
  title: string;
  href: string;
  by: string;
}

export interface ProposedChanges<Form> extends RecordDraft {
  form: Form;
}

function refOf(actor: Actor, kind: ReviewedKind, id: string): DraftRef {
  return { workspaceId: actor.workspace.id, recordType: kind.recordType, recordId: id };
}

/** Whether the actor's changes apply at once, or wait for review. */
export function savesAtOnce(actor: Actor): boolean {
  return roleMay(actor.role, 'content.publish');
}

/**
 * Keeps a contributor's checked form as the record's proposed changes, in `trx`. Returns the
 * record's new version.
 */
export async function proposeChanges(
  trx: Db,
  actor: Actor,
  kind: ReviewedKind,
  id: string,
  form: object,
  now: Date,
): Promise<number> {
  const ref = refOf(actor, kind, id);
  await saveDraft(trx, ref, form, actor.user.id, now);
  await proposeDraft(trx, ref, actor.user.id, now);
  const version = await bumpRecordVersion(trx, kind.table, actor.workspace.id, id);
  await recordChange(trx, actor, kind.recordType, 'propose_changes', id, null, form, now);
  return version;
}

/** The changes proposed for a record, or sent back to their author; null when there are none. */
export async function findProposedChanges<Form>(
  db: Db,
  actor: Actor,
  kind: ReviewedKind,
  id: string,
): Promise<ProposedChanges<Form> | null> {
  const draft = await findDraft(db, refOf(actor, kind, id));
  return draft ? { ...draft, form: draft.data as unknown as Form } : null;
}

/** Every change of one kind awaiting review in the workspace, oldest first; none for who may not publish. */
export async function findChangesAwaitingReview(
  db: Db,
  actor: Actor,
  kind: ReviewedKind,
): Promise<RecordDraft[]> {
  if (!savesAtOnce(actor)) return [];
  return findProposedDrafts(db, actor.workspace.id, kind.recordType);
}

/**
 * Every record of one kind awaiting review, as the dashboard lists it, oldest first: `describe`
 * names a live record, and gives null for one gone to the trash meanwhile.
 */
export async function listAwaitingReview(
  db: Db,
  actor: Actor,
  kind: ReviewedKind,
  describe: (recordId: string) => Promise<Omit<AwaitingReview, 'by'> | null>,
): Promise<AwaitingReview[]> {
  const drafts = await findChangesAwaitingReview(db, actor, kind);
  const items = await Promise.all(
    drafts.map(async (draft) => {
      const named = await describe(draft.recordId);
      return named ? [{ ...named, by: draft.proposedByName ?? '' }] : [];
    }),
  );
  return items.flat();
}

/**
 * Takes the proposed form off the record, in `trx`, for the caller to check and apply; refused
 * beside `field` when nothing awaits review (applied or sent back meanwhile).
 */
async function takeProposedChanges<Form>(
  trx: Db,
  actor: Actor,
  kind: ReviewedKind,
  id: string,
  field: string,
): Promise<Form> {
  const ref = refOf(actor, kind, id);
  const draft = await findDraft(trx, ref);
  if (!draft?.proposedAt) throw new RuleError(field, messages.review.nothingProposed);
  await deleteDraft(trx, ref);
  return draft.data as unknown as Form;
}

/**
 * An editor applies the proposed changes, the whole step: `openedAt` reads the live record after
 * refusing a version older than the one the editor saw; `apply` checks the proposal again as
 * things stand and applies it, returning `before` itself when it changes nothing (the version
 * moves all the same, so the page the editor had open no longer applies anything).
 */
export async function applyProposal<Row, Form>(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  kind: ReviewedKind,
  id: string,
  steps: {
    /** Where a refusal of a proposal gone meanwhile is shown. */
    field: string;
    openedAt: (trx: Db) => Promise<Row>;
    apply: (trx: Db, before: Row, form: Form, now: Date) => Promise<Row>;
  },
): Promise<Row> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await steps.openedAt(trx);
    const form = await takeProposedChanges<Form>(trx, actor, kind, id, steps.field);
    const after = await steps.apply(trx, before, form, now);
    if (after === before) await bumpRecordVersion(trx, kind.table, actor.workspace.id, id);
    return after;
  });
}

/** An editor sends the proposed changes of a live record back to their author, with a comment. */
export async function sendBackProposal(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  kind: ReviewedKind,
  id: string,
  comment: string,
): Promise<void> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await findLiveRow(trx, kind.table, actor.workspace.id, id)))
      throw new NotFoundError(messages.notFound.lead);
    const ref = refOf(actor, kind, id);
    const draft = await findDraft(trx, ref);
    if (!draft?.proposedAt) throw new RuleError('comment', messages.review.nothingProposed);
    await returnDraft(trx, ref, actor.user.id, now, comment);
    await recordChange(trx, actor, kind.recordType, 'return_changes', id, null, { comment }, now);
  });
}
