import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabaseAt } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';

/**
 * Host names listed by workspaces before they had a table of their own come along: valid names
 * normalised, the older workspace keeping a name two listed, addresses dropped (the default
 * workspace answers them anyway).
 */
let database: DatabaseHandle;
let schema: string | undefined;

beforeAll(async () => {
  ({ database, schema } = await createDatabaseAt('202611261800_create_accounts_audit_trash'));
});
afterAll(async () => {
  await database?.close();
});

describe('moving host names to workspace_hosts', () => {
  it('keeps valid names in their order, normalised, one workspace per name', async () => {
    const db = database.db;
    const insert = (slug: string, hosts: string[], createdAt: string, isDefault = false) =>
      sql`INSERT INTO workspaces (slug, name, host_names, is_default, created_at)
          VALUES (${slug}, ${slug}, ${hosts}, ${isDefault}, ${createdAt}) RETURNING id`.execute(db);
    await insert(
      'ancien',
      ['localhost', '127.0.0.1', 'Ancien.Example.', 'partage.example', '[::1]'],
      '2026-01-01',
      true,
    );
    await insert('recent', ['recent.example', 'partage.example', 'www.recent.example'], '2026-06-01');

    const warnings: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((message: string) => {
      warnings.push(message);
    });
    try {
      await migrateToLatest(db, { schema });
    } finally {
      warn.mockRestore();
    }
    // The operator is told what did not come along.
    expect(warnings.map((warning) => /« (.+?) » de l’espace « (.+?) »/.exec(warning)?.slice(1))).toEqual([
      ['127.0.0.1', 'ancien'],
      ['[::1]', 'ancien'],
      ['partage.example', 'recent'],
    ]);

    const rows = await sql<{ slug: string; host_name: string }>`
      SELECT w.slug, h.host_name FROM workspace_hosts h JOIN workspaces w ON w.id = h.workspace_id
       ORDER BY w.slug, h.position`.execute(db);
    expect(rows.rows).toEqual([
      { slug: 'ancien', host_name: 'localhost' },
      { slug: 'ancien', host_name: 'ancien.example' },
      { slug: 'ancien', host_name: 'partage.example' },
      { slug: 'recent', host_name: 'recent.example' },
      { slug: 'recent', host_name: 'www.recent.example' },
    ]);
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
       WHERE table_name = 'workspaces' AND column_name = 'host_names'
         AND table_schema = coalesce(${schema ?? null}, current_schema())`.execute(db);
    expect(columns.rows).toEqual([]);
  });
});
