import { type Kysely, sql } from 'kysely';

/**
 * The publication version of a workspace: a number that grows whenever something a public page can
 * show changes. The render cache keeps a page with the version it was made from and never serves
 * it once the version has moved on.
 *
 * The version is bumped by the database itself, by a trigger on every table whose rows reach the
 * public site, so that no code path can forget it: a page saved in the back office, a restore
 * from the trash, a host name added from the command line, a change made by hand in SQL. The
 * trigger is deferred to the commit, so the bump belongs to the transaction of the change (a
 * rolled-back change bumps nothing) and takes the workspace's row lock last, after every other
 * lock the transaction holds. `pg_notify` tells every connection that listens, the committing one
 * included, with the new version; the processes also read the versions twice a second, in case a
 * notification was lost.
 *
 * A table added later whose rows a public page can show takes the same trigger in its own
 * migration: src/db/publication-version.int.test.ts fails for a table with a `workspace_id` that
 * has neither the trigger nor a reason to be private.
 */
const PUBLICATION_TABLES = ['pages', 'media', 'contact_cards', 'site_settings', 'workspace_hosts'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspaces ADD COLUMN publication_version bigint NOT NULL DEFAULT 1`.execute(db);
  await sql`CREATE FUNCTION bump_publication_version() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.workspace_id ELSE NEW.workspace_id END;
      bumped bigint;
    BEGIN
      UPDATE workspaces SET publication_version = publication_version + 1 WHERE id = changed
        RETURNING publication_version INTO bumped;
      -- The schema names the database's user among several on one server (the tests' schemas).
      IF FOUND THEN
        PERFORM pg_notify('entente_publication', current_schema() || ' ' || changed || ' ' || bumped);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of PUBLICATION_TABLES) {
    await sql`CREATE CONSTRAINT TRIGGER ${sql.raw(`${table}_publication_version`)}
      AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION bump_publication_version()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of PUBLICATION_TABLES) {
    await sql`DROP TRIGGER ${sql.raw(`${table}_publication_version`)} ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION bump_publication_version()`.execute(db);
  await sql`ALTER TABLE workspaces DROP COLUMN publication_version`.execute(db);
}
