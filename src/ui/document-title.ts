/** What a browser tab, a bookmark and a search result can show of a title, as html-validate holds. */
export const MAX_DOCUMENT_TITLE = 150;

/**
 * The <title> of a page: what it is first, then where (the back office, the site), joined by
 * dashes. A long record title (up to 200 characters) is cut with an ellipsis so that the whole
 * stays within MAX_DOCUMENT_TITLE and the site's name is still read.
 */
export function documentTitle(first: string, ...rest: string[]): string {
  const tail = rest.map((part) => ` – ${part}`).join('');
  const room = MAX_DOCUMENT_TITLE - tail.length;
  const head = first.length <= room ? first : `${first.slice(0, Math.max(room - 1, 1)).trimEnd()}…`;
  return `${head}${tail}`;
}
