import { type Kysely, sql } from 'kysely';

/**
 * The plain text a page is searched by no longer carries the editor's codes (`{{figure:…}}`):
 * pages saved before step 4 kept them, so a search for an image's name found the pages that place
 * it. Their text is cleaned once here; the search vector, generated from it, follows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE pages
    SET body_text = btrim(regexp_replace(body_text, '[{][{][^{}]*[}][}]', ' ', 'g'))
    WHERE body_text LIKE '%{{%}}%'`.execute(db);
}

/** Nothing to put back: the codes never belonged to the searchable text. */
export async function down(): Promise<void> {}
