import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { GazetteerKind, GazetteerPlaceRow } from '../../db/schema.js';
import type { GazetteerPlace } from './gazetteer.source.js';

export type StoredPlace = Omit<GazetteerPlaceRow, 'search_text'>;

const PLACE_COLUMNS = [
  'key',
  'kind',
  'name',
  'also_known_as',
  'detail',
  'country_code',
  'siren',
  'insee_code',
  'geonames_id',
  'latitude',
  'longitude',
  'population',
] as const;

export function toRow(place: GazetteerPlace): StoredPlace {
  return {
    key: place.key,
    kind: place.kind,
    name: place.name,
    also_known_as: place.alsoKnownAs,
    detail: place.detail,
    country_code: place.countryCode,
    siren: place.siren,
    insee_code: place.inseeCode,
    geonames_id: place.geonamesId,
    latitude: place.latitude,
    longitude: place.longitude,
    population: place.population,
  };
}

export async function findAllPlaces(db: Db): Promise<StoredPlace[]> {
  return db.selectFrom('gazetteer_places').select(PLACE_COLUMNS).execute();
}

export async function findAllMemberships(db: Db): Promise<Array<{ epci_key: string; commune_key: string }>> {
  return db.selectFrom('gazetteer_epci_members').select(['epci_key', 'commune_key']).execute();
}

/** The words the trigram index searches: lower case, accents removed by PostgreSQL's unaccent. */
const searchTextOf = (row: StoredPlace) =>
  sql<string>`lower(public.unaccent(${`${row.name} ${row.also_known_as}`.trim()}))`;

/** Rows per INSERT: 13 parameters each, well under PostgreSQL's 65,535. */
const BATCH = 2000;

export async function insertPlaces(db: Db, rows: StoredPlace[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await db
      .insertInto('gazetteer_places')
      .values(batch.map((row) => ({ ...row, search_text: searchTextOf(row) })))
      .execute();
  }
}

export async function updatePlace(db: Db, row: StoredPlace): Promise<void> {
  await db
    .updateTable('gazetteer_places')
    .set({ ...row, search_text: searchTextOf(row) })
    .where('key', '=', row.key)
    .execute();
}

export async function deletePlaces(db: Db, keys: string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += BATCH) {
    await db
      .deleteFrom('gazetteer_places')
      .where('key', 'in', keys.slice(start, start + BATCH))
      .execute();
  }
}

export async function insertMemberships(
  db: Db,
  rows: Array<{ epci_key: string; commune_key: string }>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await db
      .insertInto('gazetteer_epci_members')
      .values(rows.slice(start, start + BATCH))
      .execute();
  }
}

export async function deleteMemberships(
  db: Db,
  rows: Array<{ epci_key: string; commune_key: string }>,
): Promise<void> {
  for (const row of rows) {
    await db
      .deleteFrom('gazetteer_epci_members')
      .where('epci_key', '=', row.epci_key)
      .where('commune_key', '=', row.commune_key)
      .execute();
  }
}

export interface PlaceMatch extends StoredPlace {
  score: number;
  /** The name is the query itself, accents and case aside. */
  exact: boolean;
}

/**
 * Places whose name is close to `query`, accents and case aside, typos tolerated: pg_trgm's word
 * similarity over the unaccented name (the index answers `<%`). A name equal to the query comes
 * first, then the closest, then the larger places: « Paris » is the commune, then the EPCI.
 */
export async function searchPlaces(
  db: Db,
  query: string,
  options: { limit: number; kinds?: readonly GazetteerKind[] },
): Promise<PlaceMatch[]> {
  const wanted = sql<string>`lower(public.unaccent(${query}))`;
  let select = db
    .selectFrom('gazetteer_places')
    .select(PLACE_COLUMNS)
    .select(sql<number>`public.word_similarity(${wanted}, search_text)`.as('score'))
    .select(sql<boolean>`lower(public.unaccent(name)) = ${wanted}`.as('exact'))
    .where(sql<boolean>`${wanted} OPERATOR(public.<%) search_text`);
  if (options.kinds) select = select.where('kind', 'in', [...options.kinds]);
  return select
    .orderBy('exact', 'desc')
    .orderBy('score', 'desc')
    .orderBy(sql`population DESC NULLS LAST`)
    .orderBy('name')
    .limit(options.limit)
    .execute();
}

export async function findPlace(db: Db, key: string): Promise<StoredPlace | undefined> {
  return db.selectFrom('gazetteer_places').select(PLACE_COLUMNS).where('key', '=', key).executeTakeFirst();
}

/** The member communes of an EPCI, most populous first. */
export async function findMemberCommunes(db: Db, epciKey: string): Promise<StoredPlace[]> {
  return db
    .selectFrom('gazetteer_epci_members as m')
    .innerJoin('gazetteer_places as p', 'p.key', 'm.commune_key')
    .select(PLACE_COLUMNS.map((column) => `p.${column}` as const))
    .where('m.epci_key', '=', epciKey)
    .orderBy(sql`p.population DESC NULLS LAST`)
    .orderBy('p.name')
    .execute();
}

export async function countPlaces(db: Db): Promise<number> {
  const row = await db
    .selectFrom('gazetteer_places')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
