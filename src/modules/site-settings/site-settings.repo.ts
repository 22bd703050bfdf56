import type { Db } from '../../db/database.js';
import type { SiteLink, SiteSettings, ToolKind, Workspace } from '../../db/schema.js';

export interface EditableSettingsFields {
  site_name: string;
  tools: ToolKind[];
  misc_links: SiteLink[];
  publisher_name: string;
  publisher_address: string;
  publication_director: string;
  hosting_provider: string;
  contact_email: string;
}

export async function findSettingsRow(db: Db, workspaceId: string): Promise<SiteSettings | undefined> {
  return db
    .selectFrom('site_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** The workspace as it is now, locked until the transaction ends: two saves do not interleave. */
export async function findWorkspaceForUpdate(db: Db, workspaceId: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).forUpdate().executeTakeFirst();
}

/** Saves the settings of a workspace, whether it had a row already or not. */
export async function upsertSettingsRow(
  db: Db,
  workspaceId: string,
  values: EditableSettingsFields & { updated_at: Date },
): Promise<SiteSettings> {
  const row = {
    ...values,
    tools: JSON.stringify(values.tools),
    misc_links: JSON.stringify(values.misc_links),
  };
  return db
    .insertInto('site_settings')
    .values({ workspace_id: workspaceId, ...row })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(row))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateWorkspaceHostNames(
  db: Db,
  workspaceId: string,
  hostNames: string[],
): Promise<Workspace> {
  return db
    .updateTable('workspaces')
    .set({ host_names: hostNames })
    .where('id', '=', workspaceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Of these host names, the ones another workspace already answers on. */
export async function findHostNamesTakenElsewhere(
  db: Db,
  workspaceId: string,
  hostNames: string[],
): Promise<string[]> {
  if (hostNames.length === 0) return [];
  const rows = await db
    .selectFrom('workspaces')
    .select('host_names')
    .where('id', '!=', workspaceId)
    .execute();
  const taken = new Set(rows.flatMap((row) => row.host_names));
  return hostNames.filter((host) => taken.has(host));
}
