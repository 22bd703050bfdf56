import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Workspace } from '../../db/schema.js';

/** Workspaces with their host names, the first added first. */
function selectWorkspaces(db: Db) {
  return db
    .selectFrom('workspaces')
    .select([
      'workspaces.id',
      'workspaces.slug',
      'workspaces.name',
      'workspaces.is_default',
      'workspaces.organisation_id',
      'workspaces.created_at',
    ])
    .select(
      sql<string[]>`array(SELECT h.host_name FROM workspace_hosts h
                           WHERE h.workspace_id = workspaces.id ORDER BY h.position)`.as('host_names'),
    );
}

/** The workspace that lists this host name, or else the default one. */
export async function findWorkspaceForHost(db: Db, hostName: string): Promise<Workspace | undefined> {
  return selectWorkspaces(db)
    .where((eb) =>
      eb.or([
        eb(
          'workspaces.id',
          '=',
          eb.selectFrom('workspace_hosts').select('workspace_id').where('host_name', '=', hostName),
        ),
        eb('workspaces.is_default', '=', true),
      ]),
    )
    .orderBy('workspaces.is_default', 'asc')
    .limit(1)
    .executeTakeFirst();
}

/** Every workspace with its host names: the directory the server keeps in memory. */
export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  return selectWorkspaces(db).execute();
}

export async function countWorkspaces(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

export async function findWorkspaceBySlug(db: Db, slug: string): Promise<Workspace | undefined> {
  return selectWorkspaces(db).where('workspaces.slug', '=', slug).executeTakeFirst();
}

export async function findWorkspaceById(db: Db, workspaceId: string): Promise<Workspace | undefined> {
  return selectWorkspaces(db).where('workspaces.id', '=', workspaceId).executeTakeFirst();
}

/** The workspace, locked until the transaction ends: two changes of its hosts do not interleave. */
export async function findWorkspaceForUpdate(db: Db, workspaceId: string): Promise<Workspace | undefined> {
  return selectWorkspaces(db).where('workspaces.id', '=', workspaceId).forUpdate().executeTakeFirst();
}

export async function insertWorkspace(
  db: Db,
  values: { slug: string; name: string; is_default: boolean },
): Promise<Workspace> {
  const row = await db.insertInto('workspaces').values(values).returningAll().executeTakeFirstOrThrow();
  return { ...row, host_names: [] };
}

/** The workspace a host name leads to, if any. */
export async function findHostOwner(
  db: Db,
  hostName: string,
): Promise<Pick<Workspace, 'id' | 'name'> | undefined> {
  return db
    .selectFrom('workspace_hosts')
    .innerJoin('workspaces', 'workspaces.id', 'workspace_hosts.workspace_id')
    .select(['workspaces.id', 'workspaces.name'])
    .where('workspace_hosts.host_name', '=', hostName)
    .executeTakeFirst();
}

export async function insertWorkspaceHost(
  db: Db,
  values: { host_name: string; workspace_id: string; added_at: Date },
): Promise<void> {
  await db.insertInto('workspace_hosts').values(values).execute();
}

/** Removes a host name from a workspace: true when it was there. */
export async function deleteWorkspaceHost(db: Db, workspaceId: string, hostName: string): Promise<boolean> {
  const result = await db
    .deleteFrom('workspace_hosts')
    .where('workspace_id', '=', workspaceId)
    .where('host_name', '=', hostName)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
