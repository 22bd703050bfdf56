import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Convention, ConventionAmendment, Document, OrganisationKind } from '../../db/schema.js';
import { findTrashedSingles, markDeleted, type TrashedGroup } from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import { type Clock, isoDateInParis } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import type { FileStorage } from '../../platform/storage.js';
import { purgeFromTrash, restoreFromTrash } from '../../platform/trash.js';
import type { UploadedFile } from '../../platform/uploads.js';
import { bumpRecordVersion, changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { findLinkedDocument, listDocuments, uploadDocument } from '../documents/documents.service.js';
import { listOrganisations } from '../organisations/organisations.service.js';
import type { PartnershipRow } from '../partnerships/partnerships.service.js';
import { getReadablePartnership } from '../partnerships/partnerships.service.js';
import {
  type ConventionStatus,
  conventionStatus,
  effectiveEnd,
  lawRefusals,
  moneyWithoutConventionWarning,
} from './convention-rules.js';
import {
  findAmendments,
  findLiveConvention,
  findLiveConventionsOf,
  findParties,
  findPurgeableConventions,
  insertConvention,
  type PartyRow,
  replaceAmendments,
  replaceParties,
  updateConventionRow,
} from './conventions.repo.js';
import { type ConventionForm, PARTY_ROWS_MAX } from './conventions.schemas.js';

export interface ConventionsDeps {
  db: Db;
  clock: Clock;
  storage: FileStorage;
}

export const CONVENTION_RECORD_TYPE = 'convention';
const CONVENTION_TRASH = { table: 'conventions', recordType: CONVENTION_RECORD_TYPE } as const;
const text = messages.conventions;

export interface ConventionWithStatus {
  convention: Convention;
  status: ConventionStatus;
  /** Its last day as it stands today (tacit renewals counted); null: no end. */
  endsOn: string | null;
}

function withStatus(convention: Convention, today: string): ConventionWithStatus {
  return { convention, status: conventionStatus(convention, today), endsOn: effectiveEnd(convention, today) };
}

export function todayOf(clock: Clock): string {
  return isoDateInParis(clock.now());
}

export async function listConventionsOf(
  deps: Pick<ConventionsDeps, 'db' | 'clock'>,
  actor: Actor,
  partnershipId: string,
): Promise<ConventionWithStatus[]> {
  await getReadablePartnership(deps.db, actor, partnershipId);
  const today = todayOf(deps.clock);
  return (await findLiveConventionsOf(deps.db, actor.workspace.id, partnershipId)).map((c) =>
    withStatus(c, today),
  );
}

/**
 * The live conventions of a partnership, with no permission of their own: for a record the actor
 * was already allowed to read through that partnership (a project, a transaction).
 */
export async function conventionsOfPartnership(
  db: Db,
  workspaceId: string,
  partnershipId: string,
): Promise<Convention[]> {
  return findLiveConventionsOf(db, workspaceId, partnershipId);
}

/** L1115-1's warning for a partnership: money planned for its partner with no convention in force. */
export function partnershipWarning(
  partnership: PartnershipRow,
  conventions: ConventionWithStatus[],
): string | null {
  return moneyWithoutConventionWarning({
    partnerKind: partnership.partner_kind as OrganisationKind,
    partnerName: partnership.partner_name,
    plannedAmountMinor: partnership.planned_amount_minor,
    emergencyHumanitarian: partnership.emergency_humanitarian,
    conventionStatuses: conventions.map((item) => item.status),
  });
}

export interface ConventionDetails extends ConventionWithStatus {
  partnership: PartnershipRow;
  parties: PartyRow[];
  amendments: ConventionAmendment[];
  document: Document | null;
}

export async function getConvention(
  deps: ConventionsDeps,
  actor: Actor,
  id: string,
): Promise<ConventionDetails> {
  const convention = await findLiveConvention(deps.db, actor.workspace.id, id);
  if (!convention) throw new NotFoundError(messages.notFound.lead);
  // A partner reads a convention only through a partnership shared with it.
  const partnership = await getReadablePartnership(deps.db, actor, convention.partnership_id);
  const [parties, amendments] = await Promise.all([
    findParties(deps.db, actor.workspace.id, id),
    findAmendments(deps.db, actor.workspace.id, id),
  ]);
  const document = convention.document_id
    ? ((await findLinkedDocument(deps.db, actor.workspace.id, convention.document_id)) ?? null)
    : null;
  return { ...withStatus(convention, todayOf(deps.clock)), partnership, parties, amendments, document };
}

/** The choices of the form: the workspace's organisations, its documents. */
export async function conventionChoices(deps: ConventionsDeps, actor: Actor) {
  const [organisations, documents] = await Promise.all([
    listOrganisations(deps, actor),
    listDocuments(deps, actor),
  ]);
  return {
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    documents: documents.map((d) => ({ id: d.id, title: d.title })),
  };
}

/** A new convention's parties: the two authorities of its partnership. */
export function defaultParties(partnership: PartnershipRow) {
  return [
    { organisation_id: partnership.local_organisation_id, signatory_name: '', signatory_role: '' },
    { organisation_id: partnership.partner_organisation_id, signatory_name: '', signatory_role: '' },
  ];
}

/** Parties must be organisations of the workspace; the law's rules then run on their kinds. */
async function checkConvention(deps: ConventionsDeps, actor: Actor, form: ConventionForm): Promise<void> {
  const choices = await conventionChoices(deps, actor);
  const errors: Record<string, string> = {};
  const byId = new Map(choices.organisations.map((o) => [o.id, o]));
  form.parties.forEach((party, row) => {
    if (!byId.has(party.organisation_id) && row < PARTY_ROWS_MAX)
      errors[`party_${row}`] = text.errors.partyUnknown;
  });
  if (form.values.document_id && !choices.documents.some((d) => d.id === form.values.document_id))
    errors.document_id = text.errors.documentUnknown;
  const law = lawRefusals({
    parties: form.parties.flatMap((party) => {
      const organisation = byId.get(party.organisation_id);
      return organisation ? [{ kind: organisation.kind, name: organisation.name }] : [];
    }),
    object: form.values.object,
    planned_amount_minor: form.values.planned_amount_minor ?? null,
    state_exception: form.values.state_exception ?? null,
    state_exception_reference: form.values.state_exception_reference ?? '',
  });
  const refusal = RuleError.ofFields({ ...errors, ...law });
  if (refusal) throw refusal;
}

function snapshot(
  convention: Convention,
  parties: ConventionForm['parties'],
  amendments: ConventionForm['amendments'],
) {
  return { ...convention, parties, amendments };
}

export async function createConvention(
  deps: ConventionsDeps,
  actor: Actor,
  partnershipId: string,
  form: ConventionForm,
): Promise<Convention> {
  assertMay(actor, 'content.create');
  const now = deps.clock.now();
  await getReadablePartnership(deps.db, actor, partnershipId);
  await checkConvention(deps, actor, form);
  return deps.db.transaction().execute(async (trx) => {
    const convention = await insertConvention(trx, {
      ...form.values,
      workspace_id: actor.workspace.id,
      partnership_id: partnershipId,
      created_at: now,
      updated_at: now,
    });
    await replaceParties(trx, actor.workspace.id, convention.id, form.parties);
    await replaceAmendments(trx, actor.workspace.id, convention.id, form.amendments);
    await recordChange(
      trx,
      actor,
      CONVENTION_RECORD_TYPE,
      'create',
      convention.id,
      null,
      snapshot(convention, form.parties, form.amendments),
      now,
    );
    return convention;
  });
}

const COMPARED_FIELDS = [
  'title',
  'object',
  'planned_amount_minor',
  'currency',
  'deliberation_reference',
  'deliberation_date',
  'signature_date',
  'prefect_sent_date',
  'start_date',
  'end_date',
  'duration_months',
  'tacit_renewal',
  'renewal_months',
  'termination_date',
  'termination_reference',
  'state_exception',
  'state_exception_reference',
  'document_id',
];

export async function updateConvention(
  deps: ConventionsDeps,
  actor: Actor,
  id: string,
  form: ConventionForm,
): Promise<Convention> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  await checkConvention(deps, actor, form);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findLiveConvention(trx, actor.workspace.id, id);
    if (!before) throw new NotFoundError(messages.notFound.lead);
    await refuseStaleSave(trx, {
      table: 'conventions',
      key: { id },
      workspaceId: actor.workspace.id,
      recordType: CONVENTION_RECORD_TYPE,
      recordId: id,
      openedVersion: form.version,
      fields: COMPARED_FIELDS,
    });
    const partiesBefore = (await findParties(trx, actor.workspace.id, id)).map((p) => ({
      organisation_id: p.organisation_id,
      signatory_name: p.signatory_name,
      signatory_role: p.signatory_role,
    }));
    const amendmentsBefore = (await findAmendments(trx, actor.workspace.id, id)).map((a) => ({
      amendment_date: a.amendment_date,
      object: a.object,
    }));
    const rowsChanged =
      JSON.stringify(partiesBefore) !== JSON.stringify(form.parties) ||
      JSON.stringify(amendmentsBefore) !== JSON.stringify(form.amendments);
    const fieldsUnchanged = changesNothing(before, form.values);
    if (fieldsUnchanged && !rowsChanged) return before;
    let after = fieldsUnchanged
      ? before
      : await updateConventionRow(trx, actor.workspace.id, id, { ...form.values, updated_at: now });
    if (rowsChanged) {
      await replaceParties(trx, actor.workspace.id, id, form.parties);
      await replaceAmendments(trx, actor.workspace.id, id, form.amendments);
      if (fieldsUnchanged) {
        await bumpRecordVersion(trx, 'conventions', actor.workspace.id, id);
        after = (await findLiveConvention(trx, actor.workspace.id, id)) ?? after;
      }
    }
    await recordChange(
      trx,
      actor,
      CONVENTION_RECORD_TYPE,
      'update',
      id,
      snapshot(before, partiesBefore, amendmentsBefore),
      snapshot(after, form.parties, form.amendments),
      now,
    );
    return after;
  });
}

/** The signed PDF, uploaded from the convention's page: a document of the workspace, linked to it. */
export async function attachSignedDocument(
  deps: ConventionsDeps,
  actor: Actor,
  id: string,
  upload: UploadedFile | null,
): Promise<void> {
  assertMay(actor, 'content.edit');
  const details = await getConvention(deps, actor, id);
  const document = await uploadDocument(
    deps,
    actor,
    {
      title: `${details.convention.title} (signée)`,
      name: '',
      language: 'fr',
      document_date: details.convention.signature_date,
      version: 0,
    } as Parameters<typeof uploadDocument>[2],
    upload,
  );
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await findLiveConvention(trx, actor.workspace.id, id);
    if (!before) throw new NotFoundError(messages.notFound.lead);
    const after = await updateConventionRow(trx, actor.workspace.id, id, {
      document_id: document.id,
      updated_at: now,
    });
    await recordChange(
      trx,
      actor,
      CONVENTION_RECORD_TYPE,
      'update',
      id,
      { document_id: before.document_id },
      { document_id: after.document_id },
      now,
    );
  });
}

export async function deleteConvention(deps: ConventionsDeps, actor: Actor, id: string): Promise<string> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const convention = await findLiveConvention(trx, actor.workspace.id, id);
    if (!convention) throw new NotFoundError(messages.notFound.lead);
    const deletionId = randomUUID();
    const [row] = await markDeleted(trx, 'conventions', actor.workspace.id, [id], {
      deletionId,
      at: now,
      by: actor.user.id,
    });
    await recordChange(trx, actor, CONVENTION_RECORD_TYPE, 'delete', id, convention, row ?? null, now);
    return convention.partnership_id;
  });
}

export async function listTrashedConventions(
  deps: Pick<ConventionsDeps, 'db'>,
  actor: Actor,
): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'conventions', 'title', actor.workspace.id);
}

export async function restoreConventionDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  return restoreFromTrash(trx, actor, CONVENTION_TRASH, deletionId, now);
}

export async function purgeConventions(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  return purgeFromTrash(
    trx,
    actor,
    CONVENTION_TRASH,
    await findPurgeableConventions(trx, actor.workspace.id),
    now,
  );
}
