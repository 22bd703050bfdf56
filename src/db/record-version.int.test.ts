import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import type { VersionedTable } from '../platform/versions.js';

/**
 * The version of each record edited in a form is kept by the database (a trigger before every
 * update), so that a save through any code path moves it and a form opened before is refused.
 */
const VERSIONED: Record<VersionedTable, true> = {
  pages: true,
  media: true,
  documents: true,
  contact_cards: true,
  site_settings: true,
  memberships: true,
  organisations: true,
  partnerships: true,
  conventions: true,
  projects: true,
  project_transactions: true,
  project_updates: true,
  project_results: true,
  missions: true,
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('record versions', () => {
  it('every table with a version column has the trigger that moves it, and no other has it', async () => {
    const { rows: withColumn } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name = 'version'`.execute(t.database.db);
    const { rows: withTrigger } = await sql<{ table_name: string }>`
      SELECT c.relname AS table_name FROM pg_trigger g
        JOIN pg_class c ON c.oid = g.tgrelid
        JOIN pg_proc p ON p.oid = g.tgfoid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE p.proname = 'bump_record_version' AND n.nspname = current_schema()`.execute(t.database.db);
    const names = (rows: { table_name: string }[]) => rows.map((row) => row.table_name).sort();
    expect(names(withColumn)).toEqual(Object.keys(VERSIONED).sort());
    expect(names(withTrigger)).toEqual(Object.keys(VERSIONED).sort());
  });

  it('an update typed by hand moves the version too', async () => {
    for (const table of Object.keys(VERSIONED) as VersionedTable[]) {
      const { rows } = await sql<{ before: number; after: number }>`
        WITH one AS (SELECT ctid, version FROM ${sql.table(table)} LIMIT 1)
        UPDATE ${sql.table(table)} AS target SET updated_at = target.updated_at FROM one
         WHERE target.ctid = one.ctid
        RETURNING one.version AS before, target.version AS after`.execute(t.database.db);
      expect(rows.length, `a row of ${table} in the demo`).toBe(1);
      expect(rows[0]!.after, table).toBe(rows[0]!.before + 1);
    }
  });
});
