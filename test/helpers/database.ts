import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, type Db, listenOnEveryConnection, openPglite } from '../../src/db/database.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { importTestGazetteer } from './gazetteer.js';

/**
 * A fresh, migrated database for one test file: a copy of the PGlite template, or, when
 * DATABASE_URL is set, a schema of its own on that PostgreSQL, dropped at the end. `migrate`
 * replaces the migration to the latest (a test of one migration stops before it).
 */
export async function createTestDatabase(
  options: { migrate?: (db: Db, schema?: string) => Promise<unknown> } = {},
): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  const migrate = options.migrate ?? ((db: Db, schema?: string) => migrateToLatest(db, { schema }));
  if (!databaseUrl) {
    if (options.migrate) {
      const fresh = await openPglite({ fresh: true });
      await options.migrate(fresh.db);
      return fresh;
    }
    const template = await readFile(inject('pgliteTemplatePath'));
    return openPglite({ loadDataDir: new Blob([template]) });
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 5,
    connectionTimeoutMillis: 10_000,
    options: `-c search_path=${schema},public`,
  });
  const notifications = listenOnEveryConnection(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, schema);
  // As in the PGlite template: the test part of the gazetteer, unless a test migrates on its own.
  if (!options.migrate) await importTestGazetteer(db);
  return {
    db,
    engine: 'postgresql',
    notifications,
    async close() {
      // The pool first: it ends once every query of this app has finished (a session touched after
      // its answer, say). Dropping the schema while one still ran could deadlock with it: DROP …
      // CASCADE locks every table, in its own order, while that transaction held a row of one.
      await db.destroy();
      const dropper = new pg.Client({ connectionString: databaseUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * A database migrated up to `migration` (included), for a test of the migrations after it:
 * the handle, and the schema (on PostgreSQL) that `migrateToLatest` must be given.
 */
export async function createDatabaseAt(
  migration: string,
): Promise<{ database: DatabaseHandle; schema?: string }> {
  let schema: string | undefined;
  const database = await createTestDatabase({
    migrate: async (db, testSchema) => {
      schema = testSchema;
      await migrateTo(db, migration, { schema: testSchema });
    },
  });
  return { database, schema };
}
