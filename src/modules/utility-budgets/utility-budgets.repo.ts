import type { Db } from '../../db/database.js';
import type { UtilityDomain } from './one-percent.js';

export interface UtilityBudgetRow {
  id: string;
  year: number;
  domain: UtilityDomain;
  amount_minor: number;
  created_at: Date;
  created_by_name: string | null;
}

export async function findUtilityBudgets(db: Db, workspaceId: string): Promise<UtilityBudgetRow[]> {
  const rows = await db
    .selectFrom('utility_budgets as b')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .select([
      'b.id',
      'b.year',
      'b.domain',
      'b.amount_minor',
      'b.created_at',
      'u.display_name as created_by_name',
    ])
    .where('b.workspace_id', '=', workspaceId)
    .orderBy('b.year', 'desc')
    .orderBy('b.domain')
    .execute();
  return rows.map((row) => ({ ...row, year: Number(row.year), amount_minor: Number(row.amount_minor) }));
}

/** A service's budget of a year, in euro cents; undefined when none was recorded. */
export async function findUtilityBudgetAmount(
  db: Db,
  workspaceId: string,
  year: number,
  domain: UtilityDomain,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('utility_budgets')
    .select('amount_minor')
    .where('workspace_id', '=', workspaceId)
    .where('year', '=', year)
    .where('domain', '=', domain)
    .executeTakeFirst();
  return row ? Number(row.amount_minor) : undefined;
}

export async function insertUtilityBudget(
  db: Db,
  values: {
    workspace_id: string;
    year: number;
    domain: UtilityDomain;
    amount_minor: number;
    created_at: Date;
    created_by: string;
  },
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('utility_budgets')
    .values(values)
    .onConflict((conflict) => conflict.columns(['workspace_id', 'year', 'domain']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function deleteUtilityBudgetRow(db: Db, workspaceId: string, id: string): Promise<number> {
  const result = await db
    .deleteFrom('utility_budgets')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
