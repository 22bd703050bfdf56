import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Convention, Organisation, Project } from '../../db/schema.js';
import { findTrashedSingles, type TrashedGroup } from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import {
  applyProposal,
  findChangesAwaitingReview,
  findProposedChanges,
  proposeChanges,
  type ReviewedKind,
  savesAtOnce,
  sendBackProposal,
} from '../../platform/review.js';
import { moveToTrash, purgeFromTrash, restoreFromTrash } from '../../platform/trash.js';
import { bumpRecordVersion, changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { conventionsOfPartnership, todayOf } from '../conventions/conventions.service.js';
import { organisationsNamedBy } from '../organisations/organisations.service.js';
import {
  getReadablePartnership,
  listPartnerships,
  type PartnershipRow,
  partnerScope,
} from '../partnerships/partnerships.service.js';
import { isInFuture } from './project-rules.js';
import {
  countLiveChildren,
  findLiveProject,
  findLiveProjects,
  findLiveRowsOfProject,
  findProjectRows,
  findPurgeableProjects,
  insertProject,
  type ProjectRow,
  replaceProjectRows,
  TRASHED_WITH_PROJECT,
  updateProjectRow,
} from './projects.repo.js';
import type { ProjectForm, ProjectRows } from './projects.schemas.js';

export interface ProjectsDeps {
  db: Db;
  clock: Clock;
}

export type { ProjectRow };
export const PROJECT_RECORD_TYPE = 'project';
const PROJECT_TRASH = { table: 'projects', recordType: PROJECT_RECORD_TYPE } as const;
const PROJECT_REVIEW: ReviewedKind = PROJECT_TRASH;
const text = messages.projects;

export async function listProjects(
  deps: ProjectsDeps,
  actor: Actor,
  partnershipId?: string,
): Promise<ProjectRow[]> {
  assertMay(actor, 'partnerships.read');
  if (partnershipId) await getReadablePartnership(deps.db, actor, partnershipId);
  return findLiveProjects(deps.db, actor.workspace.id, { partnershipId, sharedWith: partnerScope(actor) });
}

export interface ProjectDetails {
  project: ProjectRow;
  partnership: PartnershipRow;
  convention: Convention | null;
  rows: ProjectRows;
  /** The organisations its rows name, by id. */
  organisations: Map<string, Organisation>;
}

/** A project the actor may read: through its partnership, so a partner reads only the shared ones. */
export async function getProject(deps: ProjectsDeps, actor: Actor, id: string): Promise<ProjectDetails> {
  assertMay(actor, 'partnerships.read');
  const project = await findLiveProject(deps.db, actor.workspace.id, id);
  if (!project) throw new NotFoundError(messages.notFound.lead);
  const partnership = await getReadablePartnership(deps.db, actor, project.partnership_id);
  const [rows, conventions, organisations] = await Promise.all([
    findProjectRows(deps.db, actor.workspace.id, id),
    conventionsOfPartnership(deps.db, actor.workspace.id, project.partnership_id),
    organisationsNamedBy(deps.db, actor.workspace.id),
  ]);
  return {
    project,
    partnership,
    convention: conventions.find((c) => c.id === project.convention_id) ?? null,
    rows,
    organisations: new Map(organisations.map((o) => [o.id, o])),
  };
}

/** Whether a project is live (not in the trash): a transaction comes back from the trash only to a live project. */
export async function isLiveProject(db: Db, workspaceId: string, id: string): Promise<boolean> {
  return (await findLiveProject(db, workspaceId, id)) !== undefined;
}

export interface ProjectChoices {
  partnerships: PartnershipRow[];
  /** The live conventions of each partnership, by partnership id. */
  conventions: Map<string, Convention[]>;
  organisations: Organisation[];
}

/** What the form offers: the workspace's partnerships with their conventions, its organisations. */
export async function projectChoices(deps: ProjectsDeps, actor: Actor): Promise<ProjectChoices> {
  const [partnerships, organisations] = await Promise.all([
    listPartnerships(deps, actor),
    organisationsNamedBy(deps.db, actor.workspace.id),
  ]);
  const conventions = new Map<string, Convention[]>();
  await Promise.all(
    partnerships.map(async (p) =>
      conventions.set(p.id, await conventionsOfPartnership(deps.db, actor.workspace.id, p.id)),
    ),
  );
  return { partnerships, conventions, organisations };
}

/** The checks that need the database or the day; each refusal beside its own field. */
async function checkProject(db: Db, actor: Actor, clock: Clock, form: ProjectForm): Promise<void> {
  const errors: Record<string, string> = {};
  const partnership = (await listPartnerships({ db, clock }, actor)).find(
    (p) => p.id === form.values.partnership_id,
  );
  if (!partnership) errors.partnership_id = text.errors.partnershipRequired;
  else if (form.values.convention_id) {
    const conventions = await conventionsOfPartnership(db, actor.workspace.id, partnership.id);
    if (!conventions.some((c) => c.id === form.values.convention_id))
      errors.convention_id = text.errors.conventionNotOfPartnership;
  }
  const today = todayOf(clock);
  if (isInFuture(form.values.actual_start, today)) errors.actual_start = text.errors.actualInFuture;
  if (isInFuture(form.values.actual_end, today)) errors.actual_end = text.errors.actualInFuture;
  const known = new Set((await organisationsNamedBy(db, actor.workspace.id)).map((o) => o.id));
  form.participants.forEach((participant, row) => {
    if (!known.has(participant.organisation_id))
      errors[`participant_${row}`] = text.errors.organisationUnknown;
  });
  form.locations.forEach((location, row) => {
    if (!known.has(location.organisation_id)) errors[`location_${row}`] = text.errors.organisationUnknown;
  });
  const refusal = RuleError.ofFields(errors);
  if (refusal) throw refusal;
}

function snapshot(project: Project, rows: ProjectRows) {
  return { ...project, ...rows };
}

function rowsOf(form: ProjectForm): ProjectRows {
  return {
    sectors: form.sectors,
    countries: form.countries,
    participants: form.participants,
    locations: form.locations,
    budgets: form.budgets,
  };
}

export async function createProject(deps: ProjectsDeps, actor: Actor, form: ProjectForm): Promise<Project> {
  assertMay(actor, 'content.create');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await checkProject(trx, actor, deps.clock, form);
    const project = await insertProject(trx, {
      ...form.values,
      workspace_id: actor.workspace.id,
      created_at: now,
      updated_at: now,
    });
    await replaceProjectRows(trx, actor.workspace.id, project.id, rowsOf(form));
    await recordChange(
      trx,
      actor,
      PROJECT_RECORD_TYPE,
      'create',
      project.id,
      null,
      snapshot(project, rowsOf(form)),
      now,
    );
    return project;
  });
}

const COMPARED_FIELDS = [
  'partnership_id',
  'convention_id',
  'title',
  'description',
  'partner_language',
  'title_partner',
  'description_partner',
  'kind',
  'status',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'eapd_category',
  'marker_gender',
  'marker_environment',
  'marker_biodiversity',
  'marker_climate_mitigation',
  'marker_climate_adaptation',
  'sdg_goals',
];

/** Applies a checked form to the project, in `trx`: its row, its rows, one history line. */
async function applyProjectForm(
  trx: Db,
  actor: Actor,
  before: Project,
  form: ProjectForm,
  now: Date,
  action: 'update' | 'apply_changes',
): Promise<Project> {
  const id = before.id;
  const rowsBefore = await findProjectRows(trx, actor.workspace.id, id);
  const rowsAfter = rowsOf(form);
  const rowsChanged = JSON.stringify(rowsBefore) !== JSON.stringify(rowsAfter);
  const fieldsUnchanged = changesNothing(before, form.values);
  if (fieldsUnchanged && !rowsChanged) return before;
  let after: Project = fieldsUnchanged
    ? before
    : await updateProjectRow(trx, actor.workspace.id, id, { ...form.values, updated_at: now });
  if (rowsChanged) {
    await replaceProjectRows(trx, actor.workspace.id, id, rowsAfter);
    // Only rows changed: the version still moves, so a form opened before is refused.
    if (fieldsUnchanged) {
      await bumpRecordVersion(trx, 'projects', actor.workspace.id, id);
      after = { ...after, version: after.version + 1 };
    }
  }
  await recordChange(
    trx,
    actor,
    PROJECT_RECORD_TYPE,
    action,
    id,
    snapshot(before, rowsBefore),
    snapshot(after, rowsAfter),
    now,
  );
  return after;
}

/** A project's row without what its lists add. */
async function liveProjectRow(trx: Db, actor: Actor, id: string): Promise<Project> {
  const found = await findLiveProject(trx, actor.workspace.id, id);
  if (!found) throw new NotFoundError(messages.notFound.lead);
  const { partner_name: _n, partner_organisation_id: _o, partnership_shared: _s, ...project } = found;
  return project;
}

/**
 * Saves the project's form. Someone who may publish changes it at once; a contributor's changes
 * are kept as the project's draft, proposed for review (step 6): an editor applies them or sends
 * them back with a comment. Either way the version moves, so a form opened before is refused.
 */
export async function updateProject(
  deps: ProjectsDeps,
  actor: Actor,
  id: string,
  form: ProjectForm,
): Promise<Project> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await liveProjectRow(trx, actor, id);
    await refuseStaleSave(trx, {
      table: 'projects',
      key: { id },
      workspaceId: actor.workspace.id,
      recordType: PROJECT_RECORD_TYPE,
      recordId: id,
      openedVersion: form.version,
      fields: COMPARED_FIELDS,
    });
    await checkProject(trx, actor, deps.clock, form);
    if (savesAtOnce(actor)) return applyProjectForm(trx, actor, before, form, now, 'update');
    const version = await proposeChanges(trx, actor, PROJECT_REVIEW, id, form, now);
    return { ...before, version };
  });
}

/** The changes proposed for a project, waiting for an editor; null when there are none. */
export async function getProjectDraft(deps: ProjectsDeps, actor: Actor, id: string) {
  assertMay(actor, 'content.read');
  return findProposedChanges<ProjectForm>(deps.db, actor, PROJECT_REVIEW, id);
}

/** What awaits an editor: the projects with changes proposed, oldest first. */
export async function listProjectsAwaitingReview(deps: ProjectsDeps, actor: Actor) {
  const drafts = await findChangesAwaitingReview(deps.db, actor, PROJECT_REVIEW);
  if (drafts.length === 0) return [];
  const projects = await findLiveProjects(deps.db, actor.workspace.id);
  return drafts.flatMap((draft) => {
    const project = projects.find((p) => p.id === draft.recordId);
    return project ? [{ project, draft }] : [];
  });
}

/** An editor applies the proposed changes, checked again as they stand today. */
export function applyProjectDraft(
  deps: ProjectsDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<Project> {
  return applyProposal<Project, ProjectForm>(deps, actor, PROJECT_REVIEW, id, {
    field: 'project',
    openedAt: async (trx) => {
      const before = await liveProjectRow(trx, actor, id);
      await refuseStaleSave(trx, {
        table: 'projects',
        key: { id },
        workspaceId: actor.workspace.id,
        recordType: PROJECT_RECORD_TYPE,
        recordId: id,
        openedVersion: version,
        fields: COMPARED_FIELDS,
      });
      return before;
    },
    apply: async (trx, before, form, now) => {
      await checkProject(trx, actor, deps.clock, form);
      return applyProjectForm(trx, actor, before, form, now, 'apply_changes');
    },
  });
}

/** An editor sends the proposed changes back to their author, with a comment. */
export function returnProjectDraft(deps: ProjectsDeps, actor: Actor, id: string, comment: string) {
  return sendBackProposal(deps, actor, PROJECT_REVIEW, id, comment);
}

/** Why a project may not go to the trash: the missions that serve it; null when it may. */
async function deletionRefusal(db: Db, workspaceId: string, id: string): Promise<string | null> {
  const live = await countLiveChildren(db, workspaceId, id);
  return live.missions > 0 ? text.errors.deleteRefusedMissions(live.missions) : null;
}

export async function planProjectDeletion(deps: ProjectsDeps, actor: Actor, id: string) {
  assertMay(actor, 'content.delete');
  const details = await getProject(deps, actor, id);
  const live = await countLiveChildren(deps.db, actor.workspace.id, id);
  return {
    details,
    refused: await deletionRefusal(deps.db, actor.workspace.id, id),
    /** What goes to the trash with it. */
    along: {
      transactions: live.project_transactions,
      updates: live.project_updates,
      results: live.project_results,
    },
  };
}

/**
 * To the trash, with its transactions, news and results in the same deletion: restoring it
 * brings them all back, and no spending stays visible under a project that is gone. A project
 * that missions serve stays: they are the partnership's, to be moved to another project first.
 */
export async function deleteProject(deps: ProjectsDeps, actor: Actor, id: string): Promise<string> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await findLiveProject(trx, actor.workspace.id, id);
    if (!found) throw new NotFoundError(messages.notFound.lead);
    const refused = await deletionRefusal(trx, actor.workspace.id, id);
    if (refused) throw new RuleError('project', refused);
    const { partner_name: _n, partner_organisation_id: _o, partnership_shared: _s, ...project } = found;
    const deletionId = randomUUID();
    await moveToTrash(trx, actor, PROJECT_TRASH, project, deletionId, now);
    for (const kind of TRASHED_WITH_PROJECT)
      for (const row of await findLiveRowsOfProject(trx, actor.workspace.id, kind.table, id))
        await moveToTrash(trx, actor, kind, row, deletionId, now);
    return project.partnership_id;
  });
}

export async function listTrashedProjects(
  deps: Pick<ProjectsDeps, 'db'>,
  actor: Actor,
): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'projects', 'title', actor.workspace.id);
}

export async function restoreProjectDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  return restoreFromTrash(trx, actor, PROJECT_TRASH, deletionId, now, async (rows) => {
    const live = new Set(
      (await listPartnerships({ db: trx, clock: { now: () => now } }, actor)).map((p) => p.id),
    );
    if (rows.some((row) => !live.has(row.partnership_id)))
      throw new RuleError('deletion', text.errors.restoreWithoutPartnership);
  });
}

export async function purgeProjects(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  return purgeFromTrash(trx, actor, PROJECT_TRASH, await findPurgeableProjects(trx, actor.workspace.id), now);
}
