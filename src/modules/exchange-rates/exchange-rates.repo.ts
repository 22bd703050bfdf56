import type { Db } from '../../db/database.js';
import type { Rate } from './exchange-rules.js';

export type RateRow = Rate & { id: string; created_at: Date; created_by_name: string | null };

/** The workspace's rates, by currency then from the latest day. */
export async function findRates(db: Db, workspaceId: string): Promise<RateRow[]> {
  const rows = await db
    .selectFrom('exchange_rates as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'r.id',
      'r.currency',
      'r.valid_from',
      'r.euros_per_unit',
      'r.created_at',
      'u.display_name as created_by_name',
    ])
    .where('r.workspace_id', '=', workspaceId)
    .orderBy('r.currency')
    .orderBy('r.valid_from', 'desc')
    .execute();
  // numeric comes back as text on both engines.
  return rows.map((row) => ({ ...row, euros_per_unit: Number(row.euros_per_unit) }));
}

export async function findRate(db: Db, workspaceId: string, id: string): Promise<Rate | undefined> {
  const row = await db
    .selectFrom('exchange_rates')
    .select(['currency', 'valid_from', 'euros_per_unit'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, euros_per_unit: Number(row.euros_per_unit) } : undefined;
}

export async function insertRate(
  db: Db,
  values: {
    workspace_id: string;
    currency: string;
    valid_from: string;
    euros_per_unit: number;
    created_at: Date;
    created_by: string;
  },
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('exchange_rates')
    .values(values)
    .onConflict((conflict) => conflict.columns(['workspace_id', 'currency', 'valid_from']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function deleteRateRow(db: Db, workspaceId: string, id: string): Promise<number> {
  const result = await db
    .deleteFrom('exchange_rates')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
