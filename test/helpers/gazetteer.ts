import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { importGazetteer } from '../../src/modules/gazetteer/gazetteer.service.js';
import type { GazetteerSource } from '../../src/modules/gazetteer/gazetteer.source.js';

/** Imports the test part of the gazetteer (gazetteer-filter.ts), read once by the global setup. */
export async function importTestGazetteer(db: Db): Promise<void> {
  const source = JSON.parse(await readFile(inject('gazetteerSubsetPath'), 'utf8')) as GazetteerSource;
  await importGazetteer(db, source);
}
