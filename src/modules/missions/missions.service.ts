import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Media, Mission, Organisation } from '../../db/schema.js';
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
import { findPublicMedia, listMedia } from '../media/media.service.js';
import { organisationsNamedBy } from '../organisations/organisations.service.js';
import {
  getReadablePartnership,
  listPartnerships,
  type PartnershipRow,
  partnerScope,
} from '../partnerships/partnerships.service.js';
import { listProjects, type ProjectRow } from '../projects/projects.service.js';
import { type TransactionRow, transactionsOfPartnership } from '../transactions/transactions.service.js';
import {
  findLiveMission,
  findLiveMissions,
  findMissionRows,
  findPurgeableMissions,
  insertMission,
  type MissionRow,
  replaceMissionRows,
  updateMissionRow,
} from './missions.repo.js';
import type { MissionForm, MissionRows } from './missions.schemas.js';

export interface MissionsDeps {
  db: Db;
  clock: Clock;
}

export type { MissionRow };
export const MISSION_RECORD_TYPE = 'mission';
const MISSION_TRASH = { table: 'missions', recordType: MISSION_RECORD_TYPE } as const;
const MISSION_REVIEW: ReviewedKind = MISSION_TRASH;
const text = messages.missions;

export async function listMissions(
  deps: MissionsDeps,
  actor: Actor,
  filter: { partnershipId?: string; projectId?: string } = {},
): Promise<MissionRow[]> {
  assertMay(actor, 'partnerships.read');
  return findLiveMissions(deps.db, actor.workspace.id, { ...filter, sharedWith: partnerScope(actor) });
}

export interface MissionDetails {
  mission: MissionRow;
  partnership: PartnershipRow;
  rows: MissionRows;
  organisations: Map<string, Organisation>;
  photos: Array<{ media: Media; caption: string }>;
  costs: Array<TransactionRow & { project_title: string }>;
}

/** A mission the actor may read: through its partnership, so a partner reads only shared ones. */
export async function getMission(deps: MissionsDeps, actor: Actor, id: string): Promise<MissionDetails> {
  assertMay(actor, 'partnerships.read');
  const mission = await findLiveMission(deps.db, actor.workspace.id, id);
  if (!mission) throw new NotFoundError(messages.notFound.lead);
  const partnership = await getReadablePartnership(deps.db, actor, mission.partnership_id);
  const [rows, organisations, transactions] = await Promise.all([
    findMissionRows(deps.db, actor.workspace.id, id),
    organisationsNamedBy(deps.db, actor.workspace.id),
    transactionsOfPartnership(deps.db, actor.workspace.id, mission.partnership_id),
  ]);
  const photos = (
    await Promise.all(
      rows.photos.map(async (photo) => {
        const media = await findPublicMedia(deps.db, actor.workspace.id, photo.media_id);
        return media ? { media, caption: photo.caption } : null;
      }),
    )
  ).filter((photo) => photo !== null);
  return {
    mission,
    partnership,
    rows,
    organisations: new Map(organisations.map((o) => [o.id, o])),
    photos,
    costs: transactions.filter((t) => rows.costs.some((c) => c.transaction_id === t.id)),
  };
}

export interface MissionChoices {
  partnerships: PartnershipRow[];
  projects: ProjectRow[];
  organisations: Organisation[];
  media: Media[];
  /** The transactions of the chosen partnership's projects. */
  transactions: Array<TransactionRow & { project_title: string }>;
}

export async function missionChoices(
  deps: MissionsDeps,
  actor: Actor,
  partnershipId: string,
): Promise<MissionChoices> {
  const [partnerships, projects, organisations, media] = await Promise.all([
    listPartnerships(deps, actor),
    listProjects(deps, actor),
    organisationsNamedBy(deps.db, actor.workspace.id),
    listMedia(deps, actor),
  ]);
  const transactions = partnerships.some((p) => p.id === partnershipId)
    ? await transactionsOfPartnership(deps.db, actor.workspace.id, partnershipId)
    : [];
  return { partnerships, projects, organisations, media, transactions };
}

/** The checks that need the database or the day, each beside its field. */
async function checkMission(db: Db, actor: Actor, clock: Clock, form: MissionForm): Promise<void> {
  const errors: Record<string, string> = {};
  const choices = await missionChoices({ db, clock }, actor, form.values.partnership_id);
  if (!choices.partnerships.some((p) => p.id === form.values.partnership_id))
    errors.partnership_id = text.errors.partnershipRequired;
  if (
    form.values.project_id &&
    !choices.projects.some(
      (p) => p.id === form.values.project_id && p.partnership_id === form.values.partnership_id,
    )
  )
    errors.project_id = text.errors.projectNotOfPartnership;
  const organisations = new Set(choices.organisations.map((o) => o.id));
  form.places.forEach((place, row) => {
    if (!organisations.has(place.organisation_id)) errors[`place_${row}`] = text.errors.organisationUnknown;
  });
  form.participants.forEach((participant, row) => {
    if (participant.organisation_id && !organisations.has(participant.organisation_id))
      errors[`participant_organisation_${row}`] = text.errors.organisationUnknown;
  });
  form.photos.forEach((photo, row) => {
    if (!choices.media.some((m) => m.id === photo.media_id))
      errors[`photo_${row}`] = text.errors.photoUnknown;
  });
  form.costs.forEach((cost, row) => {
    if (!choices.transactions.some((t) => t.id === cost.transaction_id))
      errors[`cost_${row}`] = text.errors.costUnknown;
  });
  // A report tells what happened: it is written once the mission has begun.
  if (form.values.report && form.values.start_date > isoDateInParis(clock.now()))
    errors.report = text.errors.reportBeforeStart;
  const refusal = RuleError.ofFields(errors);
  if (refusal) throw refusal;
}

function rowsOf(form: MissionForm): MissionRows {
  return { places: form.places, participants: form.participants, photos: form.photos, costs: form.costs };
}

export async function createMission(deps: MissionsDeps, actor: Actor, form: MissionForm): Promise<Mission> {
  assertMay(actor, 'content.create');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await checkMission(trx, actor, deps.clock, form);
    const mission = await insertMission(trx, {
      ...form.values,
      workspace_id: actor.workspace.id,
      created_at: now,
      updated_at: now,
    });
    await replaceMissionRows(trx, actor.workspace.id, mission.id, rowsOf(form));
    await recordChange(
      trx,
      actor,
      MISSION_RECORD_TYPE,
      'create',
      mission.id,
      null,
      { ...mission, ...rowsOf(form) },
      now,
    );
    return mission;
  });
}

/** The live mission's row, after refusing a save over a newer version than the one opened. */
async function missionOpenedAt(trx: Db, actor: Actor, id: string, openedVersion: number): Promise<Mission> {
  const found = await findLiveMission(trx, actor.workspace.id, id);
  if (!found) throw new NotFoundError(messages.notFound.lead);
  const { partner_name: _n, partner_organisation_id: _o, partnership_shared: _s, ...before } = found;
  await refuseStaleSave(trx, {
    table: 'missions',
    key: { id },
    workspaceId: actor.workspace.id,
    recordType: MISSION_RECORD_TYPE,
    recordId: id,
    openedVersion,
    fields: [
      'title',
      'partnership_id',
      'project_id',
      'direction',
      'start_date',
      'end_date',
      'purpose',
      'report',
    ],
  });
  return before;
}

/** Applies a checked form to the mission, in `trx`: its row, its rows, one history line. */
async function applyMissionForm(
  trx: Db,
  actor: Actor,
  before: Mission,
  form: MissionForm,
  now: Date,
  action: 'update' | 'apply_changes',
): Promise<Mission> {
  const id = before.id;
  const rowsBefore = await findMissionRows(trx, actor.workspace.id, id);
  const rowsAfter = rowsOf(form);
  const rowsChanged = JSON.stringify(rowsBefore) !== JSON.stringify(rowsAfter);
  const fieldsUnchanged = changesNothing(before, form.values);
  if (fieldsUnchanged && !rowsChanged) return before;
  let after: Mission = fieldsUnchanged
    ? before
    : await updateMissionRow(trx, actor.workspace.id, id, { ...form.values, updated_at: now });
  if (rowsChanged) {
    await replaceMissionRows(trx, actor.workspace.id, id, rowsAfter);
    if (fieldsUnchanged) {
      await bumpRecordVersion(trx, 'missions', actor.workspace.id, id);
      after = { ...after, version: after.version + 1 };
    }
  }
  await recordChange(
    trx,
    actor,
    MISSION_RECORD_TYPE,
    action,
    id,
    { ...before, ...rowsBefore },
    { ...after, ...rowsAfter },
    now,
  );
  return after;
}

/** Saves the mission's form: at once for who may publish, else proposed for review (platform/review). */
export async function updateMission(
  deps: MissionsDeps,
  actor: Actor,
  id: string,
  form: MissionForm,
): Promise<Mission> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await missionOpenedAt(trx, actor, id, form.version);
    await checkMission(trx, actor, deps.clock, form);
    if (savesAtOnce(actor)) return applyMissionForm(trx, actor, before, form, now, 'update');
    const version = await proposeChanges(trx, actor, MISSION_REVIEW, id, form, now);
    return { ...before, version };
  });
}

/** The changes proposed for a mission, or sent back to their author; null when there are none. */
export async function getMissionDraft(deps: MissionsDeps, actor: Actor, id: string) {
  assertMay(actor, 'content.read');
  return findProposedChanges<MissionForm>(deps.db, actor, MISSION_REVIEW, id);
}

/** An editor applies the proposed changes, checked again as they stand today. */
export function applyMissionDraft(
  deps: MissionsDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<Mission> {
  return applyProposal<Mission, MissionForm>(deps, actor, MISSION_REVIEW, id, {
    field: 'mission',
    openedAt: (trx) => missionOpenedAt(trx, actor, id, version),
    apply: async (trx, before, form, now) => {
      await checkMission(trx, actor, deps.clock, form);
      return applyMissionForm(trx, actor, before, form, now, 'apply_changes');
    },
  });
}

export function returnMissionDraft(deps: MissionsDeps, actor: Actor, id: string, comment: string) {
  return sendBackProposal(deps, actor, MISSION_REVIEW, id, comment);
}

/** What awaits an editor: missions with changes proposed, oldest first. */
export async function listMissionsAwaitingReview(
  deps: MissionsDeps,
  actor: Actor,
): Promise<AwaitingReview[]> {
  return listAwaitingReview(deps.db, actor, MISSION_REVIEW, async (id) => {
    const row = await findLiveMission(deps.db, actor.workspace.id, id);
    return row ? { title: messages.review.mission(row.title), href: `/gestion/missions/${row.id}` } : null;
  });
}

export async function deleteMission(deps: MissionsDeps, actor: Actor, id: string): Promise<string> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await findLiveMission(trx, actor.workspace.id, id);
    if (!found) throw new NotFoundError(messages.notFound.lead);
    const { partner_name: _n, partner_organisation_id: _o, partnership_shared: _s, ...mission } = found;
    await moveToTrash(trx, actor, MISSION_TRASH, mission, randomUUID(), now);
    return mission.partnership_id;
  });
}

export async function listTrashedMissions(
  deps: Pick<MissionsDeps, 'db'>,
  actor: Actor,
): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'missions', 'title', actor.workspace.id);
}

export async function restoreMissionDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  return restoreFromTrash(trx, actor, MISSION_TRASH, deletionId, now, async (rows) => {
    const live = new Set(
      (await listPartnerships({ db: trx, clock: { now: () => now } }, actor)).map((p) => p.id),
    );
    if (rows.some((row) => !live.has(row.partnership_id)))
      throw new RuleError('deletion', messages.trash.errors.missionPartnershipInTrash);
  });
}

export async function purgeMissions(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  return purgeFromTrash(trx, actor, MISSION_TRASH, await findPurgeableMissions(trx, actor.workspace.id), now);
}
