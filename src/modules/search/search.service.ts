import type { Db } from '../../db/database.js';
import { messages } from '../../platform/i18n/fr.js';
import type { PublicSite } from '../content/content.service.js';
import { ancestryOf } from '../content/page-tree.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, searchPublishedPages } from './search.repo.js';

export const MAX_QUERY_LENGTH = 200;
const MAX_RESULTS = 50;

/** A piece of text, highlighted where it matched the query. */
export type Highlighted = Array<{ text: string; match: boolean }>;

export interface SearchHit {
  href: string;
  title: Highlighted;
  extract: Highlighted;
  /** Accueil › Section › Page: where the page sits, so a reader can tell two hits apart. */
  trail: string[];
}

export type SearchOutcome =
  | { kind: 'empty' }
  | { kind: 'too_long' }
  | { kind: 'results'; query: string; hits: SearchHit[] };

export function splitHighlights(text: string): Highlighted {
  const parts: Highlighted = [];
  let match = false;
  let buffer = '';
  for (const char of text) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      if (buffer) parts.push({ text: buffer, match });
      buffer = '';
      match = char === HIGHLIGHT_START;
    } else {
      buffer += char;
    }
  }
  if (buffer) parts.push({ text: buffer, match });
  return parts;
}

/** Control characters would break the highlight markers; they mean nothing in a query. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function cleanQuery(raw: string): string {
  return raw.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

export async function searchSite(db: Db, site: PublicSite, rawQuery: string): Promise<SearchOutcome> {
  const query = cleanQuery(rawQuery);
  if (!query) return { kind: 'empty' };
  if (query.length > MAX_QUERY_LENGTH) return { kind: 'too_long' };
  const rows = await searchPublishedPages(db, site.workspace.id, query, MAX_RESULTS);
  const hits: SearchHit[] = [];
  for (const row of rows) {
    // A page published under an unpublished parent is not on the public site.
    const node = site.tree.byId.get(row.id);
    if (!node) continue;
    hits.push({
      href: node.path,
      title: splitHighlights(row.title_headline),
      extract: splitHighlights(row.body_headline),
      // Named as the page's own breadcrumb names them, so a reader recognises the trail there.
      trail: ancestryOf(node).map((page) => (page.depth === 0 ? messages.site.breadcrumbHome : page.title)),
    });
  }
  return { kind: 'results', query, hits };
}
