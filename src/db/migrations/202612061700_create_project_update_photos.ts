import { type Kysely, sql } from 'kysely';

/**
 * The photos of a project's news: images of the workspace's library, each with its caption in the
 * news's language. A partner adds them to the news it proposes (the image is stored like any other,
 * its alternative text required), so that the editor reviews text and photos together.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE project_update_photos (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    update_id uuid NOT NULL,
    media_id uuid NOT NULL,
    caption text NOT NULL DEFAULT '',
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (update_id, media_id),
    FOREIGN KEY (workspace_id, update_id) REFERENCES project_updates (workspace_id, id) ON DELETE CASCADE,
    -- An image live news shows stays out of the trash; one purged takes its photo rows along.
    FOREIGN KEY (workspace_id, media_id) REFERENCES media (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE INDEX project_update_photos_media ON project_update_photos (media_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE project_update_photos`.execute(db);
}
