import { type Kysely, sql } from 'kysely';

/**
 * Missions: a delegation going out to the partner or received from it (the seed's visit of a
 * primary school in Taliouine), for a partnership and, when it serves one, a project. Its places,
 * participants, photos and costs (the project's transactions that paid for it) are rows of the
 * mission, saved and versioned with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE missions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    partnership_id uuid NOT NULL,
    project_id uuid,
    title text NOT NULL CHECK (length(trim(title)) > 0),
    direction text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
    start_date text NOT NULL CHECK (start_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    end_date text NOT NULL CHECK (end_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    purpose text NOT NULL DEFAULT '',
    report text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users (id),
    deletion_id uuid,
    version integer NOT NULL DEFAULT 1,
    UNIQUE (workspace_id, id),
    CHECK (end_date >= start_date),
    FOREIGN KEY (workspace_id, partnership_id) REFERENCES partnerships (workspace_id, id),
    -- A project purged from the trash leaves the mission to its partnership.
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE SET NULL (project_id)
  )`.execute(db);
  await sql`CREATE INDEX missions_partnership ON missions (partnership_id)`.execute(db);
  await sql`CREATE INDEX missions_project ON missions (project_id)`.execute(db);
  await sql`CREATE TRIGGER missions_record_version BEFORE UPDATE ON missions
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);

  await sql`CREATE TABLE mission_places (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mission_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (mission_id, organisation_id),
    FOREIGN KEY (workspace_id, mission_id) REFERENCES missions (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisations (workspace_id, id)
  )`.execute(db);
  await sql`CREATE INDEX mission_places_organisation ON mission_places (organisation_id)`.execute(db);

  await sql`CREATE TABLE mission_participants (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mission_id uuid NOT NULL,
    position integer NOT NULL,
    name text NOT NULL CHECK (length(trim(name)) > 0),
    role text NOT NULL DEFAULT '',
    organisation_id uuid,
    PRIMARY KEY (mission_id, position),
    FOREIGN KEY (workspace_id, mission_id) REFERENCES missions (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisations (workspace_id, id)
  )`.execute(db);
  await sql`CREATE INDEX mission_participants_organisation ON mission_participants (organisation_id)`.execute(
    db,
  );

  await sql`CREATE TABLE mission_photos (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mission_id uuid NOT NULL,
    media_id uuid NOT NULL,
    caption text NOT NULL DEFAULT '',
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (mission_id, media_id),
    FOREIGN KEY (workspace_id, mission_id) REFERENCES missions (workspace_id, id) ON DELETE CASCADE,
    -- An image a live mission shows stays out of the trash; one purged takes its photo rows along.
    FOREIGN KEY (workspace_id, media_id) REFERENCES media (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE INDEX mission_photos_media ON mission_photos (media_id)`.execute(db);

  await sql`CREATE TABLE mission_costs (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mission_id uuid NOT NULL,
    transaction_id uuid NOT NULL,
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (mission_id, transaction_id),
    FOREIGN KEY (workspace_id, mission_id) REFERENCES missions (workspace_id, id) ON DELETE CASCADE,
    -- A transaction in the trash is not shown among the costs; purged, its link goes.
    FOREIGN KEY (workspace_id, transaction_id) REFERENCES project_transactions (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE INDEX mission_costs_transaction ON mission_costs (transaction_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE mission_costs`.execute(db);
  await sql`DROP TABLE mission_photos`.execute(db);
  await sql`DROP TABLE mission_participants`.execute(db);
  await sql`DROP TABLE mission_places`.execute(db);
  await sql`DROP TABLE missions`.execute(db);
}
