import { type Kysely, sql } from 'kysely';

/**
 * The reminders e-mailed to a workspace's admins (a convention about to end, a project with no
 * news, the e-APD declaration window): one row per item and period, written in the transaction
 * that queues the e-mails, so that each goes out once, whatever the number of runs or processes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE reminders_sent (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('convention_ending', 'project_quiet', 'eapd_window')),
    -- The convention's or project's id; the declared year for the e-APD window.
    item_id text NOT NULL,
    -- What makes a new reminder due: the end date, the last update, the year.
    period text NOT NULL,
    sent_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, kind, item_id, period)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE reminders_sent`.execute(db);
}
