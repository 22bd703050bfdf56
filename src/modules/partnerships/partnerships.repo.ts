import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Partnership, PartnershipsTable } from '../../db/schema.js';
import type { TrashedGroup } from '../../db/trash.repo.js';

export type PartnershipValues = Omit<
  Insertable<PartnershipsTable>,
  | 'id'
  | 'workspace_id'
  | 'created_at'
  | 'updated_at'
  | 'deleted_at'
  | 'deleted_by'
  | 'deletion_id'
  | 'shared_with_partner'
>;

export type PartnershipRow = Partnership & {
  local_name: string;
  partner_name: string;
  partner_kind: string;
  convention_count: number;
  project_count: number;
  mission_count: number;
};

function selectPartnerships(db: Db, workspaceId: string) {
  return db
    .selectFrom('partnerships as p')
    .innerJoin('organisations as local', 'local.id', 'p.local_organisation_id')
    .innerJoin('organisations as partner', 'partner.id', 'p.partner_organisation_id')
    .selectAll('p')
    .select(['local.name as local_name', 'partner.name as partner_name', 'partner.kind as partner_kind'])
    .select((eb) =>
      eb
        .selectFrom('conventions as c')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('c.partnership_id', '=', 'p.id')
        .where('c.deleted_at', 'is', null)
        .as('convention_count'),
    )
    .select((eb) =>
      eb
        .selectFrom('projects as pr')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('pr.partnership_id', '=', 'p.id')
        .where('pr.deleted_at', 'is', null)
        .as('project_count'),
    )
    .select((eb) =>
      eb
        .selectFrom('missions as mi')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('mi.partnership_id', '=', 'p.id')
        .where('mi.deleted_at', 'is', null)
        .as('mission_count'),
    )
    .where('p.workspace_id', '=', workspaceId)
    .where('p.deleted_at', 'is', null);
}

const withCounts = <
  Row extends { convention_count: unknown; project_count: unknown; mission_count: unknown },
>(
  row: Row,
) => ({
  ...row,
  convention_count: Number(row.convention_count ?? 0),
  project_count: Number(row.project_count ?? 0),
  mission_count: Number(row.mission_count ?? 0),
});

/** Live partnerships; for a partner, only those shared with its organisation. */
export async function findLivePartnerships(
  db: Db,
  workspaceId: string,
  sharedWith?: string,
): Promise<PartnershipRow[]> {
  let query = selectPartnerships(db, workspaceId);
  if (sharedWith !== undefined)
    query = query
      .where('p.shared_with_partner', '=', true)
      .where('p.partner_organisation_id', '=', sharedWith);
  const rows = await query.orderBy('partner.name').execute();
  return rows.map(withCounts);
}

export async function findLivePartnership(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<PartnershipRow | undefined> {
  const row = await selectPartnerships(db, workspaceId).where('p.id', '=', id).executeTakeFirst();
  return row ? withCounts(row) : undefined;
}

export async function insertPartnership(
  db: Db,
  values: PartnershipValues & { workspace_id: string; created_at: Date; updated_at: Date },
): Promise<Partnership> {
  return db.insertInto('partnerships').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updatePartnershipRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: Partial<PartnershipValues> & { updated_at: Date; shared_with_partner?: boolean },
): Promise<Partnership> {
  return db
    .updateTable('partnerships')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Active partner accounts of the workspace that represent this organisation. */
export async function countPartnerAccounts(
  db: Db,
  workspaceId: string,
  organisationId: string,
): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'partner')
    .where('deactivated_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findPurgeablePartnerships(db: Db, workspaceId: string): Promise<Partnership[]> {
  return db
    .selectFrom('partnerships')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('conventions')
            .select('conventions.id')
            .whereRef('conventions.partnership_id', '=', 'partnerships.id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('projects')
            .select('projects.id')
            .whereRef('projects.partnership_id', '=', 'partnerships.id'),
        ),
      ),
    )
    .execute();
}

/** One row per deletion of partnerships, titled by the partner's name (a partnership has no title of its own). */
export async function findTrashedPartnerships(db: Db, workspaceId: string): Promise<TrashedGroup[]> {
  const result = await sql<TrashedGroup>`
    SELECT p.deletion_id,
           min(o.name) AS title,
           count(*)::int AS count,
           max(p.deleted_at) AS deleted_at,
           max(u.display_name) AS deleted_by_name
      FROM partnerships p
      JOIN organisations o ON o.id = p.partner_organisation_id
      LEFT JOIN users u ON u.id = p.deleted_by
     WHERE p.workspace_id = ${workspaceId} AND p.deleted_at IS NOT NULL
     GROUP BY p.deletion_id
     ORDER BY max(p.deleted_at) DESC`.execute(db);
  return result.rows;
}
