import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseAt } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';

/**
 * The composite keys cannot hold over a page whose parent is in another workspace: the upgrade
 * stops and names the pages, rather than guess where they belong. A contact card of another
 * workspace was never shown: its reference is dropped.
 */
let database: DatabaseHandle;
let schema: string | undefined;

beforeAll(async () => {
  ({ database, schema } = await createDatabaseAt('202611301100_create_invitations'));
});
afterAll(async () => {
  await database?.close();
});

describe('adding workspace_id to the references between records', () => {
  it('stops on a page under another workspace’s page, naming it; drops a card of another workspace', async () => {
    const db = database.db;
    const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows[0]!;
    const first = await one(
      sql<{ id: string }>`INSERT INTO workspaces (slug, name) VALUES ('un', 'Un') RETURNING id`,
    );
    const second = await one(
      sql<{ id: string }>`INSERT INTO workspaces (slug, name) VALUES ('deux', 'Deux') RETURNING id`,
    );
    const page = (workspaceId: string, parentId: string | null, slug: string, cardId: string | null = null) =>
      one(sql<{
        id: string;
      }>`INSERT INTO pages (workspace_id, parent_id, slug, title, status, contact_card_id)
        VALUES (${workspaceId}, ${parentId}, ${slug}, ${slug || 'Accueil'}, 'draft', ${cardId}) RETURNING id`);
    const card = await one(
      sql<{
        id: string;
      }>`INSERT INTO contact_cards (workspace_id, service_name) VALUES (${first.id}, 'Service') RETURNING id`,
    );
    const firstHome = await page(first.id, null, '');
    const secondHome = await page(second.id, null, '');
    const borrowingCard = await page(second.id, secondHome.id, 'carte-empruntee', card.id);
    const stray = await page(second.id, firstHome.id, 'egaree');

    await expect(migrateToLatest(db, { schema })).rejects.toThrow(stray.id);

    // Mended by hand, the upgrade goes through; the borrowed card is gone, the page stays.
    await sql`UPDATE pages SET parent_id = ${secondHome.id} WHERE id = ${stray.id}`.execute(db);
    await migrateToLatest(db, { schema });
    const row = await one(
      sql<{
        contact_card_id: string | null;
      }>`SELECT contact_card_id FROM pages WHERE id = ${borrowingCard.id}`,
    );
    expect(row.contact_card_id).toBeNull();
  });
});
