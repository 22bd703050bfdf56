import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Partnership } from '../../db/schema.js';
import { markDeleted, type TrashedGroup } from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { purgeFromTrash, restoreFromTrash } from '../../platform/trash.js';
import { changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { FRENCH_KINDS, listOrganisations } from '../organisations/organisations.service.js';
import {
  countPartnerAccounts,
  findLivePartnership,
  findLivePartnerships,
  findPurgeablePartnerships,
  findTrashedPartnerships,
  insertPartnership,
  type PartnershipRow,
  type PartnershipValues,
  updatePartnershipRow,
} from './partnerships.repo.js';
import type { PartnershipForm } from './partnerships.schemas.js';

export interface PartnershipsDeps {
  db: Db;
  clock: Clock;
}

export type { PartnershipRow };
export const PARTNERSHIP_RECORD_TYPE = 'partnership';
const PARTNERSHIP_TRASH = { table: 'partnerships', recordType: PARTNERSHIP_RECORD_TYPE } as const;
const text = messages.partnerships;

/**
 * What a partner account may see: the partnerships an admin shared with the organisation it
 * represents, nothing else. Every read of a partnership (and of its conventions, through
 * `getReadablePartnership`) goes through here.
 */
export function partnerScope(actor: Actor): string | undefined {
  if (actor.role !== 'partner') return undefined;
  // A partner account that represents no organisation sees nothing: an impossible id.
  return actor.partnerOrganisationId ?? '00000000-0000-0000-0000-000000000000';
}

export async function listPartnerships(deps: PartnershipsDeps, actor: Actor): Promise<PartnershipRow[]> {
  assertMay(actor, 'partnerships.read');
  return findLivePartnerships(deps.db, actor.workspace.id, partnerScope(actor));
}

/** A partnership the actor may read; a partner's unshared one is « not found », as another workspace's. */
export async function getReadablePartnership(db: Db, actor: Actor, id: string): Promise<PartnershipRow> {
  assertMay(actor, 'partnerships.read');
  const partnership = await findLivePartnership(db, actor.workspace.id, id);
  const scope = partnerScope(actor);
  if (!partnership) throw new NotFoundError(messages.notFound.lead);
  if (
    scope !== undefined &&
    !(partnership.shared_with_partner && partnership.partner_organisation_id === scope)
  )
    throw new NotFoundError(messages.notFound.lead);
  return partnership;
}

export async function getPartnership(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
): Promise<PartnershipRow> {
  return getReadablePartnership(deps.db, actor, id);
}

export interface OrganisationChoices {
  local: Array<{ id: string; name: string }>;
  partners: Array<{ id: string; name: string }>;
}

/** The organisations a partnership may join: French authorities on one side, foreign local authorities on the other. */
export async function partnershipChoices(deps: PartnershipsDeps, actor: Actor): Promise<OrganisationChoices> {
  const organisations = await listOrganisations(deps, actor);
  return {
    local: organisations
      .filter((o) => FRENCH_KINDS.includes(o.kind))
      .map((o) => ({ id: o.id, name: o.name })),
    partners: organisations
      .filter((o) => o.kind === 'foreign_local_authority')
      .map((o) => ({ id: o.id, name: o.name })),
  };
}

async function checkSides(db: Db, actor: Actor, form: PartnershipForm): Promise<void> {
  const choices = await partnershipChoices({ db, clock: { now: () => new Date() } }, actor);
  if (!choices.local.some((o) => o.id === form.local_organisation_id))
    throw new RuleError('local_organisation_id', text.errors.localNotFrench);
  if (!choices.partners.some((o) => o.id === form.partner_organisation_id))
    throw new RuleError('partner_organisation_id', text.errors.partnerNotForeign);
}

function editableFields(form: PartnershipForm): PartnershipValues {
  return {
    local_organisation_id: form.local_organisation_id,
    partner_organisation_id: form.partner_organisation_id,
    kind: form.kind,
    since: form.since,
    status: form.status,
    description: form.description,
    planned_amount_minor: form.planned_amount_minor,
    currency: form.currency,
    emergency_humanitarian: form.emergency_humanitarian,
  };
}

export async function createPartnership(
  deps: PartnershipsDeps,
  actor: Actor,
  form: PartnershipForm,
): Promise<Partnership> {
  assertMay(actor, 'content.create');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await checkSides(trx, actor, form);
    const partnership = await insertPartnership(trx, {
      ...editableFields(form),
      workspace_id: actor.workspace.id,
      created_at: now,
      updated_at: now,
    });
    await recordChange(trx, actor, PARTNERSHIP_RECORD_TYPE, 'create', partnership.id, null, partnership, now);
    return partnership;
  });
}

const COMPARED_FIELDS = [
  'local_organisation_id',
  'partner_organisation_id',
  'kind',
  'since',
  'status',
  'description',
  'planned_amount_minor',
  'currency',
  'emergency_humanitarian',
];

export async function updatePartnership(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  form: PartnershipForm,
): Promise<Partnership> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findLivePartnership(trx, actor.workspace.id, id);
    if (!before) throw new NotFoundError(messages.notFound.lead);
    await refuseStaleSave(trx, {
      table: 'partnerships',
      key: { id },
      workspaceId: actor.workspace.id,
      recordType: PARTNERSHIP_RECORD_TYPE,
      recordId: id,
      openedVersion: form.version,
      fields: COMPARED_FIELDS,
    });
    await checkSides(trx, actor, form);
    const fields = editableFields(form);
    if (changesNothing(before, fields)) return before;
    const after = await updatePartnershipRow(trx, actor.workspace.id, id, { ...fields, updated_at: now });
    const {
      local_name: _l,
      partner_name: _p,
      partner_kind: _k,
      convention_count: _c,
      project_count: _pc,
      mission_count: _mc,
      ...beforeRow
    } = before;
    await recordChange(trx, actor, PARTNERSHIP_RECORD_TYPE, 'update', id, beforeRow, after, now);
    return after;
  });
}

export async function partnerAccountCount(deps: PartnershipsDeps, actor: Actor, partnership: PartnershipRow) {
  return countPartnerAccounts(deps.db, actor.workspace.id, partnership.partner_organisation_id);
}

/** An admin shares a partnership with the partner organisation's accounts, or stops sharing it. */
export async function setPartnershipSharing(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  shared: boolean,
): Promise<void> {
  assertMay(actor, 'partnerships.share');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await findLivePartnership(trx, actor.workspace.id, id);
    if (!before) throw new NotFoundError(messages.notFound.lead);
    if (before.shared_with_partner === shared) return;
    const after = await updatePartnershipRow(trx, actor.workspace.id, id, {
      shared_with_partner: shared,
      updated_at: now,
    });
    await recordChange(
      trx,
      actor,
      PARTNERSHIP_RECORD_TYPE,
      shared ? 'share' : 'unshare',
      id,
      { shared_with_partner: before.shared_with_partner },
      { shared_with_partner: after.shared_with_partner },
      now,
    );
  });
}

/** Why a partnership may not go to the trash: its live conventions, then its live projects; null when it may. */
function deletionRefusal(partnership: PartnershipRow): string | null {
  if (partnership.convention_count > 0) return text.errors.deleteRefused;
  if (partnership.project_count > 0) return messages.projects.errors.partnershipHasProjects;
  if (partnership.mission_count > 0) return messages.missions.errors.partnershipHasMissions;
  return null;
}

export async function planPartnershipDeletion(deps: PartnershipsDeps, actor: Actor, id: string) {
  assertMay(actor, 'content.delete');
  const partnership = await getReadablePartnership(deps.db, actor, id);
  return { partnership, refused: deletionRefusal(partnership) };
}

export async function deletePartnership(deps: PartnershipsDeps, actor: Actor, id: string): Promise<void> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const partnership = await findLivePartnership(trx, actor.workspace.id, id);
    if (!partnership) throw new NotFoundError(messages.notFound.lead);
    const refused = deletionRefusal(partnership);
    if (refused) throw new RuleError('partnership', refused);
    const deletionId = randomUUID();
    const [row] = await markDeleted(trx, 'partnerships', actor.workspace.id, [id], {
      deletionId,
      at: now,
      by: actor.user.id,
    });
    await recordChange(trx, actor, PARTNERSHIP_RECORD_TYPE, 'delete', id, null, row ?? null, now);
  });
}

export async function listTrashedPartnerships(deps: PartnershipsDeps, actor: Actor): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedPartnerships(deps.db, actor.workspace.id);
}

export async function restorePartnershipDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  return restoreFromTrash(trx, actor, PARTNERSHIP_TRASH, deletionId, now, async (rows) => {
    // Its two authorities must be there to come back to.
    const live = new Set(
      (await listOrganisations({ db: trx, clock: { now: () => now } }, actor)).map((o) => o.id),
    );
    const orphan = rows.find(
      (row) => !live.has(row.local_organisation_id) || !live.has(row.partner_organisation_id),
    );
    if (orphan) throw new RuleError('deletion', messages.trash.errors.partnerInTrash);
  });
}

export async function purgePartnerships(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  return purgeFromTrash(
    trx,
    actor,
    PARTNERSHIP_TRASH,
    await findPurgeablePartnerships(trx, actor.workspace.id),
    now,
  );
}
