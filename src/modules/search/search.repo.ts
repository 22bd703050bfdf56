import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface PageSearchRow {
  id: string;
  title_headline: string;
  body_headline: string;
  rank: number;
}

/** Markers that cannot occur in stored text; the view turns them into <mark> after escaping. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** An editor's code such as `{{figure:ecole}}`, in PostgreSQL's regular expression syntax. */
const EDITOR_CODE_PATTERN = '\\{\\{[^{}]*\\}\\}';

/**
 * Published pages matching a web-style query (quoted phrases, "or", "-word"), with French
 * stemming and no accents, ranked by where the words are (title > summary > body).
 */
export async function searchPublishedPages(
  db: Db,
  workspaceId: string,
  query: string,
  limit: number,
): Promise<PageSearchRow[]> {
  // Rows saved before markdownToPlainText left out editor codes still hold them: never quote one.
  const text = sql`regexp_replace(CASE WHEN p.summary = '' THEN p.body_text ELSE p.summary || ' ' || p.body_text END, ${EDITOR_CODE_PATTERN}, ' ', 'g')`;
  const options = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
  const result = await sql<PageSearchRow>`
    SELECT p.id,
           ts_headline('fr_unaccent', p.title, q, ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`}) AS title_headline,
           ts_headline('fr_unaccent', ${text}, q, ${options}) AS body_headline,
           ts_rank_cd(p.search_vector, q) AS rank
      FROM pages p, websearch_to_tsquery('fr_unaccent', ${query}) AS q
     WHERE p.workspace_id = ${workspaceId}
       AND p.status = 'published'
       AND p.deleted_at IS NULL
       AND p.search_vector @@ q
     ORDER BY rank DESC, p.title
     LIMIT ${limit}`.execute(db);
  return result.rows;
}
