import { type Kysely, sql } from 'kysely';

/**
 * What a project achieves, as IATI 2.03 records it: results (ResultType: output, outcome, impact),
 * each with its indicators (a measure, a unit, a baseline, a target) and the value reached per
 * period. Indicators and periods are rows of their result: saved, versioned and shown in its history
 * with it. Values are decimals (numeric), read as text by both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE project_results (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    type smallint NOT NULL CHECK (type IN (1, 2, 3, 9)),
    title text NOT NULL CHECK (length(trim(title)) > 0),
    description text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users (id),
    deletion_id uuid,
    version integer NOT NULL DEFAULT 1,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id)
  )`.execute(db);
  await sql`CREATE INDEX project_results_project ON project_results (project_id)`.execute(db);
  await sql`CREATE TRIGGER project_results_record_version BEFORE UPDATE ON project_results
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);

  await sql`CREATE TABLE result_indicators (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    result_id uuid NOT NULL,
    position integer NOT NULL,
    title text NOT NULL CHECK (length(trim(title)) > 0),
    -- IATI IndicatorMeasure: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative.
    measure smallint NOT NULL DEFAULT 1 CHECK (measure BETWEEN 1 AND 5),
    unit text NOT NULL DEFAULT '',
    baseline_year smallint CHECK (baseline_year BETWEEN 1900 AND 2200),
    baseline numeric(18, 4),
    target numeric(18, 4),
    comment text NOT NULL DEFAULT '',
    PRIMARY KEY (result_id, position),
    UNIQUE (workspace_id, result_id, position),
    FOREIGN KEY (workspace_id, result_id) REFERENCES project_results (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);

  await sql`CREATE TABLE indicator_periods (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    result_id uuid NOT NULL,
    indicator_position integer NOT NULL,
    position integer NOT NULL,
    period_start text NOT NULL CHECK (period_start ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    period_end text NOT NULL CHECK (period_end ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    actual numeric(18, 4),
    comment text NOT NULL DEFAULT '',
    PRIMARY KEY (result_id, position),
    CHECK (period_end >= period_start),
    FOREIGN KEY (workspace_id, result_id, indicator_position)
      REFERENCES result_indicators (workspace_id, result_id, position) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, result_id) REFERENCES project_results (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE indicator_periods`.execute(db);
  await sql`DROP TABLE result_indicators`.execute(db);
  await sql`DROP TABLE project_results`.execute(db);
}
