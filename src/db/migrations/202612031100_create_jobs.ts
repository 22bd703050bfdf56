import { type Kysely, sql } from 'kysely';

/**
 * The job queue (platform/jobs.ts): work done after the request that asked for it, at a given
 * time, retried with a growing delay when it fails, and kept across restarts because it is a row.
 * A job queued inside a transaction exists only if that transaction commits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE jobs (
    id bigserial PRIMARY KEY,
    workspace_id uuid REFERENCES workspaces (id),
    kind text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    run_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
    last_error text,
    locked_at timestamptz,
    unique_key text,
    created_at timestamptz NOT NULL,
    finished_at timestamptz
  )`.execute(db);
  await sql`CREATE INDEX jobs_due ON jobs (run_at, id) WHERE state = 'queued'`.execute(db);
  await sql`CREATE INDEX jobs_by_workspace ON jobs (workspace_id, state)`.execute(db);
  // One waiting job per key ("publish page X"): a second one replaces nothing and is not added.
  await sql`CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE jobs`.execute(db);
}
