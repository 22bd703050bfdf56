import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { wrapPglite } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { importGazetteer } from '../../src/modules/gazetteer/gazetteer.service.js';
import { readGazetteerSource } from '../../src/modules/gazetteer/gazetteer.source.js';
import { TEST_GAZETTEER_FILTER } from './gazetteer-filter.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory, dumped once; each test file loads a copy. */
    pgliteTemplatePath: string;
    /** The test part of the gazetteer's source, as JSON (see gazetteer-filter.ts). */
    gazetteerSubsetPath: string;
  }
}

/**
 * Migrating a PGlite takes seconds; loading a dump of a migrated one takes a fraction. The dump
 * holds the test part of the gazetteer, which the demo's organisations come from.
 * On PostgreSQL the extensions are created once here, in `public`, so that the test files'
 * schemas, made in parallel, do not race to create them.
 */
export default async function setup(project: TestProject) {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'entente-template-'));
  const templatePath = path.join(directory, 'migrated.tar.gz');
  const subsetPath = path.join(directory, 'gazetteer.json');
  const subset = readGazetteerSource(TEST_GAZETTEER_FILTER);
  await writeFile(subsetPath, JSON.stringify(subset));
  project.provide('gazetteerSubsetPath', subsetPath);
  const pglite = await PGlite.create({ extensions: { unaccent, pg_trgm } });
  const handle = wrapPglite(pglite);
  await migrateToLatest(handle.db);
  await importGazetteer(handle.db, subset);
  const dump = await pglite.dumpDataDir('gzip');
  await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplatePath', templatePath);

  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
    await client.end();
  }

  return async () => {
    await rm(directory, { recursive: true, force: true });
  };
}
