import { type Kysely, sql } from 'kysely';

/**
 * Unpublished changes to a published record (platform/drafts.ts): the public site keeps reading
 * the record's own row while the changes wait here, one draft per record, until someone who may
 * publish makes them public, or they are discarded. A draft may be proposed for review and sent
 * back with a comment. The row holds the changed values as the edit form saves them, whatever the
 * kind of record, so a kind added later needs no table of its own.
 *
 * Saving a draft moves the record's version (its row is updated with nothing else changed), which
 * no public page shows: the publication version's trigger now leaves such an update alone, so a
 * draft saved keeps every cached public page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE record_drafts (
    workspace_id uuid NOT NULL REFERENCES workspaces (id),
    record_type text NOT NULL,
    record_id uuid NOT NULL,
    data jsonb NOT NULL,
    saved_by uuid REFERENCES users (id),
    saved_at timestamptz NOT NULL,
    proposed_by uuid REFERENCES users (id),
    proposed_at timestamptz,
    returned_by uuid REFERENCES users (id),
    returned_at timestamptz,
    returned_comment text,
    PRIMARY KEY (workspace_id, record_type, record_id)
  )`.execute(db);
  await publicationTrigger(db, true);
  await sql`CREATE INDEX record_drafts_proposed ON record_drafts (workspace_id, proposed_at)
    WHERE proposed_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await publicationTrigger(db, false);
  await sql`DROP TABLE record_drafts`.execute(db);
}

/** The function of migration 202612021000, with (or, going down, without) the version-only skip. */
async function publicationTrigger(db: Kysely<unknown>, skipVersionOnly: boolean): Promise<void> {
  const skip = skipVersionOnly
    ? sql`IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - 'version') = (to_jsonb(NEW) - 'version') THEN
        RETURN NULL;
      END IF;`
    : sql``;
  await sql`CREATE OR REPLACE FUNCTION bump_publication_version() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.workspace_id ELSE NEW.workspace_id END;
      bumped bigint;
    BEGIN
      ${skip}
      UPDATE workspaces SET publication_version = publication_version + 1 WHERE id = changed
        RETURNING publication_version INTO bumped;
      -- The schema names the database's user among several on one server (the tests' schemas).
      IF FOUND THEN
        PERFORM pg_notify('entente_publication', current_schema() || ' ' || changed || ' ' || bumped);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
}
