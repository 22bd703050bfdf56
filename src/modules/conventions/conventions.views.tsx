import type { Convention } from '../../db/schema.js';
import { formatCalendarDateFr } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import { amountForInput, formatAmount, listCurrencies } from '../../platform/money.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { CheckboxField, FileField, SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { documentHref, documentLinkText } from '../documents/documents.service.js';
import type { PartnershipRow } from '../partnerships/partnerships.service.js';
import { stateExceptions } from './convention-rules.js';
import {
  AMENDMENT_ROWS_MAX,
  amendmentFieldsOf,
  PARTY_ROWS_MAX,
  partyFieldsOf,
  TITLE_MAX,
} from './conventions.schemas.js';
import type { ConventionDetails } from './conventions.service.js';

const text = messages.conventions;
const empty = messages.history.emptyValue;
const f = text.fields;

export type ConventionFormValues = Record<string, string>;

export function conventionFormValues(
  convention: Convention | null,
  parties: Array<{ organisation_id: string; signatory_name: string; signatory_role: string }>,
  amendments: Array<{ amendment_date: string; object: string }>,
): ConventionFormValues {
  const values: ConventionFormValues = {
    title: convention?.title ?? '',
    object: convention?.object ?? '',
    planned_amount: convention ? amountForInput(convention.planned_amount_minor, convention.currency) : '',
    currency: convention?.currency ?? 'EUR',
    deliberation_reference: convention?.deliberation_reference ?? '',
    deliberation_date: convention?.deliberation_date ?? '',
    signature_date: convention?.signature_date ?? '',
    prefect_sent_date: convention?.prefect_sent_date ?? '',
    start_date: convention?.start_date ?? '',
    end_date: convention?.end_date ?? '',
    duration_months:
      convention?.duration_months === null || !convention ? '' : String(convention.duration_months),
    tacit_renewal: convention?.tacit_renewal ? 'on' : '',
    renewal_months:
      convention?.renewal_months === null || !convention ? '' : String(convention.renewal_months),
    termination_date: convention?.termination_date ?? '',
    termination_reference: convention?.termination_reference ?? '',
    state_exception: convention?.state_exception ?? '',
    state_exception_reference: convention?.state_exception_reference ?? '',
    document_id: convention?.document_id ?? '',
    version: convention ? String(convention.version) : '',
  };
  parties.forEach((party, row) => {
    const [organisation, signatory, role] = partyFieldsOf(row);
    values[organisation] = party.organisation_id;
    values[signatory] = party.signatory_name;
    values[role] = party.signatory_role;
  });
  amendments.forEach((amendment, row) => {
    const [date, object] = amendmentFieldsOf(row);
    values[date] = amendment.amendment_date;
    values[object] = amendment.object;
  });
  return values;
}

function filledRows(
  values: ConventionFormValues,
  max: number,
  fieldsOf: (row: number) => string[],
  extra: number,
) {
  let filled = 0;
  for (let row = 0; row < max; row += 1) if (fieldsOf(row).some((field) => values[field])) filled = row + 1;
  return Math.min(max, filled + extra);
}

const conflictFields = Object.fromEntries(
  [
    'title',
    'object',
    'currency',
    'deliberation_reference',
    'deliberation_date',
    'signature_date',
    'prefect_sent_date',
    'start_date',
    'end_date',
    'duration_months',
    'tacit_renewal',
    'renewal_months',
    'termination_date',
    'termination_reference',
    'state_exception',
    'state_exception_reference',
    'document_id',
  ].map((field) => [field, { label: (f as Record<string, unknown>)[field] as string }]),
);

export interface ConventionPageProps {
  frame: AdminFrame;
  partnership: PartnershipRow;
  details: ConventionDetails | null;
  values: ConventionFormValues;
  errors: Record<string, string>;
  choices: {
    organisations: Array<{ id: string; name: string }>;
    documents: Array<{ id: string; title: string }>;
  };
  can: { edit: boolean; delete: boolean };
  stale?: StaleSave;
}

export function ConventionPageView({
  frame,
  partnership,
  details,
  values,
  errors,
  choices,
  can,
  stale,
}: ConventionPageProps) {
  const convention = details?.convention ?? null;
  const heading = convention
    ? can.edit
      ? text.editTitle(convention.title)
      : convention.title
    : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        <a href={`/gestion/partenariats/${partnership.id}`}>{text.backToPartnership}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ version: 'title', file: 'file' }} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {details ? (
        <div class={`notice status-box status--${details.status}`}>
          <p>
            <strong>
              {text.statusLabel} : {text.statuses[details.status]}
            </strong>
            {details.endsOn
              ? ` · ${(details.convention.tacit_renewal ? text.renewedUntil : text.endsOn)(formatCalendarDateFr(details.endsOn))}`
              : null}
          </p>
          <p>{text.statusHints[details.status]}</p>
        </div>
      ) : null}
      {convention && (can.edit || can.delete) ? (
        <div class="actions">
          <a href={`/gestion/conventions/${convention.id}/historique`}>{text.history}</a>
          {can.delete ? <a href={`/gestion/conventions/${convention.id}/supprimer`}>{text.delete}</a> : null}
        </div>
      ) : null}
      {details ? <SignedDocument frame={frame} details={details} canAttach={can.edit} /> : null}
      {can.edit ? (
        <ConventionForm
          frame={frame}
          partnership={partnership}
          convention={convention}
          values={values}
          errors={errors}
          choices={choices}
        />
      ) : details ? (
        <ConventionReadOnly details={details} />
      ) : null}
    </AdminLayout>
  );
}

function SignedDocument({
  frame,
  details,
  canAttach,
}: {
  frame: AdminFrame;
  details: ConventionDetails;
  canAttach: boolean;
}) {
  return (
    <section aria-labelledby="document-titre">
      <h2 id="document-titre">{text.sections.document}</h2>
      {details.document ? (
        <p>
          <a href={documentHref(details.document)} download>
            {documentLinkText(details.document)}
          </a>
        </p>
      ) : (
        <p>{f.noDocument}</p>
      )}
      {canAttach ? (
        <form
          class="form"
          action={`/gestion/conventions/${details.convention.id}/document`}
          method="post"
          enctype="multipart/form-data"
          novalidate
        >
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          <FileField id="file" label={f.upload} hints={[f.documentHint]} accept=".pdf,application/pdf" />
          <button type="submit" class="button-secondary">
            {f.uploadButton}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function ConventionForm({
  frame,
  partnership,
  convention,
  values,
  errors,
  choices,
}: {
  frame: AdminFrame;
  partnership: PartnershipRow;
  convention: Convention | null;
  values: ConventionFormValues;
  errors: Record<string, string>;
  choices: ConventionPageProps['choices'];
}) {
  const organisations = [
    { value: '', label: messages.partnerships.choose },
    ...choices.organisations.map((o) => ({ value: o.id, label: o.name })),
  ];
  const partyRows = filledRows(values, PARTY_ROWS_MAX, partyFieldsOf, 1);
  const amendmentRows = filledRows(values, AMENDMENT_ROWS_MAX, amendmentFieldsOf, 1);
  const text_ = (
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
      optional={extra.optional ?? true}
    />
  );
  return (
    <form
      class="form"
      action={
        convention
          ? `/gestion/conventions/${convention.id}`
          : `/gestion/partenariats/${partnership.id}/conventions`
      }
      method="post"
      novalidate
    >
      <input type="hidden" name="_csrf" value={frame.csrfToken} />
      {convention ? <VersionField value={values.version ?? ''} /> : null}
      <TextField
        id="title"
        name="title"
        label={f.title}
        value={values.title}
        error={errors.title}
        maxLength={TITLE_MAX}
      />
      <h2>{text.sections.object}</h2>
      <TextAreaField
        id="object"
        name="object"
        label={f.object}
        hint={f.objectHint}
        value={values.object}
        error={errors.object}
        rows={5}
        optional
      />
      {text_('planned_amount', f.planned_amount, { hint: f.planned_amountHint })}
      <SelectField
        id="currency"
        name="currency"
        label={f.currency}
        value={values.currency}
        error={errors.currency}
        choices={listCurrencies().map((c) => ({ value: c.code, label: c.name }))}
      />
      <h2>{text.sections.parties}</h2>
      <p class="hint">{text.partiesHint}</p>
      {Array.from({ length: partyRows }, (_, row) => {
        const [organisation, signatory, role] = partyFieldsOf(row);
        return (
          <fieldset class="contact-row" key={organisation}>
            <legend>{f.party(row + 1)}</legend>
            <SelectField
              id={organisation}
              name={organisation}
              label={f.party_organisation}
              value={values[organisation]}
              error={errors[organisation]}
              choices={organisations}
              optional
            />
            {text_(signatory, f.party_signatory)}
            {text_(role, f.party_signatory_role)}
          </fieldset>
        );
      })}
      <h2>{text.sections.foreignState}</h2>
      <SelectField
        id="state_exception"
        name="state_exception"
        label={f.state_exception}
        value={values.state_exception}
        error={errors.state_exception}
        choices={[
          { value: '', label: text.stateExceptions.none },
          ...stateExceptions.map((exception) => ({
            value: exception,
            label: text.stateExceptions[exception],
          })),
        ]}
        optional
      />
      {text_('state_exception_reference', f.state_exception_reference, {
        hint: f.state_exception_referenceHint,
      })}
      <h2>{text.sections.dates}</h2>
      {text_('deliberation_reference', f.deliberation_reference)}
      {text_('deliberation_date', f.deliberation_date, { type: 'date' })}
      {text_('signature_date', f.signature_date, { type: 'date' })}
      {text_('prefect_sent_date', f.prefect_sent_date, { type: 'date', hint: f.prefectHint })}
      <h2>{text.sections.period}</h2>
      {text_('start_date', f.start_date, { type: 'date', hint: f.startHint })}
      {text_('end_date', f.end_date, { type: 'date' })}
      {text_('duration_months', f.duration_months, { hint: f.durationHint })}
      <CheckboxField
        id="tacit_renewal"
        name="tacit_renewal"
        label={f.tacit_renewal}
        checked={values.tacit_renewal === 'on'}
        error={errors.tacit_renewal}
      />
      {text_('renewal_months', f.renewal_months, { hint: f.renewalHint })}
      {text_('termination_date', f.termination_date, { type: 'date' })}
      {text_('termination_reference', f.termination_reference)}
      <h2>{text.sections.amendments}</h2>
      <p class="hint">{text.amendmentsHint}</p>
      {Array.from({ length: amendmentRows }, (_, row) => {
        const [date, object] = amendmentFieldsOf(row);
        return (
          <fieldset class="contact-row" key={date}>
            <legend>{f.amendment(row + 1)}</legend>
            {text_(date, f.amendment_date, { type: 'date' })}
            {text_(object, f.amendment_object)}
          </fieldset>
        );
      })}
      <SelectField
        id="document_id"
        name="document_id"
        label={f.document}
        value={values.document_id}
        error={errors.document_id}
        choices={[
          { value: '', label: f.noDocument },
          ...choices.documents.map((d) => ({ value: d.id, label: d.title })),
        ]}
        optional
      />
      <button type="submit">{convention ? text.save : text.create}</button>
    </form>
  );
}

function ConventionReadOnly({ details }: { details: ConventionDetails }) {
  const c = details.convention;
  const date = (value: string | null) => (value ? formatCalendarDateFr(value) : empty);
  return (
    <>
      <p class="notice">{text.readOnly}</p>
      <dl class="history-change">
        <dt>{f.object}</dt>
        <dd>{c.object || empty}</dd>
        <dt>{f.planned_amount}</dt>
        <dd>{c.planned_amount_minor === null ? empty : formatAmount(c.planned_amount_minor, c.currency)}</dd>
        <dt>{text.sections.parties}</dt>
        <dd>
          {details.parties
            .map((party) =>
              [party.name, party.signatory_name, party.signatory_role].filter(Boolean).join(', '),
            )
            .join(' ; ')}
        </dd>
        <dt>{f.deliberation_reference}</dt>
        <dd>{c.deliberation_reference || empty}</dd>
        <dt>{f.signature_date}</dt>
        <dd>{date(c.signature_date)}</dd>
        <dt>{f.prefect_sent_date}</dt>
        <dd>{date(c.prefect_sent_date)}</dd>
        <dt>{f.start_date}</dt>
        <dd>{date(c.start_date)}</dd>
        <dt>{f.end_date}</dt>
        <dd>{details.endsOn ? formatCalendarDateFr(details.endsOn) : text.noEnd}</dd>
      </dl>
      {details.amendments.length > 0 ? (
        <>
          <h2>{text.sections.amendments}</h2>
          <ul>
            {details.amendments.map((amendment) => (
              <li key={amendment.id}>
                {formatCalendarDateFr(amendment.amendment_date)} : {amendment.object}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function DeleteConventionView({ frame, details }: { frame: AdminFrame; details: ConventionDetails }) {
  const heading = text.deleteTitle(details.convention.title);
  return (
    <AdminLayout frame={frame} title={heading}>
      <h1>{heading}</h1>
      <p>{text.errors.deleteLead}</p>
      <ActionButton
        action={`/gestion/conventions/${details.convention.id}/supprimer`}
        csrfToken={frame.csrfToken}
        variant="warning"
      >
        {text.deleteConfirm}
      </ActionButton>
      <p>
        <a href={`/gestion/conventions/${details.convention.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
