import type { Db } from '../../db/database.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import type { UtilityDomain } from './one-percent.js';
import {
  deleteUtilityBudgetRow,
  findUtilityBudgetAmount,
  findUtilityBudgets,
  insertUtilityBudget,
  type UtilityBudgetRow,
} from './utility-budgets.repo.js';
import type { BudgetForm } from './utility-budgets.schemas.js';

export interface UtilityBudgetsDeps {
  db: Db;
  clock: Clock;
}

export type { UtilityBudgetRow };
export const UTILITY_BUDGET_RECORD_TYPE = 'utility_budget';
const text = messages.utilityBudgets;

export async function listUtilityBudgets(
  deps: UtilityBudgetsDeps,
  actor: Actor,
): Promise<UtilityBudgetRow[]> {
  assertMay(actor, 'content.read');
  return findUtilityBudgets(deps.db, actor.workspace.id);
}

/**
 * A service's budget of a year, in euro cents, with no permission of its own: to check a
 * transaction the actor may already record against the 1 %. Null when none was recorded.
 */
export async function utilityBudgetOf(
  db: Db,
  workspaceId: string,
  year: number,
  domain: UtilityDomain,
): Promise<number | null> {
  return (await findUtilityBudgetAmount(db, workspaceId, year, domain)) ?? null;
}

export async function addUtilityBudget(
  deps: UtilityBudgetsDeps,
  actor: Actor,
  form: BudgetForm,
): Promise<void> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const added = await insertUtilityBudget(trx, {
      workspace_id: actor.workspace.id,
      year: form.year,
      domain: form.domain,
      amount_minor: form.amount,
      created_at: now,
      created_by: actor.user.id,
    });
    if (!added) throw new RuleError('year', text.errors.yearTaken(form.year, text.domains[form.domain]));
    await recordChange(trx, actor, UTILITY_BUDGET_RECORD_TYPE, 'create', added.id, null, form, now);
  });
}

export async function deleteUtilityBudget(deps: UtilityBudgetsDeps, actor: Actor, id: string): Promise<void> {
  assertMay(actor, 'content.publish');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const budget = (await findUtilityBudgets(trx, actor.workspace.id)).find((b) => b.id === id);
    if (!budget) throw new NotFoundError(messages.notFound.lead);
    await deleteUtilityBudgetRow(trx, actor.workspace.id, id);
    const { year, domain, amount_minor } = budget;
    await recordChange(
      trx,
      actor,
      UTILITY_BUDGET_RECORD_TYPE,
      'delete',
      id,
      { year, domain, amount_minor },
      null,
      now,
    );
  });
}
