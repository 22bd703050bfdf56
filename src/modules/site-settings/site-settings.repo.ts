import type { Db } from '../../db/database.js';
import type { SiteLink, SiteSettings, ToolKind } from '../../db/schema.js';

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
