import type { Db } from '../../db/database.js';
import type { GazetteerKind } from '../../db/schema.js';
import { messages } from '../../platform/i18n/fr.js';
import {
  deleteMemberships,
  deletePlaces,
  findAllMemberships,
  findAllPlaces,
  findMemberCommunes,
  findPlace,
  insertMemberships,
  insertPlaces,
  type PlaceMatch,
  type StoredPlace,
  searchPlaces,
  toRow,
  updatePlace,
} from './gazetteer.repo.js';
import { frenchCountryNames, type GazetteerSource } from './gazetteer.source.js';

export interface ImportReport {
  added: number;
  changed: number;
  removed: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  /** Places in the gazetteer after the import. */
  total: number;
  /** French communes left without a position (none in the source, none from a delegated commune). */
  communesWithoutPosition: number;
}

const samePlace = (a: StoredPlace, b: StoredPlace) =>
  (Object.keys(a) as Array<keyof StoredPlace>).every((column) => a[column] === b[column]);

/**
 * Brings the gazetteer to what `source` says, in one transaction: places added, changed or
 * removed, memberships of EPCI likewise. Run again on the same source, it writes nothing and says
 * so. Organisations made from a place keep their own copy, so nothing of a workspace changes.
 */
export async function importGazetteer(db: Db, source: GazetteerSource): Promise<ImportReport> {
  return db.transaction().execute(async (trx) => {
    const existing = new Map((await findAllPlaces(trx)).map((row) => [row.key, row]));
    const wanted = new Map(source.places.map((place) => [place.key, toRow(place)]));
    const added: StoredPlace[] = [];
    const changed: StoredPlace[] = [];
    for (const [key, row] of wanted) {
      const before = existing.get(key);
      if (!before) added.push(row);
      else if (!samePlace(before, row)) changed.push(row);
    }
    const removed = [...existing.keys()].filter((key) => !wanted.has(key));

    // Memberships go before places are removed (the cascade would hide them from the count).
    const memberKey = (row: { epci_key: string; commune_key: string }) =>
      `${row.epci_key}>${row.commune_key}`;
    const existingMembers = await findAllMemberships(trx);
    const wantedMembers = source.members.map((m) => ({ epci_key: m.epciKey, commune_key: m.communeKey }));
    const existingMemberKeys = new Set(existingMembers.map(memberKey));
    const wantedMemberKeys = new Set(wantedMembers.map(memberKey));
    const membersRemoved = existingMembers.filter((row) => !wantedMemberKeys.has(memberKey(row)));
    const membersAdded = wantedMembers.filter((row) => !existingMemberKeys.has(memberKey(row)));

    await deleteMemberships(trx, membersRemoved);
    await deletePlaces(trx, removed);
    await insertPlaces(trx, added);
    for (const row of changed) await updatePlace(trx, row);
    await insertMemberships(trx, membersAdded);

    return {
      added: added.length,
      changed: changed.length,
      removed: removed.length,
      membershipsAdded: membersAdded.length,
      membershipsRemoved: membersRemoved.length,
      total: wanted.size,
      communesWithoutPosition: source.places.filter((p) => p.kind === 'commune' && p.latitude === null)
        .length,
    };
  });
}

/** The import's report as the command and the start-up line print it. */
export function describeImport(report: ImportReport): string {
  return messages.gazetteer.importReport(
    report.total,
    report.added,
    report.changed,
    report.removed,
    report.membershipsAdded,
    report.membershipsRemoved,
    report.communesWithoutPosition,
  );
}

/** Fewer letters than this find too much to be useful. */
export const MIN_SEARCH_LENGTH = 2;

export async function searchGazetteer(
  db: Db,
  query: string,
  options: { limit?: number; kinds?: readonly GazetteerKind[] } = {},
): Promise<PlaceMatch[]> {
  const trimmed = query.trim().replace(/\s+/g, ' ');
  if (trimmed.length < MIN_SEARCH_LENGTH) return [];
  return searchPlaces(db, trimmed, { limit: options.limit ?? 20, kinds: options.kinds });
}

/** Whether any place was imported: one row read, not a count of thousands. */
export async function hasGazetteer(db: Db): Promise<boolean> {
  return (await db.selectFrom('gazetteer_places').select('key').limit(1).executeTakeFirst()) !== undefined;
}

export async function findGazetteerPlace(db: Db, key: string): Promise<StoredPlace | undefined> {
  return findPlace(db, key);
}

export async function listMemberCommunes(db: Db, epciKey: string): Promise<StoredPlace[]> {
  return findMemberCommunes(db, epciKey);
}

export type { PlaceMatch, StoredPlace };

/** Countries by their French names, in French alphabetical order (France first, then the rest). */
export function listCountries(): Array<{ code: string; name: string }> {
  const names = frenchCountryNames();
  const collator = new Intl.Collator('fr');
  const rest = Object.entries(names)
    .filter(([code]) => code !== 'FR')
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return [{ code: 'FR', name: names.FR ?? 'France' }, ...rest];
}

/** The French name of an ISO 3166-1 alpha-2 code, or null for no such country. */
export function countryName(code: string): string | null {
  return frenchCountryNames()[code] ?? null;
}
