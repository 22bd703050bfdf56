import type { Db } from '../../db/database.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { deleteRateRow, findRate, findRates, insertRate, type RateRow } from './exchange-rates.repo.js';
import type { RateForm } from './exchange-rates.schemas.js';
import type { Rate } from './exchange-rules.js';

export interface ExchangeRatesDeps {
  db: Db;
  clock: Clock;
}

export type { RateRow };
export const RATE_RECORD_TYPE = 'exchange_rate';
const text = messages.exchangeRates;

export async function listRates(deps: ExchangeRatesDeps, actor: Actor): Promise<RateRow[]> {
  assertMay(actor, 'content.read');
  return findRates(deps.db, actor.workspace.id);
}

/**
 * The workspace's rates, with no permission of their own: to show in euros the amounts of a record
 * the actor was already allowed to read (a project shared with a partner, its transactions).
 */
export async function ratesOfWorkspace(db: Db, workspaceId: string): Promise<Rate[]> {
  return findRates(db, workspaceId);
}

export async function addRate(deps: ExchangeRatesDeps, actor: Actor, form: RateForm): Promise<void> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const added = await insertRate(trx, {
      workspace_id: actor.workspace.id,
      currency: form.currency,
      valid_from: form.valid_from,
      euros_per_unit: form.euros_per_unit,
      created_at: now,
      created_by: actor.user.id,
    });
    if (!added) throw new RuleError('valid_from', text.errors.dayTaken(form.currency));
    await recordChange(trx, actor, RATE_RECORD_TYPE, 'create', added.id, null, form, now);
  });
}

export async function deleteRate(deps: ExchangeRatesDeps, actor: Actor, id: string): Promise<void> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const rate = await findRate(trx, actor.workspace.id, id);
    if (!rate) throw new NotFoundError(messages.notFound.lead);
    await deleteRateRow(trx, actor.workspace.id, id);
    const { currency, valid_from, euros_per_unit } = rate;
    await recordChange(
      trx,
      actor,
      RATE_RECORD_TYPE,
      'delete',
      id,
      { currency, valid_from, euros_per_unit },
      null,
      now,
    );
  });
}
