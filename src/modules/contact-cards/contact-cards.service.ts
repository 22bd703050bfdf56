import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { ContactCard } from '../../db/schema.js';
import {
  clearDeletion,
  findRowsOfDeletion,
  findTrashedSingles,
  markDeleted,
  type TrashedGroup,
} from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { changesNothing, refuseStaleSave } from '../../platform/versions.js';
import {
  countLivePagesPerContactCard,
  deleteContactCardsForGood,
  findLiveContactCard,
  findLiveContactCards,
  findLivePagesUsingContactCard,
  findPurgeableContactCards,
  insertContactCard,
  updateContactCard as updateContactCardRow,
} from './contact-cards.repo.js';
import { type ContactCardForm, contactCardFields } from './contact-cards.schemas.js';

export interface ContactCardsDeps {
  db: Db;
  clock: Clock;
}

export const CONTACT_CARD_RECORD_TYPE = 'contact_card';

export interface ContactCardListItem {
  card: ContactCard;
  /** Live pages that show the card under their text. */
  pageCount: number;
}

/** What the public site may show: live cards of the workspace, no actor needed. */
export async function listPublicContactCards(db: Db, workspaceId: string): Promise<ContactCard[]> {
  return findLiveContactCards(db, workspaceId);
}

export async function findPublicContactCard(db: Db, workspaceId: string, cardId: string) {
  return findLiveContactCard(db, workspaceId, cardId);
}

export async function listContactCards(deps: ContactCardsDeps, actor: Actor): Promise<ContactCardListItem[]> {
  assertMay(actor, 'content.read');
  const [cards, counts] = await Promise.all([
    findLiveContactCards(deps.db, actor.workspace.id),
    countLivePagesPerContactCard(deps.db, actor.workspace.id),
  ]);
  return cards.map((card) => ({ card, pageCount: counts.get(card.id) ?? 0 }));
}

export async function getContactCard(
  deps: ContactCardsDeps,
  actor: Actor,
  cardId: string,
): Promise<ContactCard> {
  assertMay(actor, 'content.read');
  const card = await findLiveContactCard(deps.db, actor.workspace.id, cardId);
  if (!card) throw new NotFoundError(messages.notFound.lead);
  return card;
}

function editableFields(form: ContactCardForm) {
  return {
    service_name: form.service_name,
    person_name: form.person_name,
    organisation_name: form.organisation_name,
    phone: form.phone,
    email: form.email,
    address: form.address,
    position: form.position,
  };
}

/** A card is public as soon as it is saved: creating one is publishing, which a contributor may not do. */
export async function createContactCard(
  deps: ContactCardsDeps,
  actor: Actor,
  form: ContactCardForm,
): Promise<ContactCard> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const card = await insertContactCard(trx, {
      workspace_id: actor.workspace.id,
      ...editableFields(form),
      created_at: now,
      updated_at: now,
    });
    await recordChange(trx, actor, CONTACT_CARD_RECORD_TYPE, 'create', card.id, null, card, now);
    return card;
  });
}

/** What the edit form changes, in its order: what a refused save lists as changed meanwhile. */
const CONTACT_CARD_FORM_FIELDS = contactCardFields.filter((field) => field !== 'version');

export async function updateContactCard(
  deps: ContactCardsDeps,
  actor: Actor,
  cardId: string,
  form: ContactCardForm,
): Promise<ContactCard> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findLiveContactCard(trx, actor.workspace.id, cardId);
    if (!before) throw new NotFoundError(messages.notFound.lead);
    await refuseStaleSave(trx, {
      table: 'contact_cards',
      key: { id: cardId },
      workspaceId: actor.workspace.id,
      recordType: CONTACT_CARD_RECORD_TYPE,
      recordId: cardId,
      openedVersion: form.version,
      fields: CONTACT_CARD_FORM_FIELDS,
    });
    // Saving a form without a change records nothing: no version, no history line.
    if (changesNothing(before, editableFields(form))) return before;
    const after = await updateContactCardRow(trx, actor.workspace.id, cardId, {
      ...editableFields(form),
      updated_at: now,
    });
    await recordChange(trx, actor, CONTACT_CARD_RECORD_TYPE, 'update', cardId, before, after, now);
    return after;
  });
}

export interface ContactCardDeletionPlan {
  card: ContactCard;
  /** Live pages that show the card: while there is one, deletion is refused. */
  usedBy: Array<{ id: string; title: string }>;
}

export async function planContactCardDeletion(
  deps: ContactCardsDeps,
  actor: Actor,
  cardId: string,
): Promise<ContactCardDeletionPlan> {
  assertMay(actor, 'content.delete');
  return planWith(deps.db, actor, cardId);
}

async function planWith(db: Db, actor: Actor, cardId: string): Promise<ContactCardDeletionPlan> {
  const card = await findLiveContactCard(db, actor.workspace.id, cardId);
  if (!card) throw new NotFoundError(messages.notFound.lead);
  return { card, usedBy: await findLivePagesUsingContactCard(db, actor.workspace.id, cardId) };
}

export async function deleteContactCard(deps: ContactCardsDeps, actor: Actor, cardId: string): Promise<void> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const plan = await planWith(trx, actor, cardId);
    if (plan.usedBy.length > 0) throw new RuleError('card', messages.contactCards.deleteRefused);
    const deletionId = randomUUID();
    await markDeleted(trx, 'contact_cards', actor.workspace.id, [cardId], {
      deletionId,
      at: now,
      by: actor.user.id,
    });
    await recordChange(
      trx,
      actor,
      CONTACT_CARD_RECORD_TYPE,
      'delete',
      cardId,
      plan.card,
      { ...plan.card, deleted_at: now, deletion_id: deletionId },
      now,
    );
  });
}

export async function listTrashedContactCards(deps: ContactCardsDeps, actor: Actor): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'contact_cards', 'service_name', actor.workspace.id);
}

/** Brings back the card of one deletion, as it was; 0 when the deletion holds no card. */
export async function restoreContactCardDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  const cards = await findRowsOfDeletion(trx, 'contact_cards', actor.workspace.id, deletionId);
  if (cards.length === 0) return 0;
  await clearDeletion(trx, 'contact_cards', actor.workspace.id, deletionId, now);
  for (const card of cards) {
    await recordChange(
      trx,
      actor,
      CONTACT_CARD_RECORD_TYPE,
      'restore',
      card.id,
      card,
      { ...card, deleted_at: null, deletion_id: null },
      now,
    );
  }
  return cards.length;
}

/**
 * Removes trashed cards for good. A card that a page still points to (a page in the trash, or one
 * restored since) stays in the trash: purge the pages first (see trash.service).
 */
export async function purgeContactCards(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  const cards = await findPurgeableContactCards(trx, actor.workspace.id);
  for (const card of cards)
    await recordChange(trx, actor, CONTACT_CARD_RECORD_TYPE, 'purge', card.id, card, null, now);
  await deleteContactCardsForGood(
    trx,
    actor.workspace.id,
    cards.map((card) => card.id),
  );
  return cards.length;
}
