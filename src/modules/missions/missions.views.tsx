import { formatCalendarDateFr } from '../../platform/dates.js';
import { rowField, shownRowCount } from '../../platform/form-rows.js';
import { messages } from '../../platform/i18n/fr.js';
import { formatAmount } from '../../platform/money.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { type Choice, SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { changedLabels, ProposedChanges } from '../../ui/ProposedChanges.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { DIRECTIONS, type MissionForm as ProposedForm, ROWS, TITLE_MAX } from './missions.schemas.js';
import type { getMissionDraft, MissionChoices, MissionDetails, MissionRow } from './missions.service.js';

const text = messages.missions;
const f = text.fields;
const empty = messages.history.emptyValue;

export type MissionFormValues = Record<string, string>;

const missionDates = (m: Pick<MissionRow, 'start_date' | 'end_date'>) =>
  m.start_date === m.end_date
    ? formatCalendarDateFr(m.start_date)
    : `${formatCalendarDateFr(m.start_date)} – ${formatCalendarDateFr(m.end_date)}`;

export function MissionsListView({
  frame,
  missions,
  canCreate,
}: {
  frame: AdminFrame;
  missions: MissionRow[];
  canCreate: boolean;
}) {
  return (
    <AdminLayout frame={frame} title={text.listTitle}>
      <h1>{text.listTitle}</h1>
      <p>{text.intro}</p>
      {canCreate ? (
        <p>
          <a class="button-link" href="/gestion/missions/nouvelle">
            {text.add}
          </a>
        </p>
      ) : null}
      {missions.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-missions">
          <table class="table">
            <caption id="tableau-missions">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.title}</th>
                <th scope="col">{text.columns.direction}</th>
                <th scope="col">{text.columns.partner}</th>
                <th scope="col">{text.columns.dates}</th>
              </tr>
            </thead>
            <tbody>
              {missions.map((m) => (
                <tr key={m.id}>
                  <td>
                    <a href={`/gestion/missions/${m.id}`}>{m.title}</a>
                  </td>
                  <td>{text.directions[m.direction]}</td>
                  <td>{m.partner_name}</td>
                  <td>{missionDates(m)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </AdminLayout>
  );
}

export function emptyMissionValues(partnershipId: string, projectId: string): MissionFormValues {
  return { partnership_id: partnershipId, project_id: projectId, direction: 'outgoing', version: '' };
}

export function missionFormValues(details: MissionDetails): MissionFormValues {
  const m = details.mission;
  const values: MissionFormValues = {
    title: m.title,
    partnership_id: m.partnership_id,
    project_id: m.project_id ?? '',
    direction: m.direction,
    start_date: m.start_date,
    end_date: m.end_date,
    purpose: m.purpose,
    report: m.report,
    version: String(m.version),
  };
  details.rows.places.forEach((place, row) => {
    values[rowField('place', row)] = place.organisation_id;
  });
  details.rows.participants.forEach((participant, row) => {
    values[rowField('participant_name', row)] = participant.name;
    values[rowField('participant_role', row)] = participant.role;
    values[rowField('participant_organisation', row)] = participant.organisation_id ?? '';
  });
  details.rows.photos.forEach((photo, row) => {
    values[rowField('photo', row)] = photo.media_id;
    values[rowField('photo_caption', row)] = photo.caption;
  });
  details.rows.costs.forEach((cost, row) => {
    values[rowField('cost', row)] = cost.transaction_id;
  });
  return values;
}

const conflictFields = Object.fromEntries(
  ['title', 'partnership_id', 'project_id', 'direction', 'start_date', 'end_date', 'purpose', 'report'].map(
    (field) => [field, { label: (f as Record<string, unknown>)[field] as string }],
  ),
);

export interface MissionPageProps {
  frame: AdminFrame;
  details: MissionDetails | null;
  values: MissionFormValues;
  errors: Record<string, string>;
  choices: MissionChoices | null;
  /** Changes a contributor proposed, waiting for an editor (or sent back to their author). */
  draft: MissionDraft | null;
  can: { edit: boolean; delete: boolean; review: boolean };
  stale?: StaleSave;
}

type MissionDraft = NonNullable<Awaited<ReturnType<typeof getMissionDraft>>>;

/** The mission as the proposed changes would make it: what a contributor's form goes on from. */
export function withProposedMission(details: MissionDetails, form: ProposedForm): MissionDetails {
  const { places, participants, photos, costs } = form;
  return {
    ...details,
    mission: { ...details.mission, ...form.values },
    rows: { places, participants, photos, costs },
  };
}

function proposedChanges(details: MissionDetails, form: ProposedForm): string[] {
  return changedLabels(
    missionFormValues(details),
    missionFormValues(withProposedMission(details, form)),
    Object.fromEntries(Object.entries(conflictFields).map(([field, { label }]) => [field, label])),
    [
      ['place', text.placesTitle],
      ['participant', text.participantsTitle],
      ['photo', text.photosTitle],
      ['cost', text.costsTitle],
    ],
  );
}

export function MissionPageView({
  frame,
  details,
  values,
  errors,
  choices,
  draft,
  can,
  stale,
}: MissionPageProps) {
  const mission = details?.mission ?? null;
  const heading = mission ? (can.edit ? text.editTitle(mission.title) : mission.title) : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        {details ? (
          <a href={`/gestion/partenariats/${details.partnership.id}`}>
            {messages.projects.backToPartnership}
          </a>
        ) : (
          <a href="/gestion/missions">{text.backToList}</a>
        )}
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ version: 'title' }} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {mission && can.delete ? (
        <div class="actions">
          <a href={`/gestion/missions/${mission.id}/historique`}>{text.history}</a>
          <a href={`/gestion/missions/${mission.id}/supprimer`}>{text.delete}</a>
        </div>
      ) : null}
      {details && draft ? (
        <ProposedChanges
          csrfToken={frame.csrfToken}
          href={`/gestion/missions/${details.mission.id}`}
          version={details.mission.version}
          draft={draft}
          changes={proposedChanges(details, draft.form)}
          canReview={can.review}
          errors={errors}
        />
      ) : null}
      {details ? <MissionPhotos details={details} /> : null}
      {can.edit && choices ? (
        <MissionForm frame={frame} mission={mission} values={values} errors={errors} choices={choices} />
      ) : details ? (
        <MissionReadOnly details={details} />
      ) : null}
    </AdminLayout>
  );
}

/** The mission's photos as figures, each with its alternative text and its caption. */
function MissionPhotos({ details }: { details: MissionDetails }) {
  if (details.photos.length === 0) return null;
  return (
    <section aria-labelledby="photos-titre">
      <h2 id="photos-titre">{text.photosTitle}</h2>
      {details.photos.map(({ media, caption }) => (
        <figure class="figure" key={media.id}>
          <img
            src={`/medias/${media.id}/${media.storage_key.split('/').pop()}`}
            alt={media.alt_text}
            width={media.width}
            height={media.height}
            loading="lazy"
          />
          {caption ? <figcaption>{caption}</figcaption> : null}
        </figure>
      ))}
    </section>
  );
}

function MissionForm({
  frame,
  mission,
  values,
  errors,
  choices,
}: {
  frame: AdminFrame;
  mission: MissionRow | null;
  values: MissionFormValues;
  errors: Record<string, string>;
  choices: MissionChoices;
}) {
  const choose: Choice = { value: '', label: messages.projects.choose };
  const none: Choice = { value: '', label: messages.projects.none };
  const organisations: Choice[] = [
    choose,
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
      optional={extra.optional ?? true}
    />
  );
  const select = (id: string, label: string, options: Choice[], optional = true) => (
    <SelectField
      id={id}
      name={id}
      label={label}
      value={values[id]}
      error={errors[id]}
      choices={options}
      optional={optional}
    />
  );
  const rows = (kind: keyof typeof ROWS) =>
    Array.from({ length: shownRowCount(values, ROWS[kind].names, ROWS[kind].max) }, (_, row) => row);
  return (
    <form
      class="form"
      action={mission ? `/gestion/missions/${mission.id}` : '/gestion/missions'}
      method="post"
      novalidate
    >
      <input type="hidden" name="_csrf" value={frame.csrfToken} />
      {mission ? <VersionField value={values.version ?? ''} /> : null}
      <TextField
        id="title"
        name="title"
        label={f.title}
        value={values.title}
        error={errors.title}
        maxLength={TITLE_MAX}
      />
      {select(
        'partnership_id',
        f.partnership_id,
        [
          choose,
          ...choices.partnerships.map((p) => ({ value: p.id, label: `${p.local_name} – ${p.partner_name}` })),
        ],
        false,
      )}
      {select('project_id', f.project_id, [
        none,
        ...choices.projects
          .filter((p) => p.partnership_id === values.partnership_id)
          .map((p) => ({ value: p.id, label: p.title })),
      ])}
      {select(
        'direction',
        f.direction,
        DIRECTIONS.map((direction) => ({ value: direction, label: text.directions[direction] })),
        false,
      )}
      {field('start_date', f.start_date, { type: 'date', optional: false })}
      {field('end_date', f.end_date, { type: 'date', optional: false })}
      <TextAreaField
        id="purpose"
        name="purpose"
        label={f.purpose}
        value={values.purpose}
        error={errors.purpose}
        rows={4}
        optional
      />
      <h2>{text.placesTitle}</h2>
      <p class="hint">{text.placesHint}</p>
      {rows('place').map((row) => (
        <div key={`place-${row}`}>{select(rowField('place', row), f.place(row + 1), organisations)}</div>
      ))}
      <h2>{text.participantsTitle}</h2>
      <p class="hint">{text.participantsHint}</p>
      {rows('participant').map((row) => (
        <fieldset class="contact-row" key={`participant-${row}`}>
          <legend>{f.participant(row + 1)}</legend>
          {field(rowField('participant_name', row), f.participant_name)}
          {field(rowField('participant_role', row), f.participant_role)}
          {select(rowField('participant_organisation', row), f.participant_organisation, [
            none,
            ...organisations.slice(1),
          ])}
        </fieldset>
      ))}
      <h2>{text.photosTitle}</h2>
      <p class="hint">{text.photosHint}</p>
      {rows('photo').map((row) => (
        <fieldset class="contact-row" key={`photo-${row}`}>
          <legend>{f.photo(row + 1)}</legend>
          {select(rowField('photo', row), f.photo_image, [
            choose,
            ...choices.media.map((m) => ({ value: m.id, label: m.name })),
          ])}
          {field(rowField('photo_caption', row), f.photo_caption)}
        </fieldset>
      ))}
      <h2>{text.costsTitle}</h2>
      <p class="hint">{text.costsHint}</p>
      {rows('cost').map((row) => (
        <div key={`cost-${row}`}>
          {select(rowField('cost', row), f.cost(row + 1), [
            choose,
            ...choices.transactions.map((t) => ({
              value: t.id,
              label: `${t.project_title} – ${formatCalendarDateFr(t.transaction_date)} – ${formatAmount(t.amount_minor, t.currency)}`,
            })),
          ])}
        </div>
      ))}
      <h2>{text.reportTitle}</h2>
      <TextAreaField
        id="report"
        name="report"
        label={f.report}
        hint={f.reportHint}
        value={values.report}
        error={errors.report}
        rows={10}
        optional
      />
      <button type="submit">{mission ? text.save : text.create}</button>
    </form>
  );
}

function MissionReadOnly({ details }: { details: MissionDetails }) {
  const m = details.mission;
  const name = (id: string | null) => (id ? (details.organisations.get(id)?.name ?? empty) : empty);
  const list = (items: string[]) => (items.length ? items.join(' ; ') : empty);
  return (
    <>
      <p class="notice">{text.readOnly}</p>
      <dl class="history-change">
        <dt>{f.direction}</dt>
        <dd>{text.directions[m.direction]}</dd>
        <dt>{text.columns.dates}</dt>
        <dd>{missionDates(m)}</dd>
        <dt>{f.purpose}</dt>
        <dd class="preserve-lines">{m.purpose || empty}</dd>
        <dt>{text.placesTitle}</dt>
        <dd>{list(details.rows.places.map((p) => name(p.organisation_id)))}</dd>
        <dt>{text.participantsTitle}</dt>
        <dd>
          {list(
            details.rows.participants.map((p) =>
              [p.name, p.role, p.organisation_id ? name(p.organisation_id) : ''].filter(Boolean).join(', '),
            ),
          )}
        </dd>
        <dt>{text.costsTitle}</dt>
        <dd>
          {list(
            details.costs.map(
              (t) =>
                `${formatCalendarDateFr(t.transaction_date)} – ${formatAmount(t.amount_minor, t.currency)}`,
            ),
          )}
        </dd>
      </dl>
      <h2>{text.reportTitle}</h2>
      <p class="preserve-lines">{m.report || text.noReport}</p>
    </>
  );
}

export function DeleteMissionView({ frame, details }: { frame: AdminFrame; details: MissionDetails }) {
  const heading = text.deleteTitle(details.mission.title);
  return (
    <AdminLayout frame={frame} title={heading}>
      <h1>{heading}</h1>
      <p>{text.deleteLead}</p>
      <ActionButton
        action={`/gestion/missions/${details.mission.id}/supprimer`}
        csrfToken={frame.csrfToken}
        variant="warning"
      >
        {text.deleteConfirm}
      </ActionButton>
      <p>
        <a href={`/gestion/missions/${details.mission.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
