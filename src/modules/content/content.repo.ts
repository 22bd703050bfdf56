import type { Db } from '../../db/database.js';
import type { ContactCard, Media, Page, SiteSettings } from '../../db/schema.js';

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

export async function findMediaByNames(db: Db, workspaceId: string, names: string[]): Promise<Media[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', 'in', names)
    .where('deleted_at', 'is', null)
    .execute();
}

export async function findMediaById(
  db: Db,
  workspaceId: string,
  mediaId: string,
): Promise<Media | undefined> {
  return db
    .selectFrom('media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mediaId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findContactCard(
  db: Db,
  workspaceId: string,
  cardId: string,
): Promise<ContactCard | undefined> {
  return db
    .selectFrom('contact_cards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', cardId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findContactCards(db: Db, workspaceId: string): Promise<ContactCard[]> {
  return db
    .selectFrom('contact_cards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('service_name')
    .execute();
}

export async function findSiteSettings(db: Db, workspaceId: string): Promise<SiteSettings | undefined> {
  return db
    .selectFrom('site_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}
