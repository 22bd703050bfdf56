import { type Kysely, sql } from 'kysely';

/**
 * The budgets of the workspace's water and sanitation, waste and energy services, per year, in
 * euros: the laws Oudin-Santini (L1115-1-1) and Pintat (L1115-2) let an authority give up to 1 % of
 * them to international solidarity in that field. A project on that basis is checked against them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE utility_budgets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    domain text NOT NULL CHECK (domain IN ('water_sanitation', 'waste', 'energy')),
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    created_at timestamptz NOT NULL,
    created_by uuid REFERENCES users (id),
    UNIQUE (workspace_id, year, domain)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE utility_budgets`.execute(db);
}
