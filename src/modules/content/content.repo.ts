import type { Db } from '../../db/database.js';
import type { SiteSettings } from '../../db/schema.js';

/** The site's settings as the public site reads them (pages are read through the pages module). */
export async function findSiteSettings(db: Db, workspaceId: string): Promise<SiteSettings | undefined> {
  return db
    .selectFrom('site_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}
