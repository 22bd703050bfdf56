import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspace.repo.js';
import type { Workspace } from './schema.js';
import { DEMO, DEMO_SECOND } from './seeds/demo.js';

/**
 * Workspace isolation held by the database itself: a foreign key from a record of a workspace to
 * another record of a workspace carries workspace_id, so no row can point into another
 * workspace. Every foreign key of the schema is checked, so that a table added later cannot
 * forget it.
 */
let t: TestApp;
let main: Workspace;
let second: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  main = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  second = (await findWorkspaceBySlug(t.database.db, DEMO_SECOND.workspaceSlug))!;
});
afterAll(async () => {
  await t?.close();
});

/**
 * References allowed to leave out workspace_id, each with the reason. An organisation may be a
 * row of the shared gazetteer (workspace_id null), which every workspace reads.
 */
const EXEMPT: Record<string, string> = {
  'memberships.organisation_id': 'a partner organisation may be a shared gazetteer row (no workspace)',
  'workspaces.organisation_id': 'the workspace itself, whose organisation row it owns',
};

describe('foreign keys between records of a workspace', () => {
  it('carry workspace_id, for every table that has one', async () => {
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name = 'workspace_id'`.execute(t.database.db);
    const scoped = new Set(tables.rows.map((row) => row.table_name));
    expect(scoped.has('pages') && scoped.has('contact_cards')).toBe(true);
    const keys = await sql<{ name: string; table: string; referenced: string; columns: string[] }>`
      SELECT con.conname AS name, rel.relname AS table, ref.relname AS referenced,
             array(SELECT att.attname::text FROM unnest(con.conkey) AS k(n)
                     JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.n) AS columns
        FROM pg_constraint con
        JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_class ref ON ref.oid = con.confrelid
        JOIN pg_namespace ns ON ns.oid = rel.relnamespace
       WHERE con.contype = 'f' AND ns.nspname = current_schema()`.execute(t.database.db);
    expect(keys.rows.length).toBeGreaterThan(10);
    const missing = keys.rows
      .filter((key) => scoped.has(key.table) && scoped.has(key.referenced) && key.referenced !== 'workspaces')
      .filter((key) => !key.columns.includes('workspace_id'))
      .map((key) => `${key.table}.${key.columns.join(',')}`)
      .filter((reference) => !(reference in EXEMPT));
    expect(missing).toEqual([]);
  });

  it('refuse a page of one workspace under a page, or with a contact card, of another', async () => {
    const db = t.database.db;
    const foreignPage = await db
      .selectFrom('pages')
      .select('id')
      .where('workspace_id', '=', main.id)
      .where('slug', '=', 'la-cooperation-decentralisee')
      .executeTakeFirstOrThrow();
    const foreignCard = await db
      .selectFrom('contact_cards')
      .select('id')
      .where('workspace_id', '=', main.id)
      .executeTakeFirstOrThrow();
    const ownHome = await db
      .selectFrom('pages')
      .select('id')
      .where('workspace_id', '=', second.id)
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const page = (values: { parent_id: string; contact_card_id: string | null }) =>
      db
        .insertInto('pages')
        .values({ workspace_id: second.id, slug: 'intrus', title: 'Intrus', status: 'draft', ...values })
        .execute();
    await expect(page({ parent_id: foreignPage.id, contact_card_id: null })).rejects.toMatchObject({
      code: '23503',
    });
    await expect(page({ parent_id: ownHome.id, contact_card_id: foreignCard.id })).rejects.toMatchObject({
      code: '23503',
    });
    // Within its own workspace, the same row is fine; an update cannot move it there either.
    await page({ parent_id: ownHome.id, contact_card_id: null });
    const own = db.updateTable('pages').where('workspace_id', '=', second.id).where('slug', '=', 'intrus');
    await expect(own.set({ parent_id: foreignPage.id }).execute()).rejects.toMatchObject({ code: '23503' });
    await expect(own.set({ contact_card_id: foreignCard.id }).execute()).rejects.toMatchObject({
      code: '23503',
    });
  });
});
