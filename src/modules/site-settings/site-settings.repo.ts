import type { Db } from '../../db/database.js';
import type { SiteLink, SiteSettings, ToolKind } from '../../db/schema.js';

export interface EditableSettingsFields {
  site_name: string;
  tools: ToolKind[];
  misc_links: SiteLink[];
  logo_media_id: string | null;
  main_colour: string | null;
  banner_media_id: string | null;
  presentation: string;
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

/** Which identity settings of the workspace point to this image: its logo, its banner. */
export async function findIdentityUsesOfMedia(
  db: Db,
  workspaceId: string,
  mediaId: string,
): Promise<{ logo: boolean; banner: boolean }> {
  const row = await db
    .selectFrom('site_settings')
    .select(['logo_media_id', 'banner_media_id'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('logo_media_id', '=', mediaId), eb('banner_media_id', '=', mediaId)]))
    .executeTakeFirst();
  return { logo: row?.logo_media_id === mediaId, banner: row?.banner_media_id === mediaId };
}
