import { type Kysely, sql } from 'kysely';

/**
 * News of a project proposed by a partner account (or an officer), in its author's language, read
 * by an editor before it is shown: proposed, then published or sent back with a comment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE project_updates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    -- ISO 639-1: French, or the partner's language (Arabic is written right to left).
    language text NOT NULL DEFAULT 'fr' CHECK (language ~ '^[a-z]{2}$'),
    title text NOT NULL CHECK (length(trim(title)) > 0),
    body text NOT NULL CHECK (length(trim(body)) > 0),
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'published', 'returned')),
    proposed_by uuid REFERENCES users (id),
    proposed_at timestamptz NOT NULL,
    reviewed_by uuid REFERENCES users (id),
    reviewed_at timestamptz,
    returned_comment text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users (id),
    deletion_id uuid,
    version integer NOT NULL DEFAULT 1,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id)
  )`.execute(db);
  await sql`CREATE INDEX project_updates_project ON project_updates (project_id, proposed_at)`.execute(db);
  await sql`CREATE INDEX project_updates_proposed ON project_updates (workspace_id) WHERE status = 'proposed' AND deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE TRIGGER project_updates_record_version BEFORE UPDATE ON project_updates
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE project_updates`.execute(db);
}
