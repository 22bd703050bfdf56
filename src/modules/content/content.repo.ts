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

/**
 * What a public page shows of its row, its body aside (read once per publication version, see
 * findPublicPageBody): the one query of a public page in the common case, kept small because on
 * the embedded database each column read costs.
 */
export type PublicPageRow = Pick<
  Page,
  'id' | 'title' | 'summary' | 'status' | 'contact_card_id' | 'updated_at' | 'published_at'
>;

/** The page, if it is published and not in the trash. */
export async function findPublicPageRow(
  db: Db,
  workspaceId: string,
  pageId: string,
): Promise<PublicPageRow | undefined> {
  return db
    .selectFrom('pages')
    .select(['id', 'title', 'summary', 'status', 'contact_card_id', 'updated_at', 'published_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pageId)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The Markdown body of a published page. */
export async function findPublicPageBody(db: Db, workspaceId: string, pageId: string): Promise<string> {
  const row = await db
    .selectFrom('pages')
    .select('body_markdown')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pageId)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.body_markdown ?? '';
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
