import type { Db } from '../../db/database.js';
import type { ContactCard } from '../../db/schema.js';

export type EditableContactCardFields = Pick<
  ContactCard,
  'service_name' | 'person_name' | 'organisation_name' | 'phone' | 'email' | 'address' | 'position'
>;

/** Every live card of the workspace, in the order of the public contact page. */
export async function findLiveContactCards(db: Db, workspaceId: string): Promise<ContactCard[]> {
  return db
    .selectFrom('contact_cards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('service_name')
    .execute();
}

export async function findLiveContactCard(
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

export async function insertContactCard(
  db: Db,
  values: EditableContactCardFields & { workspace_id: string; created_at: Date; updated_at: Date },
): Promise<ContactCard> {
  return db.insertInto('contact_cards').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateContactCard(
  db: Db,
  workspaceId: string,
  cardId: string,
  values: EditableContactCardFields & { updated_at: Date },
): Promise<ContactCard> {
  return db
    .updateTable('contact_cards')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', cardId)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many live pages show each card, for the list. */
export async function countLivePagesPerContactCard(
  db: Db,
  workspaceId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('pages')
    .select((eb) => ['contact_card_id', eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('contact_card_id', 'is not', null)
    .groupBy('contact_card_id')
    .execute();
  return new Map(rows.map((row) => [row.contact_card_id as string, Number(row.count)]));
}

/** Live pages that show this card under their text. */
export async function findLivePagesUsingContactCard(
  db: Db,
  workspaceId: string,
  cardId: string,
): Promise<Array<{ id: string; title: string }>> {
  return db
    .selectFrom('pages')
    .select(['id', 'title'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_card_id', '=', cardId)
    .where('deleted_at', 'is', null)
    .orderBy('title')
    .execute();
}

/**
 * Trashed cards that no page row points to any more (live or trashed): only those can go for
 * good, since `pages.contact_card_id` references them.
 */
export async function findPurgeableContactCards(db: Db, workspaceId: string): Promise<ContactCard[]> {
  return db
    .selectFrom('contact_cards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('pages').select('pages.id').whereRef('pages.contact_card_id', '=', 'contact_cards.id'),
        ),
      ),
    )
    .execute();
}

export async function deleteContactCardsForGood(
  db: Db,
  workspaceId: string,
  cardIds: string[],
): Promise<void> {
  if (cardIds.length === 0) return;
  await db
    .deleteFrom('contact_cards')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .where('id', 'in', cardIds)
    .execute();
}
