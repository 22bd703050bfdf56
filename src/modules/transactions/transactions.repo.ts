import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ProjectTransaction, ProjectTransactionsTable } from '../../db/schema.js';
import type { TrashedGroup } from '../../db/trash.repo.js';

export type TransactionValues = Omit<
  Insertable<ProjectTransactionsTable>,
  | 'id'
  | 'workspace_id'
  | 'project_id'
  | 'created_at'
  | 'updated_at'
  | 'deleted_at'
  | 'deleted_by'
  | 'deletion_id'
>;

/** A transaction with the names its lists show. */
export type TransactionRow = ProjectTransaction & {
  provider_name: string | null;
  receiver_name: string | null;
};

function selectTransactions(db: Db, workspaceId: string) {
  return db
    .selectFrom('project_transactions as t')
    .leftJoin('organisations as provider', 'provider.id', 't.provider_organisation_id')
    .leftJoin('organisations as receiver', 'receiver.id', 't.receiver_organisation_id')
    .selectAll('t')
    .select(['provider.name as provider_name', 'receiver.name as receiver_name'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.deleted_at', 'is', null);
}

const asNumbers = (row: TransactionRow): TransactionRow => ({
  ...row,
  type: Number(row.type),
  amount_minor: Number(row.amount_minor),
});

/** A project's live transactions, the most recent first. */
export async function findLiveTransactionsOf(
  db: Db,
  workspaceId: string,
  projectId: string,
): Promise<TransactionRow[]> {
  const rows = await selectTransactions(db, workspaceId)
    .where('t.project_id', '=', projectId)
    .orderBy('t.transaction_date', 'desc')
    .orderBy('t.created_at', 'desc')
    .execute();
  return rows.map(asNumbers);
}

/** The live transactions of a partnership's live projects, with their project's title: what a mission's costs are chosen among. */
export async function findLiveTransactionsOfPartnership(
  db: Db,
  workspaceId: string,
  partnershipId: string,
): Promise<Array<TransactionRow & { project_title: string }>> {
  const rows = await selectTransactions(db, workspaceId)
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select('p.title as project_title')
    .where('p.partnership_id', '=', partnershipId)
    .where('p.deleted_at', 'is', null)
    .orderBy('t.transaction_date', 'desc')
    .execute();
  return rows.map((row) => ({ ...asNumbers(row), project_title: row.project_title }));
}

export async function findLiveTransaction(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<TransactionRow | undefined> {
  const row = await selectTransactions(db, workspaceId).where('t.id', '=', id).executeTakeFirst();
  return row ? asNumbers(row) : undefined;
}

export async function insertTransaction(
  db: Db,
  values: TransactionValues & {
    workspace_id: string;
    project_id: string;
    created_at: Date;
    updated_at: Date;
  },
): Promise<ProjectTransaction> {
  return db.insertInto('project_transactions').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateTransactionRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: TransactionValues & { updated_at: Date },
): Promise<ProjectTransaction> {
  return db
    .updateTable('project_transactions')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPurgeableTransactions(db: Db, workspaceId: string): Promise<ProjectTransaction[]> {
  return db
    .selectFrom('project_transactions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
}

/** One row per deletion of transactions, named by its project and its date (a transaction has no title). */
export async function findTrashedTransactions(db: Db, workspaceId: string): Promise<TrashedGroup[]> {
  const result = await sql<TrashedGroup>`
    SELECT t.deletion_id,
           min(p.title || ' – ' || t.transaction_date) AS title,
           count(*)::int AS count,
           max(t.deleted_at) AS deleted_at,
           max(u.display_name) AS deleted_by_name
      FROM project_transactions t
      JOIN projects p ON p.id = t.project_id
      LEFT JOIN users u ON u.id = t.deleted_by
     WHERE t.workspace_id = ${workspaceId} AND t.deleted_at IS NOT NULL
     GROUP BY t.deletion_id
     ORDER BY max(t.deleted_at) DESC`.execute(db);
  return result.rows;
}

/**
 * The live outgoing transactions of a year on the workspace's live projects of one e-APD category
 * (a 1 % basis), but one: what the 1 % ceiling of that year is measured against.
 */
export async function findOutgoingOfCategoryInYear(
  db: Db,
  workspaceId: string,
  category: string,
  year: number,
  outgoingTypes: readonly number[],
  exceptId: string | null,
): Promise<Array<{ amount_minor: number; currency: string; transaction_date: string }>> {
  let query = db
    .selectFrom('project_transactions as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select(['t.amount_minor', 't.currency', 't.transaction_date'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('p.eapd_category', '=', category as 'water_sanitation')
    .where('t.type', 'in', [...outgoingTypes])
    .where('t.transaction_date', '>=', `${year}-01-01`)
    .where('t.transaction_date', '<=', `${year}-12-31`);
  if (exceptId) query = query.where('t.id', '<>', exceptId);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, amount_minor: Number(row.amount_minor) }));
}
