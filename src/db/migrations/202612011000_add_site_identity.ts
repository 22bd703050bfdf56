import { type Kysely, sql } from 'kysely';

/**
 * The authority's identity in its site settings: a logo and a home-page banner chosen among the
 * workspace's images, a main colour, and a presentation shown with the banner. The images are
 * referenced with the workspace_id, like every reference between records of a workspace, so a
 * setting can never point to another workspace's image; the media service refuses to move an
 * image in use to the trash, and the key (no action on delete) stops a purge that would forget.
 * The colour is kept as the public stylesheet writes it, `#rrggbb` in lower case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE media ADD CONSTRAINT media_workspace_id_id_key UNIQUE (workspace_id, id)`.execute(db);
  await sql`ALTER TABLE site_settings
    ADD COLUMN logo_media_id uuid,
    ADD COLUMN banner_media_id uuid,
    ADD COLUMN main_colour text CONSTRAINT site_settings_main_colour_check CHECK (main_colour ~ '^#[0-9a-f]{6}$'),
    ADD COLUMN presentation text NOT NULL DEFAULT ''`.execute(db);
  await sql`ALTER TABLE site_settings ADD CONSTRAINT site_settings_logo_fkey
    FOREIGN KEY (workspace_id, logo_media_id) REFERENCES media (workspace_id, id)`.execute(db);
  await sql`ALTER TABLE site_settings ADD CONSTRAINT site_settings_banner_fkey
    FOREIGN KEY (workspace_id, banner_media_id) REFERENCES media (workspace_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE site_settings DROP CONSTRAINT site_settings_banner_fkey`.execute(db);
  await sql`ALTER TABLE site_settings DROP CONSTRAINT site_settings_logo_fkey`.execute(db);
  await sql`ALTER TABLE site_settings
    DROP COLUMN presentation,
    DROP COLUMN main_colour,
    DROP COLUMN banner_media_id,
    DROP COLUMN logo_media_id`.execute(db);
  await sql`ALTER TABLE media DROP CONSTRAINT media_workspace_id_id_key`.execute(db);
}
