import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import {
  describeImport,
  findGazetteerPlace,
  type ImportReport,
  importGazetteer,
  listMemberCommunes,
  searchGazetteer,
} from './gazetteer.service.js';
import { readGazetteerSource } from './gazetteer.source.js';

/**
 * The whole gazetteer, imported as `npm run db:seed` and the first start do: on a database of its
 * own (not the test part the other files get), twice.
 */
let database: DatabaseHandle;
let first: ImportReport;
let second: ImportReport;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: (db, schema) => migrateToLatest(db, { schema }) });
  first = await importGazetteer(database.db, readGazetteerSource());
  second = await importGazetteer(database.db, readGazetteerSource());
}, 180_000);
afterAll(async () => {
  await database?.close();
});

describe('the gazetteer import', () => {
  it('adds every place once, then changes nothing the second time', () => {
    expect(first.added).toBeGreaterThan(160_000);
    expect(first.total).toBe(first.added);
    expect(first.membershipsAdded).toBeGreaterThan(34_000);
    expect(second).toEqual({
      ...first,
      added: 0,
      changed: 0,
      removed: 0,
      membershipsAdded: 0,
      membershipsRemoved: 0,
    });
    expect(describeImport(second)).toMatch(/déjà à jour/);
    // The communes left without a position are the few the README of the positions names.
    expect(first.communesWithoutPosition).toBeLessThan(107);
  });

  it('reports what a changed source adds, changes and removes', async () => {
    const source = readGazetteerSource();
    const taliouine = source.places.find((place) => place.key === 'geonames:2531014')!;
    taliouine.population = 5_000;
    // A commune merged away: its place and its membership of an EPCI go.
    source.places = source.places.filter((place) => place.key !== 'commune:05031');
    source.members = source.members.filter((member) => member.communeKey !== 'commune:05031');
    const report = await importGazetteer(database.db, source);
    expect(report).toMatchObject({
      added: 0,
      changed: 1,
      removed: 1,
      membershipsAdded: 0,
      membershipsRemoved: 1,
    });
    expect((await findGazetteerPlace(database.db, 'geonames:2531014'))?.population).toBe(5_000);
    expect(await findGazetteerPlace(database.db, 'commune:05031')).toBeUndefined();
    // Back to the whole source: what was removed comes back, the change is undone.
    const back = await importGazetteer(database.db, readGazetteerSource());
    expect(back).toMatchObject({
      added: 1,
      changed: 1,
      removed: 0,
      membershipsAdded: 1,
      membershipsRemoved: 0,
    });
  }, 180_000);
});

describe('searching the gazetteer', () => {
  it('finds the CC du Pays des Écrins without its accents, with its 8 member communes', async () => {
    const [cc] = await searchGazetteer(database.db, 'pays des ecrins');
    expect(cc).toMatchObject({ kind: 'epci', siren: '240500462', country_code: 'FR' });
    expect(cc?.latitude).toBeCloseTo(44.78348, 4);
    const members = await listMemberCommunes(database.db, cc!.key);
    expect(members.map((commune) => commune.insee_code).sort()).toEqual([
      '05006',
      '05031',
      '05058',
      '05101',
      '05110',
      '05122',
      '05151',
      '05180',
    ]);
    // Spelled out, as people write it.
    const [spelledOut] = await searchGazetteer(database.db, 'Communauté de communes du Pays des Écrins');
    expect(spelledOut?.key).toBe(cc!.key);
  });

  it('finds Taliouine, typed whole or with a letter missing, with its coordinates', async () => {
    for (const query of ['taliouine', 'taliouin', 'TALIOUINE']) {
      const [place] = await searchGazetteer(database.db, query);
      expect(place, query).toMatchObject({ kind: 'foreign_place', name: 'Taliouine', country_code: 'MA' });
      expect(place?.latitude).toBeCloseTo(30.529, 2);
      expect(place?.longitude).toBeCloseTo(-7.913, 2);
    }
  });

  it('puts a name equal to the query first, and finds countries by their French names', async () => {
    const [paris] = await searchGazetteer(database.db, 'paris');
    expect(paris).toMatchObject({ kind: 'commune', insee_code: '75056' });
    const [morocco] = await searchGazetteer(database.db, 'maroc');
    expect(morocco).toMatchObject({ kind: 'country', country_code: 'MA' });
    expect(await searchGazetteer(database.db, 'x')).toEqual([]);
  });
});
