import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Project, ProjectsTable } from '../../db/schema.js';
import type { ProjectRows } from './projects.schemas.js';

export type ProjectValues = Omit<
  Insertable<ProjectsTable>,
  'id' | 'workspace_id' | 'created_at' | 'updated_at' | 'deleted_at' | 'deleted_by' | 'deletion_id'
>;

/** A project with what its lists and pages show of its partnership. */
export type ProjectRow = Project & {
  partner_name: string;
  partner_organisation_id: string;
  partnership_shared: boolean;
};

function selectProjects(db: Db, workspaceId: string) {
  return db
    .selectFrom('projects as p')
    .innerJoin('partnerships as ps', 'ps.id', 'p.partnership_id')
    .innerJoin('organisations as partner', 'partner.id', 'ps.partner_organisation_id')
    .selectAll('p')
    .select([
      'partner.name as partner_name',
      'ps.partner_organisation_id as partner_organisation_id',
      'ps.shared_with_partner as partnership_shared',
    ])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.deleted_at', 'is', null)
    .where('ps.deleted_at', 'is', null);
}

/** Live projects, of one partnership or all; for a partner, only those of partnerships shared with it. */
export async function findLiveProjects(
  db: Db,
  workspaceId: string,
  filter: { partnershipId?: string; sharedWith?: string } = {},
): Promise<ProjectRow[]> {
  let query = selectProjects(db, workspaceId);
  if (filter.partnershipId) query = query.where('p.partnership_id', '=', filter.partnershipId);
  if (filter.sharedWith !== undefined)
    query = query
      .where('ps.shared_with_partner', '=', true)
      .where('ps.partner_organisation_id', '=', filter.sharedWith);
  return query.orderBy('p.planned_start', 'desc').orderBy('p.title').execute();
}

export async function findLiveProject(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<ProjectRow | undefined> {
  return selectProjects(db, workspaceId).where('p.id', '=', id).executeTakeFirst();
}

export async function insertProject(
  db: Db,
  values: ProjectValues & { workspace_id: string; created_at: Date; updated_at: Date },
): Promise<Project> {
  return db.insertInto('projects').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateProjectRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: Partial<ProjectValues> & { updated_at: Date },
): Promise<Project> {
  return db
    .updateTable('projects')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A project's repeated rows, in the order they were typed. */
export async function findProjectRows(db: Db, workspaceId: string, projectId: string): Promise<ProjectRows> {
  const [sectors, countries, participants, locations, budgets] = await Promise.all([
    db
      .selectFrom('project_sectors')
      .select(['code', 'percentage'])
      .where('workspace_id', '=', workspaceId)
      .where('project_id', '=', projectId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('project_countries')
      .select(['country', 'percentage'])
      .where('workspace_id', '=', workspaceId)
      .where('project_id', '=', projectId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('project_participants')
      .select(['organisation_id', 'role'])
      .where('workspace_id', '=', workspaceId)
      .where('project_id', '=', projectId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('project_locations')
      .select(['organisation_id'])
      .where('workspace_id', '=', workspaceId)
      .where('project_id', '=', projectId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('project_budgets')
      .select(['kind', 'period_start', 'period_end', 'amount_minor', 'currency'])
      .where('workspace_id', '=', workspaceId)
      .where('project_id', '=', projectId)
      .orderBy('position')
      .execute(),
  ]);
  return {
    // numeric and smallint columns come back as text or numbers depending on the engine.
    sectors: sectors.map((s) => ({ code: s.code, percentage: Number(s.percentage) })),
    countries: countries.map((c) => ({ country: c.country, percentage: Number(c.percentage) })),
    participants: participants.map((p) => ({ organisation_id: p.organisation_id, role: Number(p.role) })),
    locations: locations.map((l) => ({ organisation_id: l.organisation_id })),
    budgets: budgets.map((b) => ({
      kind: Number(b.kind),
      period_start: b.period_start,
      period_end: b.period_end,
      amount_minor: Number(b.amount_minor),
      currency: b.currency,
    })),
  };
}

/** Replaces a project's repeated rows with the form's, inside the caller's transaction. */
export async function replaceProjectRows(
  trx: Db,
  workspaceId: string,
  projectId: string,
  rows: ProjectRows,
): Promise<void> {
  const key = { workspace_id: workspaceId, project_id: projectId };
  for (const table of [
    'project_sectors',
    'project_countries',
    'project_participants',
    'project_locations',
    'project_budgets',
  ] as const) {
    await trx
      .deleteFrom(table)
      .where('workspace_id', '=', workspaceId)
      .where('project_id', '=', projectId)
      .execute();
  }
  if (rows.sectors.length)
    await trx
      .insertInto('project_sectors')
      .values(rows.sectors.map((row, position) => ({ ...key, ...row, position })))
      .execute();
  if (rows.countries.length)
    await trx
      .insertInto('project_countries')
      .values(rows.countries.map((row, position) => ({ ...key, ...row, position })))
      .execute();
  if (rows.participants.length)
    await trx
      .insertInto('project_participants')
      .values(rows.participants.map((row, position) => ({ ...key, ...row, position })))
      .execute();
  if (rows.locations.length)
    await trx
      .insertInto('project_locations')
      .values(rows.locations.map((row, position) => ({ ...key, ...row, position })))
      .execute();
  if (rows.budgets.length)
    await trx
      .insertInto('project_budgets')
      .values(rows.budgets.map((row, position) => ({ ...key, ...row, position })))
      .execute();
}

/** The records that belong to a project and keep it out of the trash while they are live. */
export const PROJECT_CHILDREN = [
  'project_transactions',
  'project_updates',
  'project_results',
  'missions',
] as const;
export type ProjectChild = (typeof PROJECT_CHILDREN)[number];

/** How many live records of each kind a project has, in one query. */
export async function countLiveChildren(
  db: Db,
  workspaceId: string,
  projectId: string,
): Promise<Record<ProjectChild, number>> {
  const counts = await db
    .selectNoFrom((eb) =>
      PROJECT_CHILDREN.map((table) =>
        eb
          .selectFrom(table)
          .select((inner) => inner.fn.countAll<number>().as('count'))
          .where('workspace_id', '=', workspaceId)
          .where('project_id', '=', projectId)
          .where('deleted_at', 'is', null)
          .as(table),
      ),
    )
    .executeTakeFirstOrThrow();
  return Object.fromEntries(PROJECT_CHILDREN.map((table) => [table, Number(counts[table] ?? 0)])) as Record<
    ProjectChild,
    number
  >;
}

/**
 * The records that go to the trash with their project, in its deletion, and come back with it;
 * named as each module's audit trail names them. A mission is the partnership's, and stays.
 */
export const TRASHED_WITH_PROJECT = [
  { table: 'project_transactions', recordType: 'project_transaction' },
  { table: 'project_updates', recordType: 'project_update' },
  { table: 'project_results', recordType: 'project_result' },
] as const;
export type TrashedWithProject = (typeof TRASHED_WITH_PROJECT)[number]['table'];

/** A project's live records of one kind that go to the trash with it, whole (for the audit trail). */
export async function findLiveRowsOfProject(
  db: Db,
  workspaceId: string,
  table: TrashedWithProject,
  projectId: string,
) {
  return db
    .selectFrom(table as 'project_transactions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .execute();
}

/**
 * Trashed projects that nothing points to any more (their children are purged first; a mission
 * keeps its partnership when its project goes).
 */
export async function findPurgeableProjects(db: Db, workspaceId: string): Promise<Project[]> {
  let query = db
    .selectFrom('projects')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null);
  for (const table of ['project_transactions', 'project_updates', 'project_results'] as const)
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom(table).select(`${table}.id`).whereRef(`${table}.project_id`, '=', 'projects.id')),
      ),
    );
  return query.execute();
}
