import type { Db } from '../../db/database.js';
import type { TrashedGroup } from '../../db/trash.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import type { FileStorage } from '../../platform/storage.js';
import {
  listTrashedContactCards,
  purgeContactCards,
  restoreContactCardDeletion,
} from '../contact-cards/contact-cards.service.js';
import {
  listTrashedConventions,
  purgeConventions,
  restoreConventionDeletion,
} from '../conventions/conventions.service.js';
import {
  listTrashedDocuments,
  purgeDocuments,
  restoreDocumentDeletion,
} from '../documents/documents.service.js';
import {
  listTrashedMedia,
  purgeMedia,
  removeMediaFiles,
  restoreMediaDeletion,
} from '../media/media.service.js';
import { listTrashedMissions, purgeMissions, restoreMissionDeletion } from '../missions/missions.service.js';
import {
  listTrashedOrganisations,
  purgeOrganisations,
  restoreOrganisationDeletion,
} from '../organisations/organisations.service.js';
import { listTrashedPages, purgePages, restorePageDeletion } from '../pages/pages.service.js';
import {
  listTrashedPartnerships,
  purgePartnerships,
  restorePartnershipDeletion,
} from '../partnerships/partnerships.service.js';
import {
  listTrashedUpdates,
  purgeUpdates,
  restoreUpdateDeletion,
} from '../project-updates/project-updates.service.js';
import { listTrashedProjects, purgeProjects, restoreProjectDeletion } from '../projects/projects.service.js';
import { listTrashedResults, purgeResults, restoreResultDeletion } from '../results/results.service.js';
import {
  listTrashedTransactions,
  purgeTransactions,
  restoreTransactionDeletion,
} from '../transactions/transactions.service.js';

export interface TrashDeps {
  db: Db;
  clock: Clock;
  storage: FileStorage;
}

export type TrashKind =
  | 'page'
  | 'media'
  | 'document'
  | 'contact_card'
  | 'organisation'
  | 'partnership'
  | 'convention'
  | 'project'
  | 'project_transaction'
  | 'project_update'
  | 'project_result'
  | 'mission';

/** One deletion as the trash lists it: what was deleted, with what, when, by whom. */
export interface TrashEntry {
  deletionId: string;
  kind: TrashKind;
  title: string;
  /** Records that went with it (a page's sub-pages). */
  companions: number;
  deletedAt: Date;
  deletedBy: string | null;
}

function entriesOf(kind: TrashKind, groups: TrashedGroup[]): TrashEntry[] {
  return groups.map((group) => ({
    deletionId: group.deletion_id,
    kind,
    title: group.title,
    companions: group.count - 1,
    deletedAt: group.deleted_at,
    deletedBy: group.deleted_by_name,
  }));
}

export async function listTrash(deps: TrashDeps, actor: Actor): Promise<TrashEntry[]> {
  assertMay(actor, 'content.read');
  const [
    pages,
    media,
    documents,
    cards,
    organisations,
    partnerships,
    conventions,
    projects,
    transactions,
    updates,
    results,
    missions,
  ] = await Promise.all([
    listTrashedPages(deps, actor),
    listTrashedMedia(deps, actor),
    listTrashedDocuments(deps, actor),
    listTrashedContactCards(deps, actor),
    listTrashedOrganisations(deps, actor),
    listTrashedPartnerships(deps, actor),
    listTrashedConventions(deps, actor),
    listTrashedProjects(deps, actor),
    listTrashedTransactions(deps, actor),
    listTrashedUpdates(deps, actor),
    listTrashedResults(deps, actor),
    listTrashedMissions(deps, actor),
  ]);
  return [
    ...entriesOf('page', pages),
    ...entriesOf('media', media),
    ...entriesOf('document', documents),
    ...entriesOf('contact_card', cards),
    ...entriesOf('organisation', organisations),
    ...entriesOf('partnership', partnerships),
    ...entriesOf('convention', conventions),
    ...entriesOf('project', projects),
    ...entriesOf('project_transaction', transactions),
    ...entriesOf('project_update', updates),
    ...entriesOf('project_result', results),
    ...entriesOf('mission', missions),
  ].sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime());
}

/** Restores one deletion, whatever kind of record it holds, in one transaction. */
export async function restoreDeletion(deps: TrashDeps, actor: Actor, deletionId: string): Promise<void> {
  assertMay(actor, 'content.restore');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const restored =
      (await restorePageDeletion(trx, actor, deletionId, now)) +
      (await restoreMediaDeletion(trx, actor, deletionId, now)) +
      (await restoreDocumentDeletion(trx, actor, deletionId, now)) +
      (await restoreContactCardDeletion(trx, actor, deletionId, now)) +
      (await restoreOrganisationDeletion(trx, actor, deletionId, now)) +
      (await restorePartnershipDeletion(trx, actor, deletionId, now)) +
      (await restoreConventionDeletion(trx, actor, deletionId, now)) +
      (await restoreProjectDeletion(trx, actor, deletionId, now)) +
      (await restoreTransactionDeletion(trx, actor, deletionId, now)) +
      (await restoreUpdateDeletion(trx, actor, deletionId, now)) +
      (await restoreResultDeletion(trx, actor, deletionId, now)) +
      (await restoreMissionDeletion(trx, actor, deletionId, now));
    // An unknown id, or one of another workspace: the same 404 as any record not found here.
    if (restored === 0) throw new NotFoundError(messages.trash.errors.notFound);
  });
}

/**
 * Removes every trashed record for good: pages first (they may point to a card), then images and
 * cards. Image files go only once the transaction has committed.
 */
export async function emptyTrash(deps: TrashDeps, actor: Actor): Promise<number> {
  assertMay(actor, 'trash.empty');
  const now = deps.clock.now();
  const filesToRemove: string[] = [];
  const count = await deps.db
    .transaction()
    .execute(
      async (trx) =>
        (await purgePages(trx, actor, now)) +
        (await purgeMedia(trx, actor, now, filesToRemove)) +
        (await purgeDocuments(trx, actor, now, filesToRemove)) +
        (await purgeContactCards(trx, actor, now)) +
        (await purgeMissions(trx, actor, now)) +
        (await purgeTransactions(trx, actor, now)) +
        (await purgeUpdates(trx, actor, now)) +
        (await purgeResults(trx, actor, now)) +
        (await purgeProjects(trx, actor, now)) +
        (await purgeConventions(trx, actor, now)) +
        (await purgePartnerships(trx, actor, now)) +
        (await purgeOrganisations(trx, actor, now)),
    );
  await removeMediaFiles(deps.storage, filesToRemove);
  return count;
}
