import { eapdCategories, projectKinds } from '../../db/schema.js';
import { formatDateFr } from '../../platform/clock.js';
import { formatCalendarDateFr } from '../../platform/dates.js';
import { rowField, shownRowCount } from '../../platform/form-rows.js';
import { messages } from '../../platform/i18n/fr.js';
import { readCodelist } from '../../platform/iati/codelists.js';
import { languageName, textAttributes } from '../../platform/languages.js';
import { amountForInput, formatAmount, listCurrencies } from '../../platform/money.js';
import { formatNumberFr } from '../../platform/typography.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { CheckboxField, type Choice, SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { changedLabels, ProposedChanges } from '../../ui/ProposedChanges.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { describeInEuros } from '../exchange-rates/exchange-rules.js';
import { countryName, listCountries } from '../gazetteer/gazetteer.service.js';
import type { UpdateRow } from '../project-updates/project-updates.service.js';
import type { listResultsOf } from '../results/results.service.js';
import type { TransactionWithWarning } from '../transactions/transactions.service.js';
import type { ProjectForm as ProposedForm } from './projects.schemas.js';
import {
  MARKER_FIELDS,
  PARTNER_LANGUAGES,
  ROWS,
  SDG_GOALS,
  sdgField,
  TITLE_MAX,
} from './projects.schemas.js';
import type { getProjectDraft, ProjectChoices, ProjectDetails, ProjectRow } from './projects.service.js';

const text = messages.projects;
const money = messages.transactions;
const rates = messages.exchangeRates;
const f = text.fields;
const empty = messages.history.emptyValue;

export type ProjectFormValues = Record<string, string>;

const sectorName = (code: string) => {
  const item = readCodelist('Sector').find((s) => s.code === code);
  return item ? `${code} – ${item.nameFr ?? item.name}` : code;
};

const formatPercent = (value: number) => `${value.toLocaleString('fr-FR', { maximumFractionDigits: 2 })} %`;
const percentForInput = (value: number) =>
  value.toLocaleString('fr-FR', { maximumFractionDigits: 2, useGrouping: false });

export function projectDates(project: ProjectRow): string {
  const start = project.actual_start ?? project.planned_start;
  const end = project.actual_end ?? project.planned_end;
  if (!start && !end) return empty;
  return [start ? formatCalendarDateFr(start) : '…', end ? formatCalendarDateFr(end) : '…'].join(' – ');
}

export function ProjectsListView({
  frame,
  projects,
  canCreate,
}: {
  frame: AdminFrame;
  projects: ProjectRow[];
  canCreate: boolean;
}) {
  return (
    <AdminLayout frame={frame} title={text.listTitle}>
      <h1>{text.listTitle}</h1>
      <p>{text.intro}</p>
      {canCreate ? (
        <p>
          <a class="button-link" href="/gestion/projets/nouveau">
            {text.add}
          </a>
        </p>
      ) : null}
      {projects.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <ProjectsTable projects={projects} caption={text.tableCaption} />
      )}
    </AdminLayout>
  );
}

export function ProjectsTable({ projects, caption }: { projects: ProjectRow[]; caption: string }) {
  return (
    <TableRegion captionId="tableau-projets">
      <table class="table">
        <caption id="tableau-projets">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{text.columns.title}</th>
            <th scope="col">{text.columns.partner}</th>
            <th scope="col">{text.columns.status}</th>
            <th scope="col">{text.columns.dates}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/gestion/projets/${p.id}`}>{p.title}</a>
              </td>
              <td>{p.partner_name}</td>
              <td>{text.statuses[p.status]}</td>
              <td>{projectDates(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export function emptyProjectValues(partnershipId: string): ProjectFormValues {
  return {
    partnership_id: partnershipId,
    kind: 'sustainable_economy',
    status: '2',
    eapd_category: 'cooperation',
    version: '',
  };
}

export function projectFormValues(details: ProjectDetails): ProjectFormValues {
  const p = details.project;
  const values: ProjectFormValues = {
    title: p.title,
    partnership_id: p.partnership_id,
    convention_id: p.convention_id ?? '',
    kind: p.kind,
    status: String(p.status),
    eapd_category: p.eapd_category,
    description: p.description,
    partner_language: p.partner_language ?? '',
    title_partner: p.title_partner,
    description_partner: p.description_partner,
    planned_start: p.planned_start ?? '',
    planned_end: p.planned_end ?? '',
    actual_start: p.actual_start ?? '',
    actual_end: p.actual_end ?? '',
    version: String(p.version),
  };
  for (const field of MARKER_FIELDS) {
    const score = p[field];
    values[field] = score === null ? '' : String(score);
  }
  for (const goal of p.sdg_goals ? p.sdg_goals.split(',') : []) values[sdgField(goal)] = 'on';
  details.rows.sectors.forEach((s, row) => {
    values[rowField('sector', row)] = s.code;
    values[rowField('sector_percentage', row)] = percentForInput(s.percentage);
  });
  details.rows.countries.forEach((c, row) => {
    values[rowField('country', row)] = c.country;
    values[rowField('country_percentage', row)] = percentForInput(c.percentage);
  });
  details.rows.participants.forEach((o, row) => {
    values[rowField('participant', row)] = o.organisation_id;
    values[rowField('participant_role', row)] = String(o.role);
  });
  details.rows.locations.forEach((l, row) => {
    values[rowField('location', row)] = l.organisation_id;
  });
  details.rows.budgets.forEach((b, row) => {
    values[rowField('budget_kind', row)] = String(b.kind);
    values[rowField('budget_start', row)] = b.period_start;
    values[rowField('budget_end', row)] = b.period_end;
    values[rowField('budget_amount', row)] = amountForInput(b.amount_minor, b.currency);
    values[rowField('budget_currency', row)] = b.currency;
  });
  return values;
}

const conflictFields = Object.fromEntries(
  [
    'title',
    'partnership_id',
    'convention_id',
    'kind',
    'status',
    'eapd_category',
    'description',
    'partner_language',
    'title_partner',
    'description_partner',
    'planned_start',
    'planned_end',
    'actual_start',
    'actual_end',
  ].map((field) => [field, { label: (f as Record<string, unknown>)[field] as string }]),
);

/** The project as the proposed changes would make it: what a contributor's form goes on from. */
export function withProposedChanges(details: ProjectDetails, form: ProposedForm): ProjectDetails {
  return {
    ...details,
    project: { ...details.project, ...form.values },
    rows: {
      sectors: form.sectors,
      countries: form.countries,
      participants: form.participants,
      locations: form.locations,
      budgets: form.budgets,
    },
  };
}

/** The labels of what the proposed changes would change: fields by name, row groups by section. */
function proposedChanges(details: ProjectDetails, form: ProposedForm): string[] {
  return changedLabels(
    projectFormValues(details),
    projectFormValues(withProposedChanges(details, form)),
    Object.fromEntries(Object.entries(conflictFields).map(([field, { label }]) => [field, label])),
    [
      ['sector', text.sections.sectors],
      ['country', text.sections.countries],
      ['participant', text.sections.participants],
      ['location', text.sections.locations],
      ['budget', text.sections.budgets],
      ['marker', text.sections.markers],
      ['sdg', text.sections.goals],
    ],
  );
}

type ProjectDraft = NonNullable<Awaited<ReturnType<typeof getProjectDraft>>>;

export interface ProjectPageProps {
  frame: AdminFrame;
  details: ProjectDetails | null;
  values: ProjectFormValues;
  errors: Record<string, string>;
  choices: ProjectChoices | null;
  transactions: TransactionWithWarning[];
  updates: UpdateRow[];
  results: ProjectResult[];
  /** Changes a contributor proposed, waiting for an editor. */
  draft: ProjectDraft | null;
  can: {
    review: boolean;
    edit: boolean;
    delete: boolean;
    createTransaction: boolean;
    proposeUpdate: boolean;
  };
  stale?: StaleSave;
}

export function ProjectPageView({
  frame,
  details,
  values,
  errors,
  choices,
  transactions,
  updates,
  results,
  draft,
  can,
  stale,
}: ProjectPageProps) {
  const project = details?.project ?? null;
  const heading = project ? (can.edit ? text.editTitle(project.title) : project.title) : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        {details ? (
          <a href={`/gestion/partenariats/${details.partnership.id}`}>{text.backToPartnership}</a>
        ) : (
          <a href="/gestion/projets">{text.backToList}</a>
        )}
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ version: 'title', project: 'contenu' }} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {project && (can.edit || can.delete) ? (
        <div class="actions">
          <a href={`/gestion/projets/${project.id}/historique`}>{text.history}</a>
          {can.delete ? <a href={`/gestion/projets/${project.id}/supprimer`}>{text.delete}</a> : null}
        </div>
      ) : null}
      {details && draft ? (
        <ProposedChanges
          csrfToken={frame.csrfToken}
          href={`/gestion/projets/${details.project.id}`}
          version={details.project.version}
          draft={draft}
          changes={proposedChanges(details, draft.form)}
          canReview={can.review}
          errors={errors}
        />
      ) : null}
      {details && project?.partner_language && (project.title_partner || project.description_partner) ? (
        <PartnerText details={details} />
      ) : null}
      {details ? <UpdatesSection project={details} updates={updates} canPropose={can.proposeUpdate} /> : null}
      {can.edit && choices ? (
        <ProjectForm frame={frame} project={project} values={values} errors={errors} choices={choices} />
      ) : details ? (
        <ProjectReadOnly details={details} />
      ) : null}
      {details ? (
        <ResultsSection project={details} results={results} canCreate={can.createTransaction} />
      ) : null}
      {details ? (
        <section aria-labelledby="operations-titre">
          <h2 id="operations-titre">{text.sections.transactions}</h2>
          {can.createTransaction ? (
            <p>
              <a class="button-link" href={`/gestion/projets/${details.project.id}/operations/nouvelle`}>
                {messages.transactions.add}
              </a>
            </p>
          ) : null}
          <TransactionsTable transactions={transactions} />
        </section>
      ) : null}
    </AdminLayout>
  );
}

type ProjectResult = Awaited<ReturnType<typeof listResultsOf>>[number];

/** What the project achieves: each result with its indicators, their target and the last value reached. */
function ResultsSection({
  project,
  results,
  canCreate,
}: {
  project: ProjectDetails;
  results: ProjectResult[];
  canCreate: boolean;
}) {
  const r = messages.results;
  const number = (value: number | null, unit: string) =>
    value === null
      ? empty
      : `${value.toLocaleString('fr-FR', { maximumFractionDigits: 4 })}${unit ? ` ${unit}` : ''}`;
  return (
    <section aria-labelledby="resultats-titre">
      <h2 id="resultats-titre">{r.sectionTitle}</h2>
      {canCreate ? (
        <p>
          <a class="button-link" href={`/gestion/projets/${project.project.id}/resultats/nouveau`}>
            {r.add}
          </a>
        </p>
      ) : null}
      {results.length === 0 ? (
        <p>{r.empty}</p>
      ) : (
        <ul class="record-list">
          {results.map(({ result, indicators, periods }) => (
            <li key={result.id}>
              <a href={`/gestion/resultats/${result.id}`}>{result.title}</a> — {r.types[result.type]}
              <ul>
                {indicators.map((indicator) => {
                  const reached = periods
                    .filter(
                      (period) => period.indicator_position === indicator.position && period.actual !== null,
                    )
                    .sort((a, b) => (a.period_end < b.period_end ? 1 : -1))[0];
                  return (
                    <li key={indicator.position}>
                      {indicator.title} :{' '}
                      {r.baselineTarget(
                        number(indicator.baseline, indicator.unit),
                        number(indicator.target, indicator.unit),
                      )}
                      {reached
                        ? ` ; ${r.periodReached(formatCalendarDateFr(reached.period_start), formatCalendarDateFr(reached.period_end), number(reached.actual, indicator.unit))}`
                        : null}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The project's news, each in its own language and direction; those awaiting review marked. */
function UpdatesSection({
  project,
  updates,
  canPropose,
}: {
  project: ProjectDetails;
  updates: UpdateRow[];
  canPropose: boolean;
}) {
  const news = messages.projectUpdates;
  return (
    <section aria-labelledby="actualites-titre">
      <h2 id="actualites-titre">{news.sectionTitle}</h2>
      {canPropose ? (
        <p>
          <a class="button-link" href={`/gestion/projets/${project.project.id}/actualites/nouvelle`}>
            {news.propose}
          </a>
        </p>
      ) : null}
      {updates.length === 0 ? (
        <p>{news.empty}</p>
      ) : (
        updates.map((update) => (
          <article class="project-update" key={update.id}>
            <h3 {...textAttributes(update.language)}>
              <a href={`/gestion/actualites/${update.id}`}>{update.title}</a>
            </h3>
            <p class="hint">
              {update.status === 'published' ? null : <strong>{news.statuses[update.status]} · </strong>}
              {news.byOn(update.proposed_by_name ?? '', formatDateFr(update.proposed_at))}
            </p>
            <p class="preserve-lines" {...textAttributes(update.language)}>
              {update.body}
            </p>
          </article>
        ))
      )}
    </section>
  );
}

/** The title and description in the partner's language, with its lang and direction. */
function PartnerText({ details }: { details: ProjectDetails }) {
  const p = details.project;
  const language = p.partner_language ?? '';
  return (
    <section aria-labelledby="texte-partenaire" class="partner-text">
      <h2 id="texte-partenaire">
        {text.sections.partnerText} ({languageName(language)})
      </h2>
      {p.title_partner ? (
        <p {...textAttributes(language)}>
          <strong>{p.title_partner}</strong>
        </p>
      ) : null}
      {p.description_partner ? (
        <p {...textAttributes(language)} class="preserve-lines">
          {p.description_partner}
        </p>
      ) : null}
    </section>
  );
}

function ProjectForm({
  frame,
  project,
  values,
  errors,
  choices,
}: {
  frame: AdminFrame;
  project: ProjectRow | null;
  values: ProjectFormValues;
  errors: Record<string, string>;
  choices: ProjectChoices;
}) {
  const choose: Choice = { value: '', label: text.choose };
  const organisations: Choice[] = [
    choose,
    ...choices.organisations.map((o) => ({ value: o.id, label: o.name })),
  ];
  const conventions = choices.conventions.get(values.partnership_id ?? '') ?? [];
  const currencies = listCurrencies().map((c) => ({ value: c.code, label: c.name }));
  const sectors: Choice[] = [
    choose,
    ...readCodelist('Sector')
      .filter((s) => !s.withdrawn)
      .map((s) => ({ value: s.code, label: `${s.code} – ${s.nameFr ?? s.name}` })),
  ];
  const countries: Choice[] = [choose, ...listCountries().map((c) => ({ value: c.code, label: c.name }))];
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
  const select = (id: string, label: string, options: Choice[], optional = false, hint?: string) => (
    <SelectField
      id={id}
      name={id}
      label={label}
      hint={hint}
      value={values[id]}
      error={errors[id]}
      choices={options}
      optional={optional}
    />
  );
  const rows = (kind: keyof typeof ROWS, spare = 1) => {
    const definition = ROWS[kind];
    const significant = 'significant' in definition ? definition.significant : definition.names;
    return Array.from({ length: shownRowCount(values, significant, definition.max, spare) }, (_, row) => row);
  };
  return (
    <form
      class="form"
      action={project ? `/gestion/projets/${project.id}` : '/gestion/projets'}
      method="post"
      novalidate
    >
      <input type="hidden" name="_csrf" value={frame.csrfToken} />
      {project ? <VersionField value={values.version ?? ''} /> : null}
      <h2>{text.sections.identity}</h2>
      <TextField
        id="title"
        name="title"
        label={f.title}
        value={values.title}
        error={errors.title}
        maxLength={TITLE_MAX}
      />
      {select('partnership_id', f.partnership_id, [
        choose,
        ...choices.partnerships.map((p) => ({ value: p.id, label: `${p.local_name} – ${p.partner_name}` })),
      ])}
      {select(
        'convention_id',
        f.convention_id,
        [{ value: '', label: text.none }, ...conventions.map((c) => ({ value: c.id, label: c.title }))],
        true,
      )}
      {select(
        'kind',
        f.kind,
        projectKinds.map((kind) => ({ value: kind, label: text.kinds[kind] })),
      )}
      {select(
        'status',
        f.status,
        [1, 2, 3, 4, 5, 6].map((code) => ({
          value: String(code),
          label: text.statuses[code] ?? String(code),
        })),
      )}
      {select(
        'eapd_category',
        f.eapd_category,
        eapdCategories.map((category) => ({ value: category, label: text.eapdCategories[category] })),
      )}
      <TextAreaField
        id="description"
        name="description"
        label={f.description}
        value={values.description}
        error={errors.description}
        rows={6}
        optional
      />
      <h2>{text.sections.partnerText}</h2>
      {select(
        'partner_language',
        f.partner_language,
        [
          { value: '', label: text.none },
          ...PARTNER_LANGUAGES.map((code) => ({ value: code, label: languageName(code) })),
        ],
        true,
        f.partner_languageHint,
      )}
      {field('title_partner', f.title_partner)}
      <TextAreaField
        id="description_partner"
        name="description_partner"
        label={f.description_partner}
        value={values.description_partner}
        error={errors.description_partner}
        rows={4}
        optional
      />
      <h2>{text.sections.dates}</h2>
      {field('planned_start', f.planned_start, { type: 'date' })}
      {field('planned_end', f.planned_end, { type: 'date' })}
      {field('actual_start', f.actual_start, { type: 'date' })}
      {field('actual_end', f.actual_end, { type: 'date' })}
      <h2>{text.sections.sectors}</h2>
      <p class="hint">{text.hints.sectors}</p>
      {rows('sector').map((row) => (
        <fieldset class="contact-row" key={`sector-${row}`}>
          <legend>{f.sector(row + 1)}</legend>
          {select(rowField('sector', row), f.sector_code, sectors, true)}
          {field(rowField('sector_percentage', row), f.percentage)}
        </fieldset>
      ))}
      <h2>{text.sections.countries}</h2>
      <p class="hint">{text.hints.countries}</p>
      {rows('country').map((row) => (
        <fieldset class="contact-row" key={`country-${row}`}>
          <legend>{f.country(row + 1)}</legend>
          {select(rowField('country', row), f.country_code, countries, true)}
          {field(rowField('country_percentage', row), f.percentage)}
        </fieldset>
      ))}
      <h2>{text.sections.participants}</h2>
      <p class="hint">{text.hints.participants}</p>
      {rows('participant').map((row) => (
        <fieldset class="contact-row" key={`participant-${row}`}>
          <legend>{f.participant(row + 1)}</legend>
          {select(rowField('participant', row), f.participant_organisation, organisations, true)}
          {select(
            rowField('participant_role', row),
            f.participant_role,
            [choose, ...[1, 2, 3, 4].map((role) => ({ value: String(role), label: text.roles[role] ?? '' }))],
            true,
          )}
        </fieldset>
      ))}
      <h2>{text.sections.locations}</h2>
      <p class="hint">
        {text.hints.locations} <a href="/gestion/organisations/ajouter">{text.hints.addPlace}</a>
      </p>
      {rows('location').map((row) => (
        <div key={`location-${row}`}>
          {select(rowField('location', row), f.location(row + 1), organisations, true)}
        </div>
      ))}
      <h2>{text.sections.markers}</h2>
      <p class="hint">{text.hints.markers}</p>
      {MARKER_FIELDS.map((marker) =>
        select(
          marker,
          text.markers[marker],
          ['', '0', '1', '2'].map((level) => ({ value: level, label: text.markerLevels[level] ?? level })),
          true,
        ),
      )}
      <fieldset class="field">
        <legend>{text.sections.goals}</legend>
        {SDG_GOALS.map((goal) => {
          const item = readCodelist('UNSDG-Goals').find((g) => g.code === goal);
          return (
            <CheckboxField
              key={goal}
              id={sdgField(goal)}
              name={sdgField(goal)}
              label={item?.nameFr ?? f.goal(goal)}
              checked={values[sdgField(goal)] === 'on'}
              error={errors[sdgField(goal)]}
            />
          );
        })}
      </fieldset>
      <h2>{text.sections.budgets}</h2>
      <p class="hint">{text.hints.budgets}</p>
      {rows('budget').map((row) => (
        <fieldset class="contact-row" key={`budget-${row}`}>
          <legend>{f.budget(row + 1)}</legend>
          {select(
            rowField('budget_kind', row),
            f.budget_kind,
            [1, 2].map((kind) => ({ value: String(kind), label: text.budgetKinds[kind] ?? '' })),
          )}
          {field(rowField('budget_start', row), f.budget_start, { type: 'date' })}
          {field(rowField('budget_end', row), f.budget_end, { type: 'date' })}
          {field(rowField('budget_amount', row), f.budget_amount)}
          {select(rowField('budget_currency', row), f.budget_currency, currencies)}
        </fieldset>
      ))}
      <button type="submit">{project ? text.save : text.create}</button>
    </form>
  );
}

function ProjectReadOnly({ details }: { details: ProjectDetails }) {
  const p = details.project;
  const date = (value: string | null) => (value ? formatCalendarDateFr(value) : empty);
  const name = (id: string) => details.organisations.get(id)?.name ?? empty;
  const list = (items: string[]) => (items.length ? items.join(' ; ') : empty);
  return (
    <>
      <p class="notice">{text.readOnly}</p>
      <dl class="history-change">
        <dt>{f.partnership_id}</dt>
        <dd>{`${details.partnership.local_name} – ${details.partnership.partner_name}`}</dd>
        <dt>{f.convention_id}</dt>
        <dd>{details.convention?.title ?? empty}</dd>
        <dt>{f.kind}</dt>
        <dd>{text.kinds[p.kind]}</dd>
        <dt>{f.status}</dt>
        <dd>{text.statuses[p.status]}</dd>
        <dt>{f.eapd_category}</dt>
        <dd>{text.eapdCategories[p.eapd_category]}</dd>
        <dt>{f.description}</dt>
        <dd class="preserve-lines">{p.description || empty}</dd>
        <dt>{f.planned_start}</dt>
        <dd>{date(p.planned_start)}</dd>
        <dt>{f.planned_end}</dt>
        <dd>{date(p.planned_end)}</dd>
        <dt>{f.actual_start}</dt>
        <dd>{date(p.actual_start)}</dd>
        <dt>{f.actual_end}</dt>
        <dd>{date(p.actual_end)}</dd>
        <dt>{text.sections.sectors}</dt>
        <dd>
          {list(details.rows.sectors.map((s) => `${sectorName(s.code)} (${formatPercent(s.percentage)})`))}
        </dd>
        <dt>{text.sections.countries}</dt>
        <dd>
          {list(
            details.rows.countries.map(
              (c) => `${countryName(c.country) ?? c.country} (${formatPercent(c.percentage)})`,
            ),
          )}
        </dd>
        <dt>{text.sections.participants}</dt>
        <dd>
          {list(details.rows.participants.map((o) => `${name(o.organisation_id)} (${text.roles[o.role]})`))}
        </dd>
        <dt>{text.sections.locations}</dt>
        <dd>{list(details.rows.locations.map((l) => name(l.organisation_id)))}</dd>
        <dt>{text.sections.markers}</dt>
        <dd>
          {list(
            MARKER_FIELDS.filter((m) => p[m] !== null).map(
              (m) => `${text.markers[m]} : ${text.markerLevels[String(p[m])]}`,
            ),
          )}
        </dd>
        <dt>{text.sections.goals}</dt>
        <dd>{p.sdg_goals ? p.sdg_goals.split(',').map(f.goal).join(', ') : empty}</dd>
        <dt>{text.sections.budgets}</dt>
        <dd>
          {list(
            details.rows.budgets.map(
              (b) =>
                `${formatCalendarDateFr(b.period_start)} – ${formatCalendarDateFr(b.period_end)} : ${formatAmount(b.amount_minor, b.currency)} (${text.budgetKinds[b.kind]})`,
            ),
          )}
        </dd>
      </dl>
    </>
  );
}

/** A project's transactions, with the L1115-1 warning of each; on the project's page. */
export function TransactionsTable({ transactions }: { transactions: TransactionWithWarning[] }) {
  if (transactions.length === 0) return <p>{money.empty}</p>;
  return (
    <>
      <TableRegion captionId="tableau-operations">
        <table class="table">
          <caption id="tableau-operations">{money.listCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{money.columns.date}</th>
              <th scope="col">{money.columns.type}</th>
              <th scope="col">{money.columns.amount}</th>
              <th scope="col">{rates.inEuros}</th>
              <th scope="col">{money.columns.provider}</th>
              <th scope="col">{money.columns.receiver}</th>
              <th scope="col">{money.columns.warning}</th>
            </tr>
          </thead>
          <tbody>
            {transactions.map(({ transaction: t, warning, inEuros }) => (
              <tr key={t.id}>
                <td>
                  <a href={`/gestion/operations/${t.id}`}>{formatCalendarDateFr(t.transaction_date)}</a>
                </td>
                <td>{money.types[t.type] ?? t.type}</td>
                <td class="number">{formatAmount(t.amount_minor, t.currency)}</td>
                <td class="number">
                  <EurosOf currency={t.currency} inEuros={inEuros} />
                </td>
                <td>{t.provider_name ?? empty}</td>
                <td>{t.receiver_name ?? empty}</td>
                <td>{warning ?? empty}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <TransactionTotals transactions={transactions} />
    </>
  );
}

/** An amount in euros, with the rate it was converted at; or why it was not. */
export function EurosOf({
  currency,
  inEuros,
}: {
  currency: string;
  inEuros: TransactionWithWarning['inEuros'];
}) {
  const shown = describeInEuros(currency, inEuros);
  if ('missing' in shown) return <span class="hint">{shown.missing}</span>;
  return (
    <>
      {shown.euros}
      {shown.rateUsed ? <span class="hint"> ({shown.rateUsed})</span> : null}
    </>
  );
}

/** The project's transactions by type, in euros at the rate of each one's date. */
function TransactionTotals({ transactions }: { transactions: TransactionWithWarning[] }) {
  const byType = new Map<number, { cents: number; count: number }>();
  let missing = 0;
  for (const { transaction, inEuros } of transactions) {
    if (!inEuros) {
      missing += 1;
      continue;
    }
    const total = byType.get(transaction.type) ?? { cents: 0, count: 0 };
    byType.set(transaction.type, { cents: total.cents + inEuros.cents, count: total.count + 1 });
  }
  return (
    <>
      <TableRegion captionId="tableau-totaux">
        <table class="table">
          <caption id="tableau-totaux">{rates.totalsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{rates.totalColumns.type}</th>
              <th scope="col">{rates.totalColumns.total}</th>
              <th scope="col">{rates.totalColumns.count}</th>
            </tr>
          </thead>
          <tbody>
            {[...byType.entries()].map(([type, total]) => (
              <tr key={type}>
                <th scope="row">{money.types[type] ?? type}</th>
                <td class="number">{formatAmount(total.cents, 'EUR')}</td>
                <td class="number">{formatNumberFr(total.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {missing > 0 ? <p class="notice">{rates.missing(missing)}</p> : null}
    </>
  );
}

export function DeleteProjectView({
  frame,
  details,
  refused,
  along,
  error,
}: {
  frame: AdminFrame;
  details: ProjectDetails;
  refused: string | null;
  /** What goes to the trash with it. */
  along: { transactions: number; updates: number; results: number };
  error: string | null;
}) {
  const heading = text.deleteTitle(details.project.title);
  return (
    <AdminLayout frame={frame} title={error ? messages.form.pageTitleError(heading) : heading}>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <h1>{heading}</h1>
      {refused ? (
        error ? null : (
          <p>{refused}</p>
        )
      ) : (
        <>
          <p>{text.deleteLead}</p>
          {along.transactions + along.updates + along.results > 0 ? (
            <p>{text.deleteAlong(along.transactions, along.updates, along.results)}</p>
          ) : null}
          <ActionButton
            action={`/gestion/projets/${details.project.id}/supprimer`}
            csrfToken={frame.csrfToken}
            variant="warning"
          >
            {text.deleteConfirm}
          </ActionButton>
        </>
      )}
      <p>
        <a href={`/gestion/projets/${details.project.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
