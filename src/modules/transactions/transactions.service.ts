import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Convention, OrganisationKind, ProjectTransaction } from '../../db/schema.js';
import type { TrashedGroup } from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { formatCalendarDateFr } from '../../platform/dates.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { formatAmount } from '../../platform/money.js';
import {
  type AwaitingReview,
  applyProposal,
  findProposedChanges,
  listAwaitingReview,
  proposeChanges,
  type ReviewedKind,
  savesAtOnce,
  sendBackProposal,
} from '../../platform/review.js';
import { moveToTrash, purgeFromTrash, restoreFromTrash } from '../../platform/trash.js';
import { changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { conventionStatus, moneyWithoutConventionWarning } from '../conventions/convention-rules.js';
import { conventionsOfPartnership, todayOf } from '../conventions/conventions.service.js';
import { listDocuments } from '../documents/documents.service.js';
import { ratesOfWorkspace } from '../exchange-rates/exchange-rates.service.js';
import { type Rate, rateOn, toEuroCents } from '../exchange-rates/exchange-rules.js';
import { organisationsNamedBy } from '../organisations/organisations.service.js';
import { isInFuture, isOutgoing, OUTGOING_TRANSACTION_TYPES } from '../projects/project-rules.js';
import { getProject, isLiveProject, type ProjectDetails } from '../projects/projects.service.js';
import { isUtilityDomain, onePercentOf, passesOnePercent } from '../utility-budgets/one-percent.js';
import { utilityBudgetOf } from '../utility-budgets/utility-budgets.service.js';
import {
  findLiveTransaction,
  findLiveTransactionsOf,
  findLiveTransactionsOfPartnership,
  findOutgoingOfCategoryInYear,
  findPurgeableTransactions,
  findTrashedTransactions,
  insertTransaction,
  type TransactionRow,
  updateTransactionRow,
} from './transactions.repo.js';
import type { TransactionForm } from './transactions.schemas.js';

export interface TransactionsDeps {
  db: Db;
  clock: Clock;
}

export type { TransactionRow };
export const TRANSACTION_RECORD_TYPE = 'project_transaction';
const TRANSACTION_TRASH = { table: 'project_transactions', recordType: TRANSACTION_RECORD_TYPE } as const;
const TRANSACTION_REVIEW: ReviewedKind = TRANSACTION_TRASH;
const text = messages.transactions;

/** « Décaissement du 20 mars 2025 »: how a transaction is named in titles, lists and histories. */
export const transactionLabel = (t: Pick<ProjectTransaction, 'type' | 'transaction_date'>) =>
  text.label(text.types[t.type] ?? String(t.type), formatCalendarDateFr(t.transaction_date));

export interface TransactionWithWarning {
  transaction: TransactionRow;
  /** L1115-1: money sent out when no convention with the partner was in force that day. */
  warning: string | null;
  /** Its amount in euro cents at the rate of its date, with that rate; null when no rate is known. */
  inEuros: { cents: number; rate: Rate } | null;
}

function inEuros(transaction: TransactionRow, rates: Rate[]): TransactionWithWarning['inEuros'] {
  const rate = rateOn(rates, transaction.currency, transaction.transaction_date);
  return rate ? { cents: toEuroCents(transaction.amount_minor, transaction.currency, rate), rate } : null;
}

/**
 * Step 7's warning applied to a transaction: money that goes out on a project of a partnership
 * with a foreign local authority, on a day no convention of that partnership was in force; never
 * for an emergency humanitarian action.
 */
export function transactionWarning(
  transaction: Pick<ProjectTransaction, 'type' | 'transaction_date' | 'amount_minor'>,
  project: ProjectDetails,
  conventions: Convention[],
): string | null {
  if (!isOutgoing(transaction.type)) return null;
  const { partnership } = project;
  const found = moneyWithoutConventionWarning({
    partnerKind: partnership.partner_kind as OrganisationKind,
    partnerName: partnership.partner_name,
    plannedAmountMinor: transaction.amount_minor,
    emergencyHumanitarian:
      partnership.emergency_humanitarian ||
      project.project.eapd_category === 'emergency_humanitarian' ||
      project.project.kind === 'emergency_humanitarian',
    conventionStatuses: conventions.map((c) => conventionStatus(c, transaction.transaction_date)),
  });
  return found
    ? text.noConventionOnDate(partnership.partner_name, formatCalendarDateFr(transaction.transaction_date))
    : null;
}

/** A project's transactions, each with its warning; read through the project, so a partner reads only shared ones. */
export async function listTransactionsOf(
  deps: TransactionsDeps,
  actor: Actor,
  project: ProjectDetails,
): Promise<TransactionWithWarning[]> {
  const [transactions, conventions, rates] = await Promise.all([
    findLiveTransactionsOf(deps.db, actor.workspace.id, project.project.id),
    conventionsOfPartnership(deps.db, actor.workspace.id, project.project.partnership_id),
    ratesOfWorkspace(deps.db, actor.workspace.id),
  ]);
  return transactions.map((transaction) => ({
    transaction,
    warning: transactionWarning(transaction, project, conventions),
    inEuros: inEuros(transaction, rates),
  }));
}

/**
 * The transactions of a partnership's projects, with no permission of their own: for a mission of
 * that partnership the actor was already allowed to read (its costs).
 */
export async function transactionsOfPartnership(db: Db, workspaceId: string, partnershipId: string) {
  return findLiveTransactionsOfPartnership(db, workspaceId, partnershipId);
}

export interface TransactionDetails extends TransactionWithWarning {
  project: ProjectDetails;
}

export async function getTransaction(
  deps: TransactionsDeps,
  actor: Actor,
  id: string,
): Promise<TransactionDetails> {
  const transaction = await findLiveTransaction(deps.db, actor.workspace.id, id);
  if (!transaction) throw new NotFoundError(messages.notFound.lead);
  const project = await getProject(deps, actor, transaction.project_id);
  const [conventions, rates] = await Promise.all([
    conventionsOfPartnership(deps.db, actor.workspace.id, project.project.partnership_id),
    ratesOfWorkspace(deps.db, actor.workspace.id),
  ]);
  return {
    transaction,
    project,
    warning: transactionWarning(transaction, project, conventions),
    inEuros: inEuros(transaction, rates),
  };
}

/** What the form offers: the workspace's organisations and documents. */
export async function transactionChoices(deps: TransactionsDeps, actor: Actor) {
  const [organisations, documents] = await Promise.all([
    organisationsNamedBy(deps.db, actor.workspace.id),
    listDocuments(deps, actor),
  ]);
  return {
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    documents: documents.map((d) => ({ id: d.id, title: d.title })),
  };
}

/**
 * L1115-1-1 and L1115-2: on a project of a 1 % basis (water and sanitation, waste, energy), the
 * year's outgoing transactions of that basis, this one included, stay within 1 % of the service's
 * budget the workspace recorded for that year. The message goes beside the amount.
 */
async function onePercentRefusal(
  db: Db,
  actor: Actor,
  project: ProjectDetails,
  form: TransactionForm,
  exceptId: string | null,
): Promise<string | null> {
  const category = project.project.eapd_category;
  if (!isUtilityDomain(category) || !isOutgoing(form.values.type)) return null;
  const domain = messages.utilityBudgets.domains[category];
  const year = Number(form.values.transaction_date.slice(0, 4));
  const budget = await utilityBudgetOf(db, actor.workspace.id, year, category);
  if (budget === null) return messages.utilityBudgets.errors.noBudget(domain, year);
  const [rates, others] = await Promise.all([
    ratesOfWorkspace(db, actor.workspace.id),
    findOutgoingOfCategoryInYear(
      db,
      actor.workspace.id,
      category,
      year,
      OUTGOING_TRANSACTION_TYPES,
      exceptId,
    ),
  ]);
  let total = 0;
  for (const spent of [...others, { ...form.values }]) {
    const rate = rateOn(rates, spent.currency, spent.transaction_date);
    if (!rate) return messages.utilityBudgets.errors.noRateForCeiling(spent.currency);
    total += toEuroCents(spent.amount_minor, spent.currency, rate);
  }
  return passesOnePercent(total, budget)
    ? messages.utilityBudgets.errors.overOnePercent(
        domain,
        year,
        formatAmount(onePercentOf(budget), 'EUR'),
        formatAmount(total, 'EUR'),
      )
    : null;
}

async function checkTransaction(
  deps: TransactionsDeps,
  actor: Actor,
  form: TransactionForm,
  project: ProjectDetails,
  exceptId: string | null,
): Promise<void> {
  const errors: Record<string, string> = {};
  if (isInFuture(form.values.transaction_date, todayOf(deps.clock)))
    errors.transaction_date = text.errors.inFuture;
  const choices = await transactionChoices(deps, actor);
  const known = new Set(choices.organisations.map((o) => o.id));
  for (const field of ['provider_organisation_id', 'receiver_organisation_id'] as const) {
    const id = form.values[field];
    if (id && !known.has(id)) errors[field] = text.errors.organisationUnknown;
  }
  if (form.values.document_id && !choices.documents.some((d) => d.id === form.values.document_id))
    errors.document_id = text.errors.documentUnknown;
  if (!errors.transaction_date) {
    const ceiling = await onePercentRefusal(deps.db, actor, project, form, exceptId);
    if (ceiling) errors.amount = ceiling;
  }
  const refusal = RuleError.ofFields(errors);
  if (refusal) throw refusal;
}

export async function createTransaction(
  deps: TransactionsDeps,
  actor: Actor,
  projectId: string,
  form: TransactionForm,
): Promise<ProjectTransaction> {
  assertMay(actor, 'content.create');
  const project = await getProject(deps, actor, projectId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await checkTransaction({ db: trx, clock: deps.clock }, actor, form, project, null);
    const transaction = await insertTransaction(trx, {
      ...form.values,
      workspace_id: actor.workspace.id,
      project_id: projectId,
      created_at: now,
      updated_at: now,
    });
    await recordChange(trx, actor, TRANSACTION_RECORD_TYPE, 'create', transaction.id, null, transaction, now);
    return transaction;
  });
}

const COMPARED_FIELDS = [
  'type',
  'transaction_date',
  'amount_minor',
  'currency',
  'provider_organisation_id',
  'receiver_organisation_id',
  'description',
  'document_id',
];

/** The live transaction's row, after refusing a save over a newer version than the one opened. */
async function transactionOpenedAt(
  trx: Db,
  actor: Actor,
  id: string,
  openedVersion: number,
): Promise<ProjectTransaction> {
  const found = await findLiveTransaction(trx, actor.workspace.id, id);
  if (!found) throw new NotFoundError(messages.notFound.lead);
  const { provider_name: _p, receiver_name: _r, ...before } = found;
  await refuseStaleSave(trx, {
    table: 'project_transactions',
    key: { id },
    workspaceId: actor.workspace.id,
    recordType: TRANSACTION_RECORD_TYPE,
    recordId: id,
    openedVersion,
    fields: COMPARED_FIELDS,
  });
  return before;
}

async function applyTransactionForm(
  trx: Db,
  actor: Actor,
  before: ProjectTransaction,
  form: TransactionForm,
  now: Date,
  action: 'update' | 'apply_changes',
): Promise<ProjectTransaction> {
  if (changesNothing(before, form.values)) return before;
  const after = await updateTransactionRow(trx, actor.workspace.id, before.id, {
    ...form.values,
    updated_at: now,
  });
  await recordChange(trx, actor, TRANSACTION_RECORD_TYPE, action, before.id, before, after, now);
  return after;
}

/**
 * Saves the transaction's form: at once for who may publish; a contributor's changes are
 * proposed for review (platform/review), checked first so that the editor is not handed a
 * refusal.
 */
export async function updateTransaction(
  deps: TransactionsDeps,
  actor: Actor,
  id: string,
  form: TransactionForm,
): Promise<ProjectTransaction> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await transactionOpenedAt(trx, actor, id, form.version);
    const project = await getProject({ db: trx, clock: deps.clock }, actor, before.project_id);
    await checkTransaction({ db: trx, clock: deps.clock }, actor, form, project, id);
    if (savesAtOnce(actor)) return applyTransactionForm(trx, actor, before, form, now, 'update');
    const version = await proposeChanges(trx, actor, TRANSACTION_REVIEW, id, form, now);
    return { ...before, version };
  });
}

/** The changes proposed for a transaction, or sent back to their author; null when there are none. */
export async function getTransactionDraft(deps: TransactionsDeps, actor: Actor, id: string) {
  assertMay(actor, 'content.read');
  return findProposedChanges<TransactionForm>(deps.db, actor, TRANSACTION_REVIEW, id);
}

/** An editor applies the proposed changes, checked again as things stand today (the 1 % above all). */
export function applyTransactionDraft(
  deps: TransactionsDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<ProjectTransaction> {
  return applyProposal<ProjectTransaction, TransactionForm>(deps, actor, TRANSACTION_REVIEW, id, {
    field: 'transaction',
    openedAt: (trx) => transactionOpenedAt(trx, actor, id, version),
    apply: async (trx, before, form, now) => {
      const project = await getProject({ db: trx, clock: deps.clock }, actor, before.project_id);
      await checkTransaction({ db: trx, clock: deps.clock }, actor, form, project, id);
      return applyTransactionForm(trx, actor, before, form, now, 'apply_changes');
    },
  });
}

export function returnTransactionDraft(deps: TransactionsDeps, actor: Actor, id: string, comment: string) {
  return sendBackProposal(deps, actor, TRANSACTION_REVIEW, id, comment);
}

/** What awaits an editor: transactions with changes proposed, named with their projects, oldest first. */
export async function listTransactionsAwaitingReview(
  deps: TransactionsDeps,
  actor: Actor,
): Promise<AwaitingReview[]> {
  return listAwaitingReview(deps.db, actor, TRANSACTION_REVIEW, async (id) => {
    const row = await findLiveTransaction(deps.db, actor.workspace.id, id);
    if (!row) return null;
    const project = await getProject(deps, actor, row.project_id);
    return {
      title: messages.review.ofProject(transactionLabel(row), project.project.title),
      href: `/gestion/operations/${row.id}`,
    };
  });
}

export async function deleteTransaction(deps: TransactionsDeps, actor: Actor, id: string): Promise<string> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await findLiveTransaction(trx, actor.workspace.id, id);
    if (!found) throw new NotFoundError(messages.notFound.lead);
    const { provider_name: _p, receiver_name: _r, ...transaction } = found;
    await moveToTrash(trx, actor, TRANSACTION_TRASH, transaction, randomUUID(), now);
    return transaction.project_id;
  });
}

export async function listTrashedTransactions(
  deps: Pick<TransactionsDeps, 'db'>,
  actor: Actor,
): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedTransactions(deps.db, actor.workspace.id);
}

export async function restoreTransactionDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  return restoreFromTrash(trx, actor, TRANSACTION_TRASH, deletionId, now, async (rows) => {
    for (const row of rows)
      if (!(await isLiveProject(trx, actor.workspace.id, row.project_id)))
        throw new RuleError('deletion', messages.trash.errors.projectInTrash);
  });
}

export async function purgeTransactions(trx: Db, actor: Actor, now: Date): Promise<number> {
  assertMay(actor, 'trash.empty');
  return purgeFromTrash(
    trx,
    actor,
    TRANSACTION_TRASH,
    await findPurgeableTransactions(trx, actor.workspace.id),
    now,
  );
}
