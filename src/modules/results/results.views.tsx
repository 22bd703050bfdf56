import { formatCalendarDateFr } from '../../platform/dates.js';
import { rowField, shownRowCount } from '../../platform/form-rows.js';
import { messages } from '../../platform/i18n/fr.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { type Choice, SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { changedLabels, ProposedChanges } from '../../ui/ProposedChanges.js';
import type { ProjectDetails } from '../projects/projects.service.js';
import { MEASURES, RESULT_TYPES, type ResultForm, ROWS, TITLE_MAX } from './results.schemas.js';
import type { getResultDraft, ResultDetails } from './results.service.js';

const text = messages.results;
const f = text.fields;

export type ResultFormValues = Record<string, string>;

/** A decimal as the form shows it again: « 1250,5 ». */
const decimalForInput = (value: number | null) =>
  value === null ? '' : value.toLocaleString('fr-FR', { maximumFractionDigits: 4, useGrouping: false });

export function emptyResultValues(): ResultFormValues {
  return { type: '1', version: '' };
}

export function resultFormValues(details: ResultDetails): ResultFormValues {
  const values: ResultFormValues = {
    type: String(details.result.type),
    title: details.result.title,
    description: details.result.description,
    version: String(details.result.version),
  };
  details.indicators.forEach((indicator, row) => {
    values[rowField('indicator_title', row)] = indicator.title;
    values[rowField('indicator_measure', row)] = String(indicator.measure);
    values[rowField('indicator_unit', row)] = indicator.unit;
    values[rowField('indicator_baseline_year', row)] =
      indicator.baseline_year === null ? '' : String(indicator.baseline_year);
    values[rowField('indicator_baseline', row)] = decimalForInput(indicator.baseline);
    values[rowField('indicator_target', row)] = decimalForInput(indicator.target);
    values[rowField('indicator_comment', row)] = indicator.comment;
  });
  // Indicators are saved in their row's place: a period names its indicator by that row.
  const rowOf = new Map(details.indicators.map((indicator, row) => [indicator.position, row]));
  details.periods.forEach((period, row) => {
    values[rowField('period_indicator', row)] = String(rowOf.get(period.indicator_position) ?? '');
    values[rowField('period_start', row)] = period.period_start;
    values[rowField('period_end', row)] = period.period_end;
    values[rowField('period_actual', row)] = decimalForInput(period.actual);
    values[rowField('period_comment', row)] = period.comment;
  });
  return values;
}

const conflictFields = {
  type: { label: f.type, show: (v: unknown) => text.types[Number(v)] ?? String(v) },
  title: { label: f.title },
  description: { label: f.description },
};

export interface ResultPageProps {
  frame: AdminFrame;
  project: ProjectDetails;
  details: ResultDetails | null;
  values: ResultFormValues;
  errors: Record<string, string>;
  /** Changes a contributor proposed, waiting for an editor (or sent back to their author). */
  draft: ResultDraft | null;
  can: { edit: boolean; delete: boolean; review: boolean };
  stale?: StaleSave;
}

type ResultDraft = NonNullable<Awaited<ReturnType<typeof getResultDraft>>>;

/** The result as the proposed changes would make it: what a contributor's form goes on from. */
export function withProposedResult(details: ResultDetails, form: ResultForm): ResultDetails {
  return {
    ...details,
    result: { ...details.result, ...form.values },
    indicators: form.indicators,
    periods: form.periods.map(({ row: _row, ...period }) => period),
  };
}

function proposedChanges(details: ResultDetails, form: ResultForm): string[] {
  return changedLabels(
    resultFormValues(details),
    resultFormValues(withProposedResult(details, form)),
    { type: f.type, title: f.title, description: f.description },
    [
      ['indicator', text.indicatorsTitle],
      ['period', text.periodsTitle],
    ],
  );
}

export function ResultPageView({
  frame,
  project,
  details,
  values,
  errors,
  draft,
  can,
  stale,
}: ResultPageProps) {
  const result = details?.result ?? null;
  const heading = result ? (can.edit ? text.editTitle(result.title) : result.title) : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
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
      optional={extra.optional ?? true}
    />
  );
  const select = (id: string, label: string, choices: Choice[], optional = false) => (
    <SelectField
      id={id}
      name={id}
      label={label}
      value={values[id]}
      error={errors[id]}
      choices={choices}
      optional={optional}
    />
  );
  const indicatorRows = shownRowCount(values, ROWS.indicator.significant, ROWS.indicator.max);
  const periodRows = shownRowCount(values, ROWS.period.significant, ROWS.period.max);
  const indicatorChoices: Choice[] = [
    { value: '', label: messages.projects.choose },
    ...Array.from({ length: indicatorRows }, (_, row) => ({
      value: String(row),
      label: values[rowField('indicator_title', row)]
        ? `${f.indicator(row + 1)} : ${values[rowField('indicator_title', row)]}`
        : f.indicator(row + 1),
    })),
  ];
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        <a href={`/gestion/projets/${project.project.id}`}>
          {messages.projects.backToProject} « {project.project.title} »
        </a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ version: 'title' }} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {result && can.delete ? (
        <div class="actions">
          <a href={`/gestion/resultats/${result.id}/historique`}>{text.history}</a>
          <a href={`/gestion/resultats/${result.id}/supprimer`}>{text.delete}</a>
        </div>
      ) : null}
      {details && draft ? (
        <ProposedChanges
          csrfToken={frame.csrfToken}
          href={`/gestion/resultats/${details.result.id}`}
          version={details.result.version}
          draft={draft}
          changes={proposedChanges(details, draft.form)}
          canReview={can.review}
          errors={errors}
        />
      ) : null}
      {can.edit ? (
        <form
          class="form"
          action={
            result ? `/gestion/resultats/${result.id}` : `/gestion/projets/${project.project.id}/resultats`
          }
          method="post"
          novalidate
        >
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          {result ? <VersionField value={values.version ?? ''} /> : null}
          {select(
            'type',
            f.type,
            RESULT_TYPES.map((type) => ({ value: String(type), label: text.types[type] ?? '' })),
          )}
          <TextField
            id="title"
            name="title"
            label={f.title}
            value={values.title}
            error={errors.title}
            maxLength={TITLE_MAX}
          />
          <TextAreaField
            id="description"
            name="description"
            label={f.description}
            value={values.description}
            error={errors.description}
            rows={4}
            optional
          />
          <h2>{text.indicatorsTitle}</h2>
          <p class="hint">{text.indicatorsHint}</p>
          {Array.from({ length: indicatorRows }, (_, row) => (
            <fieldset class="contact-row" key={`indicator-${row}`}>
              <legend>{f.indicator(row + 1)}</legend>
              {field(rowField('indicator_title', row), f.indicator_title)}
              {select(
                rowField('indicator_measure', row),
                f.indicator_measure,
                MEASURES.map((measure) => ({ value: String(measure), label: text.measures[measure] ?? '' })),
              )}
              {field(rowField('indicator_unit', row), f.indicator_unit, { hint: f.indicator_unitHint })}
              {field(rowField('indicator_baseline_year', row), f.indicator_baseline_year)}
              {field(rowField('indicator_baseline', row), f.indicator_baseline)}
              {field(rowField('indicator_target', row), f.indicator_target)}
              {field(rowField('indicator_comment', row), f.indicator_comment)}
            </fieldset>
          ))}
          <h2>{text.periodsTitle}</h2>
          <p class="hint">{text.periodsHint}</p>
          {Array.from({ length: periodRows }, (_, row) => (
            <fieldset class="contact-row" key={`period-${row}`}>
              <legend>{f.period(row + 1)}</legend>
              {select(rowField('period_indicator', row), f.period_indicator, indicatorChoices, true)}
              {field(rowField('period_start', row), f.period_start, { type: 'date' })}
              {field(rowField('period_end', row), f.period_end, { type: 'date' })}
              {field(rowField('period_actual', row), f.period_actual)}
              {field(rowField('period_comment', row), f.period_comment)}
            </fieldset>
          ))}
          <button type="submit">{result ? text.save : text.create}</button>
        </form>
      ) : details ? (
        <ResultSummary details={details} />
      ) : null}
    </AdminLayout>
  );
}

/** A result as the readers see it: each indicator with its baseline, target and values reached. */
export function ResultSummary({
  details,
}: {
  details: Pick<ResultDetails, 'result' | 'indicators' | 'periods'>;
}) {
  const number = (value: number | null, unit: string) =>
    value === null
      ? messages.history.emptyValue
      : `${value.toLocaleString('fr-FR', { maximumFractionDigits: 4 })}${unit ? ` ${unit}` : ''}`;
  return (
    <>
      {details.result.description ? <p class="preserve-lines">{details.result.description}</p> : null}
      <ul>
        {details.indicators.map((indicator) => (
          <li key={indicator.position}>
            <strong>{indicator.title}</strong> —{' '}
            {text.baselineTarget(
              number(indicator.baseline, indicator.unit),
              number(indicator.target, indicator.unit),
            )}
            <ul>
              {details.periods
                .filter((period) => period.indicator_position === indicator.position)
                .map((period) => (
                  <li key={`${period.period_start}-${period.period_end}`}>
                    {text.periodReached(
                      formatCalendarDateFr(period.period_start),
                      formatCalendarDateFr(period.period_end),
                      number(period.actual, indicator.unit),
                    )}
                    {period.comment ? ` (${period.comment})` : null}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

export function DeleteResultView({ frame, details }: { frame: AdminFrame; details: ResultDetails }) {
  const heading = text.deleteTitle(details.result.title);
  return (
    <AdminLayout frame={frame} title={heading}>
      <h1>{heading}</h1>
      <p>{text.deleteLead}</p>
      <ActionButton
        action={`/gestion/resultats/${details.result.id}/supprimer`}
        csrfToken={frame.csrfToken}
        variant="warning"
      >
        {text.deleteConfirm}
      </ActionButton>
      <p>
        <a href={`/gestion/resultats/${details.result.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
