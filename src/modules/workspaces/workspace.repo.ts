import type { Db } from '../../db/database.js';
import type { Workspace } from '../../db/schema.js';

/** The workspace that lists this host name, or else the default one. */
export async function findWorkspaceForHost(db: Db, hostName: string): Promise<Workspace | undefined> {
  return db
    .selectFrom('workspaces')
    .selectAll()
    .where((eb) => eb.or([eb(eb.val(hostName), '=', eb.fn.any('host_names')), eb('is_default', '=', true)]))
    .orderBy('is_default', 'asc')
    .limit(1)
    .executeTakeFirst();
}

export async function countWorkspaces(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

export async function findWorkspaceBySlug(db: Db, slug: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertWorkspace(
  db: Db,
  values: { slug: string; name: string; host_names: string[]; is_default: boolean },
): Promise<Workspace> {
  return db.insertInto('workspaces').values(values).returningAll().executeTakeFirstOrThrow();
}
