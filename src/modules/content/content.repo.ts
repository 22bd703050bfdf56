import type { Db } from '../../db/database.js';
import type { Page, SiteSettings } from '../../db/schema.js';

export type PageSummary = Pick<
  Page,
  'id' | 'parent_id' | 'slug' | 'title' | 'position' | 'status' | 'updated_at' | 'published_at'
>;

export async function findPublishedPageSummaries(db: Db, workspaceId: string): Promise<PageSummary[]> {
  return db
    .selectFrom('pages')
    .select(['id', 'parent_id', 'slug', 'title', 'position', 'status', 'updated_at', 'published_at'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('title')
    .execute();
}

export async function findPageById(db: Db, workspaceId: string, pageId: string): Promise<Page | undefined> {
  return db
    .selectFrom('pages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pageId)
    .executeTakeFirst();
}

export async function findSiteSettings(db: Db, workspaceId: string): Promise<SiteSettings | undefined> {
  return db
    .selectFrom('site_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** What the list of a page's sub-pages shows of each: its summary, and its first image. */
export async function findPublishedChildren(
  db: Db,
  workspaceId: string,
  parentId: string,
): Promise<Array<Pick<Page, 'id' | 'summary' | 'body_markdown'>>> {
  return db
    .selectFrom('pages')
    .select(['id', 'summary', 'body_markdown'])
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', '=', parentId)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .execute();
}
