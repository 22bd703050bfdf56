import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ProjectResultsTable } from '../../db/schema.js';
import type { IndicatorInput, PeriodInput } from './results.schemas.js';

export type ResultRow = {
  id: string;
  workspace_id: string;
  project_id: string;
  type: number;
  title: string;
  description: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  deleted_by: string | null;
  deletion_id: string | null;
};

const asNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export async function findLiveResultsOf(
  db: Db,
  workspaceId: string,
  projectId: string,
): Promise<ResultRow[]> {
  const rows = await db
    .selectFrom('project_results')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .orderBy('type')
    .orderBy('title')
    .execute();
  return rows.map((row) => ({ ...row, type: Number(row.type) }));
}

export async function findLiveResult(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<ResultRow | undefined> {
  const row = await db
    .selectFrom('project_results')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? { ...row, type: Number(row.type) } : undefined;
}

/** A result's indicators and periods, in the order they were typed. */
export async function findResultRows(
  db: Db,
  workspaceId: string,
  resultId: string,
): Promise<{ indicators: IndicatorInput[]; periods: Omit<PeriodInput, 'row'>[] }> {
  const [indicators, periods] = await Promise.all([
    db
      .selectFrom('result_indicators')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('result_id', '=', resultId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('indicator_periods')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('result_id', '=', resultId)
      .orderBy('position')
      .execute(),
  ]);
  return {
    indicators: indicators.map((i) => ({
      position: i.position,
      title: i.title,
      measure: Number(i.measure),
      unit: i.unit,
      baseline_year: asNumber(i.baseline_year),
      baseline: asNumber(i.baseline),
      target: asNumber(i.target),
      comment: i.comment,
    })),
    periods: periods.map((p) => ({
      indicator_position: p.indicator_position,
      period_start: p.period_start,
      period_end: p.period_end,
      actual: asNumber(p.actual),
      comment: p.comment,
    })),
  };
}

export async function insertResult(db: Db, values: Insertable<ProjectResultsTable>): Promise<ResultRow> {
  const row = await db.insertInto('project_results').values(values).returningAll().executeTakeFirstOrThrow();
  return { ...row, type: Number(row.type) };
}

export async function updateResultRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: { type: number; title: string; description: string; updated_at: Date },
): Promise<ResultRow> {
  const row = await db
    .updateTable('project_results')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, type: Number(row.type) };
}

/** Replaces a result's indicators and periods, inside the caller's transaction. */
export async function replaceResultRows(
  trx: Db,
  workspaceId: string,
  resultId: string,
  indicators: IndicatorInput[],
  periods: Omit<PeriodInput, 'row'>[],
): Promise<void> {
  await trx
    .deleteFrom('indicator_periods')
    .where('workspace_id', '=', workspaceId)
    .where('result_id', '=', resultId)
    .execute();
  await trx
    .deleteFrom('result_indicators')
    .where('workspace_id', '=', workspaceId)
    .where('result_id', '=', resultId)
    .execute();
  if (indicators.length)
    await trx
      .insertInto('result_indicators')
      .values(
        indicators.map((indicator) => ({ ...indicator, workspace_id: workspaceId, result_id: resultId })),
      )
      .execute();
  if (periods.length)
    await trx
      .insertInto('indicator_periods')
      .values(
        periods.map((period, position) => ({
          ...period,
          position,
          workspace_id: workspaceId,
          result_id: resultId,
        })),
      )
      .execute();
}

export async function findPurgeableResults(db: Db, workspaceId: string): Promise<ResultRow[]> {
  const rows = await db
    .selectFrom('project_results')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
  return rows.map((row) => ({ ...row, type: Number(row.type) }));
}
