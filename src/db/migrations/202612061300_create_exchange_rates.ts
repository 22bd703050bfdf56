import { type Kysely, sql } from 'kysely';

/**
 * The exchange rates a workspace keeps: the value in euros of one unit of a currency from a day
 * on. A transaction's amount is turned into euros at the rate of its date (the latest rate from
 * that day or before). A rate is never edited: a new one is added from a later day, or a wrong one
 * deleted (both in the audit trail).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE exchange_rates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$' AND currency <> 'EUR'),
    valid_from text NOT NULL CHECK (valid_from ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    euros_per_unit numeric(18, 8) NOT NULL CHECK (euros_per_unit > 0),
    created_at timestamptz NOT NULL,
    created_by uuid REFERENCES users (id),
    UNIQUE (workspace_id, currency, valid_from)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE exchange_rates`.execute(db);
}
