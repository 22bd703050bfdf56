import type { Db } from '../../db/database.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { listTrashedPages, purgePages, restorePageDeletion } from '../pages/pages.service.js';

export interface TrashDeps {
  db: Db;
  clock: Clock;
}

/** One deletion as the trash lists it: what was deleted, with what, when, by whom. */
export interface TrashEntry {
  deletionId: string;
  kind: 'page' | 'media' | 'contact_card';
  title: string;
  /** Records that went with it (a page's sub-pages). */
  companions: number;
  deletedAt: Date;
  deletedBy: string | null;
}

export async function listTrash(deps: TrashDeps, actor: Actor): Promise<TrashEntry[]> {
  assertMay(actor, 'content.read');
  const pages = await listTrashedPages(deps, actor);
  const entries: TrashEntry[] = pages.map((group) => ({
    deletionId: group.deletion_id,
    kind: 'page',
    title: group.title,
    companions: group.count - 1,
    deletedAt: group.deleted_at,
    deletedBy: group.deleted_by_name,
  }));
  return entries.sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime());
}

/** Restores one deletion, whatever kind of record it holds, in one transaction. */
export async function restoreDeletion(deps: TrashDeps, actor: Actor, deletionId: string): Promise<void> {
  assertMay(actor, 'content.restore');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const restored = await restorePageDeletion(trx, actor, deletionId, now);
    if (restored === 0) throw new RuleError('deletion', messages.trash.errors.notFound);
  });
}

export async function emptyTrash(deps: TrashDeps, actor: Actor): Promise<number> {
  assertMay(actor, 'trash.empty');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => purgePages(trx, actor, now));
}
