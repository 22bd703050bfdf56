import { type Kysely, sql } from 'kysely';

/**
 * Workspace isolation down to the keys: a reference from one record of a workspace to another
 * carries the workspace_id, so that no row can point into another workspace, whatever the code
 * does. Pages point to their parent page and to a contact card.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE pages ADD CONSTRAINT pages_workspace_id_id_key UNIQUE (workspace_id, id)`.execute(db);
  await sql`ALTER TABLE contact_cards ADD CONSTRAINT contact_cards_workspace_id_id_key UNIQUE (workspace_id, id)`.execute(
    db,
  );
  // A card of another workspace was never shown (the code reads cards of the page's own
  // workspace); such a reference can only be an error, dropped so that the key can hold.
  await sql`UPDATE pages p SET contact_card_id = NULL
     WHERE contact_card_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM contact_cards c WHERE c.id = p.contact_card_id AND c.workspace_id = p.workspace_id)`.execute(
    db,
  );
  // A page under a page of another workspace cannot be mended without a choice: stop, and say
  // which, rather than guess (the code never made one; only a hand-made row could).
  const strays = await sql<{ id: string }>`
    SELECT p.id FROM pages p JOIN pages parent ON parent.id = p.parent_id
     WHERE parent.workspace_id <> p.workspace_id ORDER BY p.id`.execute(db);
  if (strays.rows.length > 0) {
    throw new Error(
      `Ces pages ont une page parente d’un autre espace : ${strays.rows.map((row) => row.id).join(', ')}. ` +
        'Rattachez-les à une page de leur espace (ou mettez-les à la corbeille), puis relancez la mise à jour.',
    );
  }
  await sql`ALTER TABLE pages DROP CONSTRAINT pages_parent_id_fkey`.execute(db);
  await sql`ALTER TABLE pages ADD CONSTRAINT pages_parent_fkey
    FOREIGN KEY (workspace_id, parent_id) REFERENCES pages (workspace_id, id)`.execute(db);
  await sql`ALTER TABLE pages DROP CONSTRAINT pages_contact_card_id_fkey`.execute(db);
  await sql`ALTER TABLE pages ADD CONSTRAINT pages_contact_card_fkey
    FOREIGN KEY (workspace_id, contact_card_id) REFERENCES contact_cards (workspace_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE pages DROP CONSTRAINT pages_contact_card_fkey`.execute(db);
  await sql`ALTER TABLE pages ADD CONSTRAINT pages_contact_card_id_fkey
    FOREIGN KEY (contact_card_id) REFERENCES contact_cards (id)`.execute(db);
  await sql`ALTER TABLE pages DROP CONSTRAINT pages_parent_fkey`.execute(db);
  await sql`ALTER TABLE pages ADD CONSTRAINT pages_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES pages (id)`.execute(
    db,
  );
  await sql`ALTER TABLE contact_cards DROP CONSTRAINT contact_cards_workspace_id_id_key`.execute(db);
  await sql`ALTER TABLE pages DROP CONSTRAINT pages_workspace_id_id_key`.execute(db);
}
