import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Organisation, OrganisationContact, OrganisationKind } from '../../db/schema.js';
import { findTrashedSingles, type TrashedGroup } from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { moveToTrash, purgeFromTrash, restoreFromTrash } from '../../platform/trash.js';
import { bumpRecordVersion, changesNothing, refuseStaleSave } from '../../platform/versions.js';
import {
  findGazetteerPlace,
  listMemberCommunes,
  type PlaceMatch,
  type StoredPlace,
  searchGazetteer,
} from '../gazetteer/gazetteer.service.js';
import {
  findContacts,
  findLiveOrganisation,
  findLiveOrganisations,
  findOrganisationsOfPlaces,
  findOrganisationUses,
  findPurgeableOrganisations,
  insertOrganisation,
  type OrganisationValues,
  replaceContacts,
  updateOrganisationRow,
} from './organisations.repo.js';
import { type ContactInput, DEFAULT_IATI_TYPE, type OrganisationForm } from './organisations.schemas.js';

export { FRENCH_KINDS } from './organisations.schemas.js';

export interface OrganisationsDeps {
  db: Db;
  clock: Clock;
}

export const ORGANISATION_RECORD_TYPE = 'organisation';
const ORGANISATION_TRASH = { table: 'organisations', recordType: ORGANISATION_RECORD_TYPE } as const;
const text = messages.organisations;

export async function listOrganisations(deps: OrganisationsDeps, actor: Actor): Promise<Organisation[]> {
  assertMay(actor, 'content.read');
  return findLiveOrganisations(deps.db, actor.workspace.id);
}

/**
 * The workspace's organisations, with no permission of their own: for a record the actor has
 * already been allowed to read (a project shared with a partner names its organisations).
 */
export async function organisationsNamedBy(db: Db, workspaceId: string): Promise<Organisation[]> {
  return findLiveOrganisations(db, workspaceId);
}

export interface OrganisationDetails {
  organisation: Organisation;
  contacts: OrganisationContact[];
  /** The gazetteer place it was made from, when the gazetteer still has it. */
  place: StoredPlace | null;
  /** For an EPCI made from the gazetteer: its member communes. */
  members: StoredPlace[];
}

export async function getOrganisation(
  deps: OrganisationsDeps,
  actor: Actor,
  id: string,
): Promise<OrganisationDetails> {
  assertMay(actor, 'content.read');
  const organisation = await findLiveOrganisation(deps.db, actor.workspace.id, id);
  if (!organisation) throw new NotFoundError(messages.notFound.lead);
  const key = organisation.gazetteer_key;
  const [contacts, place, members] = await Promise.all([
    findContacts(deps.db, actor.workspace.id, id),
    key ? findGazetteerPlace(deps.db, key) : Promise.resolve(undefined),
    key?.startsWith('epci:') ? listMemberCommunes(deps.db, key) : Promise.resolve([]),
  ]);
  return { organisation, contacts, place: place ?? null, members };
}

export interface PickerResult {
  place: PlaceMatch;
  /** The workspace's organisation already made from this place, if any. */
  organisationId: string | null;
}

/** The picker's search: gazetteer places, each with the workspace's organisation made from it. */
export async function searchPlacesForWorkspace(
  deps: OrganisationsDeps,
  actor: Actor,
  query: string,
): Promise<PickerResult[]> {
  assertMay(actor, 'content.read');
  const places = await searchGazetteer(deps.db, query, { limit: 20 });
  const existing = await findOrganisationsOfPlaces(
    deps.db,
    actor.workspace.id,
    places.map((place) => place.key),
  );
  return places.map((place) => ({ place, organisationId: existing.get(place.key) ?? null }));
}

const KIND_OF_PLACE: Record<StoredPlace['kind'], OrganisationKind> = {
  commune: 'commune',
  epci: 'epci',
  departement: 'departement',
  region: 'region',
  country: 'foreign_state',
  foreign_place: 'foreign_local_authority',
};

/** What an organisation copies from a gazetteer place: its own from then on. */
export function organisationValuesOfPlace(place: StoredPlace): OrganisationValues {
  const kind = KIND_OF_PLACE[place.kind];
  return {
    kind,
    name: place.name,
    gazetteer_key: place.key,
    country_code: place.country_code,
    siren: place.siren,
    insee_code: place.insee_code,
    geonames_id: place.geonames_id,
    latitude: place.latitude,
    longitude: place.longitude,
    population: place.population,
    iati_type: DEFAULT_IATI_TYPE[kind],
  };
}

/**
 * Turns a gazetteer place into an organisation of the workspace, on first use: a second choice
 * of the same place finds the one already made (`created` false).
 */
export async function addOrganisationFromPlace(
  deps: OrganisationsDeps,
  actor: Actor,
  key: string,
): Promise<{ organisation: Organisation; created: boolean }> {
  assertMay(actor, 'content.create');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const place = await findGazetteerPlace(trx, key);
    if (!place) throw new RuleError('q', text.errors.unknownPlace);
    const existing = await findOrganisationsOfPlaces(trx, actor.workspace.id, [key]);
    const existingId = existing.get(key);
    if (existingId) {
      const organisation = await findLiveOrganisation(trx, actor.workspace.id, existingId);
      if (organisation) return { organisation, created: false };
    }
    const organisation = await insertOrganisation(trx, {
      ...organisationValuesOfPlace(place),
      workspace_id: actor.workspace.id,
      created_at: now,
      updated_at: now,
    });
    await recordChange(
      trx,
      actor,
      ORGANISATION_RECORD_TYPE,
      'create',
      organisation.id,
      null,
      snapshot(organisation, []),
      now,
    );
    return { organisation, created: true };
  });
}

function editableFields(form: OrganisationForm): OrganisationValues {
  const { contacts: _contacts, version: _version, ...fields } = form;
  return fields;
}

/** The record as the audit trail keeps it: the organisation with its contacts. */
function snapshot(organisation: Organisation, contacts: ContactInput[]) {
  return {
    ...organisation,
    contacts: contacts.map((contact) => ({
      name: contact.name,
      role: contact.role,
      email: contact.email,
      phone: contact.phone,
    })),
  };
}

export async function createOrganisation(
  deps: OrganisationsDeps,
  actor: Actor,
  form: OrganisationForm,
): Promise<Organisation> {
  assertMay(actor, 'content.create');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const organisation = await insertOrganisation(trx, {
      ...editableFields(form),
      workspace_id: actor.workspace.id,
      created_at: now,
      updated_at: now,
    });
    await replaceContacts(trx, actor.workspace.id, organisation.id, form.contacts);
    await recordChange(
      trx,
      actor,
      ORGANISATION_RECORD_TYPE,
      'create',
      organisation.id,
      null,
      snapshot(organisation, form.contacts),
      now,
    );
    return organisation;
  });
}

/** The form's fields in its order: what a refused save lists as changed meanwhile. */
const COMPARED_FIELDS = [
  'name',
  'kind',
  'country_code',
  'siren',
  'insee_code',
  'geonames_id',
  'iati_ref',
  'iati_type',
  'address',
  'latitude',
  'longitude',
  'population',
  'website',
  'languages',
];

const sameContacts = (a: ContactInput[], b: ContactInput[]) =>
  a.length === b.length &&
  a.every(
    (contact, index) =>
      contact.name === b[index]?.name &&
      contact.role === b[index]?.role &&
      contact.email === b[index]?.email &&
      contact.phone === b[index]?.phone,
  );

export async function updateOrganisation(
  deps: OrganisationsDeps,
  actor: Actor,
  id: string,
  form: OrganisationForm,
): Promise<Organisation> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findLiveOrganisation(trx, actor.workspace.id, id);
    if (!before) throw new NotFoundError(messages.notFound.lead);
    await refuseStaleSave(trx, {
      table: 'organisations',
      key: { id },
      workspaceId: actor.workspace.id,
      recordType: ORGANISATION_RECORD_TYPE,
      recordId: id,
      openedVersion: form.version,
      fields: COMPARED_FIELDS,
    });
    const contactsBefore = await findContacts(trx, actor.workspace.id, id);
    const fields = editableFields(form);
    const contactsChanged = !sameContacts(contactsBefore, form.contacts);
    // Saving a form without a change records nothing: no version, no history line.
    if (changesNothing(before, fields) && !contactsChanged) return before;
    let after = await updateOrganisationRow(trx, actor.workspace.id, id, { ...fields, updated_at: now });
    if (contactsChanged) {
      await replaceContacts(trx, actor.workspace.id, id, form.contacts);
      // Contacts live in their own table: the organisation's version moves all the same.
      if (changesNothing(before, fields)) {
        await bumpRecordVersion(trx, 'organisations', actor.workspace.id, id);
        after = (await findLiveOrganisation(trx, actor.workspace.id, id)) ?? after;
      }
    }
    await recordChange(
      trx,
      actor,
      ORGANISATION_RECORD_TYPE,
      'update',
      id,
      snapshot(before, contactsBefore),
      snapshot(after, form.contacts),
      now,
    );
    return after;
  });
}

export interface OrganisationDeletionPlan {
  organisation: Organisation;
  /** Why it may not go to the trash; empty when it may. */
  reasons: string[];
}

async function planWith(db: Db, actor: Actor, id: string): Promise<OrganisationDeletionPlan> {
  const organisation = await findLiveOrganisation(db, actor.workspace.id, id);
  if (!organisation) throw new NotFoundError(messages.notFound.lead);
  const uses = await findOrganisationUses(db, actor.workspace.id, id);
  const reasons = [
    ...(uses.isWorkspace ? [text.deleteReasons.workspace] : []),
    ...(uses.partnerAccounts > 0 ? [text.deleteReasons.partnerAccounts(uses.partnerAccounts)] : []),
    ...(uses.partnerships > 0 ? [text.deleteReasons.partnerships(uses.partnerships)] : []),
    ...(uses.conventions > 0 ? [text.deleteReasons.conventions(uses.conventions)] : []),
    ...(uses.projects > 0 ? [text.deleteReasons.projects(uses.projects)] : []),
    ...(uses.missions > 0 ? [text.deleteReasons.missions(uses.missions)] : []),
  ];
  return { organisation, reasons };
}

export async function planOrganisationDeletion(
  deps: OrganisationsDeps,
  actor: Actor,
  id: string,
): Promise<OrganisationDeletionPlan> {
  assertMay(actor, 'content.delete');
  return planWith(deps.db, actor, id);
}

export async function deleteOrganisation(deps: OrganisationsDeps, actor: Actor, id: string): Promise<void> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const plan = await planWith(trx, actor, id);
    if (plan.reasons.length > 0) throw new RuleError('organisation', text.errors.deleteRefused);
    await moveToTrash(trx, actor, ORGANISATION_TRASH, plan.organisation, randomUUID(), now);
  });
}

export async function listTrashedOrganisations(
  deps: OrganisationsDeps,
  actor: Actor,
): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'organisations', 'name', actor.workspace.id);
}

/**
 * Brings back the organisation of one deletion; 0 when the deletion holds none. A gazetteer
 * place made into an organisation again meanwhile keeps the new one: the old stays in the trash.
 */
export async function restoreOrganisationDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  return restoreFromTrash(trx, actor, ORGANISATION_TRASH, deletionId, now, async (rows) => {
    const keys = rows.map((row) => row.gazetteer_key).filter((key): key is string => key !== null);
    const taken = await findOrganisationsOfPlaces(trx, actor.workspace.id, keys);
    const clash = rows.find((row) => row.gazetteer_key !== null && taken.has(row.gazetteer_key));
    if (clash) throw new RuleError('deletion', messages.trash.errors.placeTaken(clash.name));
  });
}

export async function purgeOrganisations(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  return purgeFromTrash(
    trx,
    actor,
    ORGANISATION_TRASH,
    await findPurgeableOrganisations(trx, actor.workspace.id),
    now,
  );
}
