import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ContactCard, Page } from '../../db/schema.js';
import type { TrashedGroup } from '../../db/trash.repo.js';

export type EditablePageFields = Pick<
  Page,
  'parent_id' | 'slug' | 'title' | 'summary' | 'body_markdown' | 'body_text' | 'position' | 'contact_card_id'
>;

/** Every live page of the workspace, drafts included, for the back office. */
export async function findLivePages(db: Db, workspaceId: string): Promise<Page[]> {
  return db
    .selectFrom('pages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('title')
    .execute();
}

export async function findLivePage(db: Db, workspaceId: string, pageId: string): Promise<Page | undefined> {
  return db
    .selectFrom('pages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pageId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertPage(
  db: Db,
  values: EditablePageFields & { workspace_id: string; status: 'draft'; created_at: Date; updated_at: Date },
): Promise<Page> {
  return db.insertInto('pages').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updatePage(
  db: Db,
  workspaceId: string,
  pageId: string,
  values: Partial<EditablePageFields & Pick<Page, 'status' | 'published_at'>> & { updated_at: Date },
): Promise<Page> {
  return db
    .updateTable('pages')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pageId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The page and every live page under it, the page first. */
export async function findLiveSubtree(db: Db, workspaceId: string, pageId: string): Promise<Page[]> {
  const result = await sql<Page & { depth: number }>`
    WITH RECURSIVE subtree AS (
      SELECT p.*, 0 AS depth FROM pages p
       WHERE p.workspace_id = ${workspaceId} AND p.id = ${pageId} AND p.deleted_at IS NULL
      UNION ALL
      SELECT c.*, s.depth + 1 FROM pages c
        JOIN subtree s ON c.parent_id = s.id
       WHERE c.deleted_at IS NULL
    )
    SELECT * FROM subtree ORDER BY depth, position, title`.execute(db);
  return result.rows.map(({ depth: _depth, ...page }) => page);
}

/** One row per deletion: the page that was deleted (the top of its subtree) and how many went with it. */
export async function findTrashedPageGroups(db: Db, workspaceId: string): Promise<TrashedGroup[]> {
  const result = await sql<TrashedGroup>`
    SELECT p.deletion_id,
           (array_agg(p.title ORDER BY (parent.deletion_id IS DISTINCT FROM p.deletion_id) DESC, p.title))[1] AS title,
           count(*)::int AS count,
           max(p.deleted_at) AS deleted_at,
           max(u.display_name) AS deleted_by_name
      FROM pages p
      LEFT JOIN pages parent ON parent.id = p.parent_id
      LEFT JOIN users u ON u.id = p.deleted_by
     WHERE p.workspace_id = ${workspaceId} AND p.deleted_at IS NOT NULL
     GROUP BY p.deletion_id
     ORDER BY max(p.deleted_at) DESC`.execute(db);
  return result.rows;
}

/** Removes trashed pages for good, deepest first so no row is left pointing at a removed parent. */
export async function purgeTrashedPages(db: Db, workspaceId: string): Promise<void> {
  for (;;) {
    const result = await sql`
      DELETE FROM pages p
       WHERE p.workspace_id = ${workspaceId} AND p.deleted_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM pages c WHERE c.parent_id = p.id)`.execute(db);
    if (Number(result.numAffectedRows ?? 0) === 0) return;
  }
}

export async function isSlugTaken(
  db: Db,
  parentId: string,
  slug: string,
  exceptPageId: string | null,
): Promise<boolean> {
  let query = db
    .selectFrom('pages')
    .select('id')
    .where('parent_id', '=', parentId)
    .where('slug', '=', slug)
    .where('deleted_at', 'is', null);
  if (exceptPageId) query = query.where('id', '!=', exceptPageId);
  return !!(await query.executeTakeFirst());
}

/**
 * The contact card of this id in the workspace, live or in the trash (a card a page points to is
 * never purged), or undefined.
 */
export async function findContactCardAnyState(
  db: Db,
  workspaceId: string,
  cardId: string,
): Promise<Pick<ContactCard, 'service_name' | 'deleted_at'> | undefined> {
  return db
    .selectFrom('contact_cards')
    .select(['service_name', 'deleted_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', cardId)
    .executeTakeFirst();
}

/** Whether a live image of the workspace has this name: what `{{figure:name}}` places. */
export async function isLiveMediaName(db: Db, workspaceId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('media')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

// What the public site reads: published pages only, in as few columns as it needs.

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

/** The live pages a queued job of `jobKind` will publish, with the time it runs, soonest first. */
export async function findScheduledPublications(
  db: Db,
  workspaceId: string,
  jobKind: string,
): Promise<Array<{ id: string; title: string; at: Date }>> {
  return db
    .selectFrom('jobs')
    .innerJoin('pages', (join) =>
      join
        .onRef('pages.workspace_id', '=', 'jobs.workspace_id')
        .on((eb) =>
          eb(
            eb.cast(eb.ref('pages.id'), 'text'),
            '=',
            eb.fn('jsonb_extract_path_text', ['jobs.payload', eb.val('pageId')]),
          ),
        ),
    )
    .select(['pages.id as id', 'pages.title as title', 'jobs.run_at as at'])
    .where('jobs.workspace_id', '=', workspaceId)
    .where('jobs.kind', '=', jobKind)
    .where('jobs.state', '=', 'queued')
    .where('pages.deleted_at', 'is', null)
    .orderBy('jobs.run_at')
    .execute();
}
