import { DEMO } from '../../src/db/seeds/demo.js';
import type { SourceFilter } from '../../src/modules/gazetteer/gazetteer.source.js';

/**
 * The part of the gazetteer a test database holds: the Hautes-Alpes (the demo's CC and its
 * communes), every département, région and country, Morocco's places, and the demo's twinning
 * partner. The same import as the full one, on less data: a test file's database is ready in a
 * fraction of a second. The full import has its own test (gazetteer.int.test.ts).
 */
export const TEST_GAZETTEER_FILTER: SourceFilter = {
  departements: ['05'],
  countries: ['MA'],
  foreignPlaces: [DEMO.places.twinning],
};
