import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { findTrashedSingles, type TrashedGroup } from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import { type Clock, isoDateInParis } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import {
  type AwaitingReview,
  applyProposal,
  findProposedChanges,
  listAwaitingReview,
  proposeChanges,
  type ReviewedKind,
  savesAtOnce,
  sendBackProposal,
} from '../../platform/review.js';
import { moveToTrash, purgeFromTrash, restoreFromTrash } from '../../platform/trash.js';
import { bumpRecordVersion, changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { getProject, isLiveProject, type ProjectDetails } from '../projects/projects.service.js';
import {
  findLiveResult,
  findLiveResultsOf,
  findPurgeableResults,
  findResultRows,
  insertResult,
  type ResultRow,
  replaceResultRows,
  updateResultRow,
} from './results.repo.js';
import type { IndicatorInput, PeriodInput, ResultForm } from './results.schemas.js';

export interface ResultsDeps {
  db: Db;
  clock: Clock;
}

export type { ResultRow };
export const RESULT_RECORD_TYPE = 'project_result';
const RESULT_TRASH = { table: 'project_results', recordType: RESULT_RECORD_TYPE } as const;
const RESULT_REVIEW: ReviewedKind = RESULT_TRASH;
const text = messages.results;

export interface ResultDetails {
  result: ResultRow;
  project: ProjectDetails;
  indicators: IndicatorInput[];
  periods: Omit<PeriodInput, 'row'>[];
}

/** A project's results with their indicators and periods; read through the project. */
export async function listResultsOf(
  deps: ResultsDeps,
  actor: Actor,
  project: ProjectDetails,
): Promise<Array<Omit<ResultDetails, 'project'>>> {
  const results = await findLiveResultsOf(deps.db, actor.workspace.id, project.project.id);
  return Promise.all(
    results.map(async (result) => ({
      result,
      ...(await findResultRows(deps.db, actor.workspace.id, result.id)),
    })),
  );
}

export async function getResult(deps: ResultsDeps, actor: Actor, id: string): Promise<ResultDetails> {
  const result = await findLiveResult(deps.db, actor.workspace.id, id);
  if (!result) throw new NotFoundError(messages.notFound.lead);
  const project = await getProject(deps, actor, result.project_id);
  return { result, project, ...(await findResultRows(deps.db, actor.workspace.id, id)) };
}

/** IATI: no value reached is recorded for a period that has not begun. */
function checkPeriods(clock: Clock, form: ResultForm): void {
  const today = isoDateInParis(clock.now());
  const errors: Record<string, string> = {};
  for (const period of form.periods)
    if (period.actual !== null && period.period_start > today)
      errors[`period_actual_${period.row}`] = text.errors.actualInFuture;
  const refusal = RuleError.ofFields(errors);
  if (refusal) throw refusal;
}

const withoutRows = (periods: PeriodInput[]) => periods.map(({ row: _row, ...period }) => period);

function snapshot(result: ResultRow, indicators: IndicatorInput[], periods: Omit<PeriodInput, 'row'>[]) {
  return { ...result, indicators, periods };
}

export async function createResult(
  deps: ResultsDeps,
  actor: Actor,
  projectId: string,
  form: ResultForm,
): Promise<ResultRow> {
  assertMay(actor, 'content.create');
  await getProject(deps, actor, projectId);
  checkPeriods(deps.clock, form);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const result = await insertResult(trx, {
      ...form.values,
      workspace_id: actor.workspace.id,
      project_id: projectId,
      created_at: now,
      updated_at: now,
    });
    const periods = withoutRows(form.periods);
    await replaceResultRows(trx, actor.workspace.id, result.id, form.indicators, periods);
    await recordChange(
      trx,
      actor,
      RESULT_RECORD_TYPE,
      'create',
      result.id,
      null,
      snapshot(result, form.indicators, periods),
      now,
    );
    return result;
  });
}

/** The live result's row, after refusing a save over a newer version than the one opened. */
async function resultOpenedAt(trx: Db, actor: Actor, id: string, openedVersion: number): Promise<ResultRow> {
  const before = await findLiveResult(trx, actor.workspace.id, id);
  if (!before) throw new NotFoundError(messages.notFound.lead);
  await refuseStaleSave(trx, {
    table: 'project_results',
    key: { id },
    workspaceId: actor.workspace.id,
    recordType: RESULT_RECORD_TYPE,
    recordId: id,
    openedVersion,
    fields: ['type', 'title', 'description'],
  });
  return before;
}

/** Applies a checked form to the result, in `trx`: its row, its indicators and periods, one history line. */
async function applyResultForm(
  trx: Db,
  actor: Actor,
  before: ResultRow,
  form: ResultForm,
  now: Date,
  action: 'update' | 'apply_changes',
): Promise<ResultRow> {
  const id = before.id;
  const rowsBefore = await findResultRows(trx, actor.workspace.id, id);
  const periods = withoutRows(form.periods);
  const rowsChanged = JSON.stringify(rowsBefore) !== JSON.stringify({ indicators: form.indicators, periods });
  const fieldsUnchanged = changesNothing(before, form.values);
  if (fieldsUnchanged && !rowsChanged) return before;
  let after = fieldsUnchanged
    ? before
    : await updateResultRow(trx, actor.workspace.id, id, { ...form.values, updated_at: now });
  if (rowsChanged) {
    await replaceResultRows(trx, actor.workspace.id, id, form.indicators, periods);
    if (fieldsUnchanged) {
      await bumpRecordVersion(trx, 'project_results', actor.workspace.id, id);
      after = { ...after, version: after.version + 1 };
    }
  }
  await recordChange(
    trx,
    actor,
    RESULT_RECORD_TYPE,
    action,
    id,
    snapshot(before, rowsBefore.indicators, rowsBefore.periods),
    snapshot(after, form.indicators, periods),
    now,
  );
  return after;
}

/** Saves the result's form: at once for who may publish, else proposed for review (platform/review). */
export async function updateResult(
  deps: ResultsDeps,
  actor: Actor,
  id: string,
  form: ResultForm,
): Promise<ResultRow> {
  assertMay(actor, 'content.edit');
  checkPeriods(deps.clock, form);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await resultOpenedAt(trx, actor, id, form.version);
    if (savesAtOnce(actor)) return applyResultForm(trx, actor, before, form, now, 'update');
    const version = await proposeChanges(trx, actor, RESULT_REVIEW, id, form, now);
    return { ...before, version };
  });
}

/** The changes proposed for a result, or sent back to their author; null when there are none. */
export async function getResultDraft(deps: ResultsDeps, actor: Actor, id: string) {
  assertMay(actor, 'content.read');
  return findProposedChanges<ResultForm>(deps.db, actor, RESULT_REVIEW, id);
}

/** An editor applies the proposed changes, checked again as they stand today. */
export function applyResultDraft(
  deps: ResultsDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<ResultRow> {
  return applyProposal<ResultRow, ResultForm>(deps, actor, RESULT_REVIEW, id, {
    field: 'result',
    openedAt: (trx) => resultOpenedAt(trx, actor, id, version),
    apply: (trx, before, form, now) => {
      checkPeriods(deps.clock, form);
      return applyResultForm(trx, actor, before, form, now, 'apply_changes');
    },
  });
}

export function returnResultDraft(deps: ResultsDeps, actor: Actor, id: string, comment: string) {
  return sendBackProposal(deps, actor, RESULT_REVIEW, id, comment);
}

/** What awaits an editor: results with changes proposed, named with their projects, oldest first. */
export async function listResultsAwaitingReview(deps: ResultsDeps, actor: Actor): Promise<AwaitingReview[]> {
  return listAwaitingReview(deps.db, actor, RESULT_REVIEW, async (id) => {
    const row = await findLiveResult(deps.db, actor.workspace.id, id);
    if (!row) return null;
    const project = await getProject(deps, actor, row.project_id);
    return {
      title: messages.review.ofProject(row.title, project.project.title),
      href: `/gestion/resultats/${row.id}`,
    };
  });
}

export async function deleteResult(deps: ResultsDeps, actor: Actor, id: string): Promise<string> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const result = await findLiveResult(trx, actor.workspace.id, id);
    if (!result) throw new NotFoundError(messages.notFound.lead);
    await moveToTrash(trx, actor, RESULT_TRASH, result, randomUUID(), now);
    return result.project_id;
  });
}

export async function listTrashedResults(
  deps: Pick<ResultsDeps, 'db'>,
  actor: Actor,
): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'project_results', 'title', actor.workspace.id);
}

export async function restoreResultDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  return restoreFromTrash(trx, actor, RESULT_TRASH, deletionId, now, async (rows) => {
    for (const row of rows)
      if (!(await isLiveProject(trx, actor.workspace.id, row.project_id)))
        throw new RuleError('deletion', messages.trash.errors.resultProjectInTrash);
  });
}

export async function purgeResults(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  return purgeFromTrash(trx, actor, RESULT_TRASH, await findPurgeableResults(trx, actor.workspace.id), now);
}
