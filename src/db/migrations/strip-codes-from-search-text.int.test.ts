import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseAt } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';

/** Pages saved before step 4 were searchable by the names their figure codes carry. */
let database: DatabaseHandle;
let schema: string | undefined;

beforeAll(async () => {
  ({ database, schema } = await createDatabaseAt('202612011000_add_site_identity'));
});
afterAll(async () => {
  await database?.close();
});

describe('cleaning the search text of pages saved before step 4', () => {
  it('drops the editor’s codes from the text and the search vector, and keeps the words', async () => {
    const db = database.db;
    const workspace = await sql<{
      id: string;
    }>`INSERT INTO workspaces (slug, name) VALUES ('un', 'Un') RETURNING id`.execute(db);
    const workspaceId = workspace.rows[0]!.id;
    await sql`INSERT INTO pages (workspace_id, parent_id, slug, title, status, body_text)
      VALUES (${workspaceId}, NULL, '', 'Accueil', 'published',
              ${'{{figure:visite-ecole-taliouine}} La coopération avec Taliouine. {{carte:x}}'})`.execute(db);
    // count(*) is a bigint: a string on PostgreSQL, a number on PGlite.
    const matches = async (word: string) => {
      const result = await sql<{ count: string | number }>`SELECT count(*) AS count FROM pages
        WHERE search_vector @@ plainto_tsquery('fr_unaccent', ${word})`.execute(db);
      return Number(result.rows[0]!.count);
    };
    expect(await matches('visite')).toBe(1);

    await migrateToLatest(db, { schema });

    const row = await sql<{ body_text: string }>`SELECT body_text FROM pages`.execute(db);
    expect(row.rows[0]!.body_text).toBe('La coopération avec Taliouine.');
    expect(await matches('visite')).toBe(0);
    expect(await matches('Taliouine')).toBe(1);
  });
});
