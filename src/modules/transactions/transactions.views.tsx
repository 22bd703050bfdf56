import { messages } from '../../platform/i18n/fr.js';
import { amountForInput, formatAmount, listCurrencies } from '../../platform/money.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { changedLabels, ProposedChanges } from '../../ui/ProposedChanges.js';
import { describeInEuros } from '../exchange-rates/exchange-rules.js';
import type { ProjectDetails } from '../projects/projects.service.js';
import { TRANSACTION_TYPES, type TransactionForm } from './transactions.schemas.js';
import {
  type getTransactionDraft,
  type TransactionDetails,
  type TransactionRow,
  transactionLabel,
} from './transactions.service.js';

export { transactionLabel };

const text = messages.transactions;
const f = text.fields;
const empty = messages.history.emptyValue;

export type TransactionFormValues = Record<string, string>;

function inEurosText(currency: string, inEuros: TransactionDetails['inEuros']): string {
  const shown = describeInEuros(currency, inEuros);
  if ('missing' in shown) return shown.missing;
  return shown.rateUsed ? `${shown.euros} (${shown.rateUsed})` : shown.euros;
}

export function emptyTransactionValues(project: ProjectDetails): TransactionFormValues {
  return {
    type: '3',
    currency: 'EUR',
    provider_organisation_id: project.partnership.local_organisation_id,
    receiver_organisation_id: project.partnership.partner_organisation_id,
    version: '',
  };
}

export function transactionFormValues(t: TransactionRow): TransactionFormValues {
  return {
    type: String(t.type),
    transaction_date: t.transaction_date,
    amount: amountForInput(t.amount_minor, t.currency),
    currency: t.currency,
    provider_organisation_id: t.provider_organisation_id ?? '',
    receiver_organisation_id: t.receiver_organisation_id ?? '',
    description: t.description,
    document_id: t.document_id ?? '',
    version: String(t.version),
  };
}

const conflictFields = {
  type: { label: f.type, show: (v: unknown) => text.types[Number(v)] ?? String(v) },
  transaction_date: { label: f.transaction_date },
  amount_minor: { label: f.amount },
  currency: { label: f.currency },
  provider_organisation_id: { label: f.provider_organisation_id },
  receiver_organisation_id: { label: f.receiver_organisation_id },
  description: { label: f.description },
  document_id: { label: f.document_id },
};

export interface TransactionPageProps {
  frame: AdminFrame;
  project: ProjectDetails;
  details: TransactionDetails | null;
  values: TransactionFormValues;
  errors: Record<string, string>;
  choices: {
    organisations: Array<{ id: string; name: string }>;
    documents: Array<{ id: string; title: string }>;
  };
  /** Changes a contributor proposed, waiting for an editor (or sent back to their author). */
  draft: TransactionDraft | null;
  can: { edit: boolean; delete: boolean; review: boolean };
  stale?: StaleSave;
}

type TransactionDraft = NonNullable<Awaited<ReturnType<typeof getTransactionDraft>>>;

/** The transaction as the proposed changes would make it: what a contributor's form goes on from. */
export function withProposedTransaction(transaction: TransactionRow, form: TransactionForm): TransactionRow {
  return { ...transaction, ...form.values };
}

/** The labels of the fields the proposed changes would change. */
function proposedChanges(transaction: TransactionRow, form: TransactionForm): string[] {
  const labels = Object.fromEntries(
    Object.entries(conflictFields).map(([column, { label }]) => [
      column === 'amount_minor' ? 'amount' : column,
      label,
    ]),
  );
  return changedLabels(
    transactionFormValues(transaction),
    transactionFormValues(withProposedTransaction(transaction, form)),
    labels,
    [],
  );
}

export function TransactionPageView({
  frame,
  project,
  details,
  values,
  errors,
  choices,
  draft,
  can,
  stale,
}: TransactionPageProps) {
  const transaction = details?.transaction ?? null;
  const label = transaction ? transactionLabel(transaction) : '';
  const heading = transaction ? (can.edit ? text.editTitle(label) : label) : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
  const organisations = [
    { value: '', label: f.noOrganisation },
    ...choices.organisations.map((o) => ({ value: o.id, label: o.name })),
  ];
  const field = (
    id: string,
    label: string,
    extra: { hint?: string; type?: 'date'; optional?: boolean } = {},
  ) => (
    <TextField
      id={id}
      name={id}
      label={label}
      hint={extra.hint}
      type={extra.type}
      value={values[id]}
      error={errors[id]}
      autocomplete="off"
      optional={extra.optional}
    />
  );
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        <a href={`/gestion/projets/${project.project.id}`}>
          {messages.projects.backToProject} « {project.project.title} »
        </a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ version: 'type' }} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {details?.warning ? (
        <div class="notice notice--warning" role="note">
          <h2>{text.warningTitle}</h2>
          <p>{details.warning}</p>
        </div>
      ) : null}
      {details ? (
        <p>
          <strong>{messages.exchangeRates.inEuros} :</strong>{' '}
          {inEurosText(details.transaction.currency, details.inEuros)}
        </p>
      ) : null}
      {transaction && (can.edit || can.delete) ? (
        <div class="actions">
          <a href={`/gestion/operations/${transaction.id}/historique`}>{text.history}</a>
          {can.delete ? <a href={`/gestion/operations/${transaction.id}/supprimer`}>{text.delete}</a> : null}
        </div>
      ) : null}
      {transaction && draft ? (
        <ProposedChanges
          csrfToken={frame.csrfToken}
          href={`/gestion/operations/${transaction.id}`}
          version={transaction.version}
          draft={draft}
          changes={proposedChanges(transaction, draft.form)}
          canReview={can.review}
          errors={errors}
        />
      ) : null}
      {can.edit ? (
        <form
          class="form"
          action={
            transaction
              ? `/gestion/operations/${transaction.id}`
              : `/gestion/projets/${project.project.id}/operations`
          }
          method="post"
          novalidate
        >
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          {transaction ? <VersionField value={values.version ?? ''} /> : null}
          <SelectField
            id="type"
            name="type"
            label={f.type}
            value={values.type}
            error={errors.type}
            choices={TRANSACTION_TYPES.map((type) => ({
              value: String(type),
              label: text.types[type] ?? '',
            }))}
          />
          {field('transaction_date', f.transaction_date, { type: 'date', hint: f.transaction_dateHint })}
          {field('amount', f.amount, { hint: f.amountHint })}
          <SelectField
            id="currency"
            name="currency"
            label={f.currency}
            value={values.currency}
            error={errors.currency}
            choices={listCurrencies().map((c) => ({ value: c.code, label: c.name }))}
          />
          <SelectField
            id="provider_organisation_id"
            name="provider_organisation_id"
            label={f.provider_organisation_id}
            value={values.provider_organisation_id}
            error={errors.provider_organisation_id}
            choices={organisations}
            optional
          />
          <SelectField
            id="receiver_organisation_id"
            name="receiver_organisation_id"
            label={f.receiver_organisation_id}
            value={values.receiver_organisation_id}
            error={errors.receiver_organisation_id}
            choices={organisations}
            optional
          />
          <TextAreaField
            id="description"
            name="description"
            label={f.description}
            value={values.description}
            error={errors.description}
            rows={3}
            optional
          />
          <SelectField
            id="document_id"
            name="document_id"
            label={f.document_id}
            value={values.document_id}
            error={errors.document_id}
            choices={[
              { value: '', label: f.noDocument },
              ...choices.documents.map((d) => ({ value: d.id, label: d.title })),
            ]}
            optional
          />
          <button type="submit">{transaction ? text.save : text.create}</button>
        </form>
      ) : transaction ? (
        <>
          <p class="notice">{text.readOnly}</p>
          <dl class="history-change">
            <dt>{f.amount}</dt>
            <dd>{formatAmount(transaction.amount_minor, transaction.currency)}</dd>
            <dt>{f.provider_organisation_id}</dt>
            <dd>{transaction.provider_name ?? empty}</dd>
            <dt>{f.receiver_organisation_id}</dt>
            <dd>{transaction.receiver_name ?? empty}</dd>
            <dt>{f.description}</dt>
            <dd>{transaction.description || empty}</dd>
          </dl>
        </>
      ) : null}
    </AdminLayout>
  );
}

export function DeleteTransactionView({
  frame,
  details,
}: {
  frame: AdminFrame;
  details: TransactionDetails;
}) {
  const heading = text.deleteTitle(transactionLabel(details.transaction));
  return (
    <AdminLayout frame={frame} title={heading}>
      <h1>{heading}</h1>
      <p>{text.deleteLead}</p>
      <ActionButton
        action={`/gestion/operations/${details.transaction.id}/supprimer`}
        csrfToken={frame.csrfToken}
        variant="warning"
      >
        {text.deleteConfirm}
      </ActionButton>
      <p>
        <a href={`/gestion/operations/${details.transaction.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
