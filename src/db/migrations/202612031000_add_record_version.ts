import { type Kysely, sql } from 'kysely';

/**
 * The version of an editable record: 1 when made, one more at every update, counted by the
 * database itself (a trigger before each update), so that no code path can save without moving
 * it. An edit form carries the version it was opened on; a save whose version is no longer the
 * record's is refused (platform/versions.ts) instead of silently overwriting someone else's work.
 *
 * A table added later whose rows are edited in a form takes the same column and trigger in its
 * own migration: src/db/record-version.int.test.ts lists the tables that must have them.
 */
const VERSIONED_TABLES = ['pages', 'media', 'contact_cards', 'site_settings', 'memberships'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE FUNCTION bump_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.version := OLD.version + 1;
      RETURN NEW;
    END $$`.execute(db);
  for (const table of VERSIONED_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_record_version`)}
      BEFORE UPDATE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await sql`DROP TRIGGER ${sql.raw(`${table}_record_version`)} ON ${sql.table(table)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN version`.execute(db);
  }
  await sql`DROP FUNCTION bump_record_version()`.execute(db);
}
