import type { Organisation, OrganisationContact } from '../../db/schema.js';
import { organisationKinds } from '../../db/schema.js';
import { messages } from '../../platform/i18n/fr.js';
import { readCodelist } from '../../platform/iati/codelists.js';
import { formatPhoneForDisplay, formatPhoneForInput } from '../../platform/phone.js';
import { assetHref } from '../../platform/static-assets.js';
import { formatNumberFr } from '../../platform/typography.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { TableRegion } from '../../ui/TableRegion.js';
import {
  countryName,
  listCountries,
  MIN_SEARCH_LENGTH,
  type StoredPlace,
} from '../gazetteer/gazetteer.service.js';
import {
  CONTACT_ROWS_MAX,
  contactFieldsOf,
  EMPTY_CONTACT_ROWS,
  NAME_MAX,
  type OrganisationField,
} from './organisations.schemas.js';
import type { OrganisationDeletionPlan, OrganisationDetails, PickerResult } from './organisations.service.js';

const text = messages.organisations;
const empty = messages.history.emptyValue;

export function OrganisationsListView({
  frame,
  organisations,
  canCreate,
}: {
  frame: AdminFrame;
  organisations: Organisation[];
  canCreate: boolean;
}) {
  return (
    <AdminLayout frame={frame} title={text.listTitle}>
      <h1>{text.listTitle}</h1>
      <p>{text.intro}</p>
      {canCreate ? (
        <p>
          <a class="button-link" href="/gestion/organisations/ajouter">
            {text.add}
          </a>
        </p>
      ) : null}
      {organisations.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-organisations">
          <table class="table">
            <caption id="tableau-organisations">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.name}</th>
                <th scope="col">{text.columns.kind}</th>
                <th scope="col">{text.columns.country}</th>
                <th scope="col">{text.columns.place}</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.id}>
                  <td>
                    <a href={`/gestion/organisations/${organisation.id}`}>{organisation.name}</a>
                  </td>
                  <td>{text.kinds[organisation.kind]}</td>
                  <td>{countryName(organisation.country_code) ?? organisation.country_code}</td>
                  <td>{organisation.gazetteer_key ? text.fromGazetteer : text.typedByHand}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </AdminLayout>
  );
}

/** « Commune · Hautes-Alpes (05) · 2 278 hab. »: what tells two places of one name apart. */
export function placeSummary(place: StoredPlace): string {
  const parts = [text.picker.placeKinds[place.kind] ?? place.kind, place.detail];
  if (place.population) parts.push(text.picker.population(place.population));
  return parts.filter(Boolean).join(' · ');
}

/**
 * The gazetteer picker without JavaScript: a search (GET), then the results, each with its own
 * « Ajouter » button (POST). With JavaScript, place-picker.js makes the field a combobox whose
 * suggestions come from /gestion/repertoire/suggestions.
 */
export function PlacePickerView({
  frame,
  query,
  results,
  error,
}: {
  frame: AdminFrame;
  query: string;
  results: PickerResult[] | null;
  error?: string;
}) {
  const p = text.picker;
  const tooShort = query !== '' && query.trim().length < MIN_SEARCH_LENGTH;
  const fieldError = error ?? (tooShort ? p.tooShort : undefined);
  return (
    <AdminLayout
      frame={frame}
      title={fieldError ? messages.form.pageTitleError(p.title) : query ? `${p.title} : ${query}` : p.title}
    >
      <p>
        <a href="/gestion/organisations">{text.backToList}</a>
      </p>
      <h1>{p.title}</h1>
      <p>{p.lead}</p>
      <form
        class="form place-search"
        action="/gestion/organisations/ajouter"
        method="get"
        data-place-picker="/gestion/repertoire/suggestions"
      >
        <TextField
          id="q"
          name="q"
          label={p.searchLabel}
          hint={p.searchHint}
          value={query}
          error={fieldError}
          autocomplete="off"
          maxLength={100}
        />
        <button type="submit">{p.searchButton}</button>
      </form>
      {/* What place-picker.js submits when a suggestion is chosen: the same POST as « Ajouter ». */}
      <form id="place-picker-add" action="/gestion/organisations/ajouter" method="post" hidden>
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <input type="hidden" name="place" value="" />
        <button type="submit" hidden>
          {p.chooseVisible}
        </button>
      </form>
      <script src={assetHref('place-picker.js')} defer />
      {results !== null && !tooShort ? (
        <section aria-labelledby="resultats-titre">
          <h2 id="resultats-titre">{p.results(results.length, query.trim())}</h2>
          {results.length > 0 ? (
            <ul class="place-results">
              {results.map(({ place, organisationId }) => (
                <li key={place.key}>
                  <p class="place-results__name">
                    <strong>{place.name}</strong>
                    <br />
                    <span class="field__hint">{placeSummary(place)}</span>
                  </p>
                  {organisationId ? (
                    <a href={`/gestion/organisations/${organisationId}`}>{p.alreadyHere}</a>
                  ) : (
                    <form action="/gestion/organisations/ajouter" method="post">
                      <input type="hidden" name="_csrf" value={frame.csrfToken} />
                      <input type="hidden" name="place" value={place.key} />
                      <button type="submit" class="button-secondary" aria-label={p.choose(place.name)}>
                        {p.chooseVisible}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="saisie-titre">
        <h2 id="saisie-titre">{p.byHandTitle}</h2>
        <p>{p.byHandLead}</p>
        <p>
          <a href="/gestion/organisations/nouvelle">{p.byHand}</a>
        </p>
      </section>
    </AdminLayout>
  );
}

export type OrganisationFormValues = Record<OrganisationField, string>;

const decimal = (value: number | null) =>
  value === null ? '' : formatNumberFr(value, { maximumFractionDigits: 6, useGrouping: false });

export function emptyOrganisationValues(): OrganisationFormValues {
  const values = Object.fromEntries(
    Array.from({ length: CONTACT_ROWS_MAX }, (_, row) =>
      contactFieldsOf(row).map((field) => [field, '']),
    ).flat(),
  ) as Record<string, string>;
  return {
    ...values,
    name: '',
    kind: 'ngo',
    country_code: 'FR',
    siren: '',
    insee_code: '',
    geonames_id: '',
    iati_ref: '',
    iati_type: '',
    address: '',
    latitude: '',
    longitude: '',
    population: '',
    website: '',
    languages: 'fr',
    version: '',
  } as OrganisationFormValues;
}

export function organisationFormValues(
  organisation: Organisation,
  contacts: OrganisationContact[],
): OrganisationFormValues {
  const values = emptyOrganisationValues() as Record<string, string>;
  contacts.slice(0, CONTACT_ROWS_MAX).forEach((contact, row) => {
    const [name, role, email, phone] = contactFieldsOf(row);
    values[name] = contact.name;
    values[role] = contact.role;
    values[email] = contact.email;
    values[phone] = formatPhoneForInput(contact.phone);
  });
  return {
    ...(values as OrganisationFormValues),
    name: organisation.name,
    kind: organisation.kind,
    country_code: organisation.country_code,
    siren: organisation.siren ?? '',
    insee_code: organisation.insee_code ?? '',
    geonames_id: organisation.geonames_id === null ? '' : String(organisation.geonames_id),
    iati_ref: organisation.iati_ref,
    iati_type: organisation.iati_type,
    address: organisation.address,
    latitude: decimal(organisation.latitude),
    longitude: decimal(organisation.longitude),
    population: organisation.population === null ? '' : String(organisation.population),
    website: organisation.website ?? '',
    languages: organisation.languages.join(', '),
    version: String(organisation.version),
  };
}

/** How many contact rows the form shows: those filled, and two empty ones. */
function contactRowCount(values: OrganisationFormValues): number {
  const record = values as Record<string, string>;
  let filled = 0;
  for (let row = 0; row < CONTACT_ROWS_MAX; row += 1) {
    if (contactFieldsOf(row).some((field) => record[field])) filled = row + 1;
  }
  return Math.min(CONTACT_ROWS_MAX, filled + EMPTY_CONTACT_ROWS);
}

const conflictFields = {
  name: { label: text.fields.name },
  kind: {
    label: text.fields.kind,
    show: (value: unknown) => text.kinds[value as keyof typeof text.kinds] ?? String(value),
  },
  country_code: {
    label: text.fields.country_code,
    show: (value: unknown) => countryName(String(value)) ?? String(value),
  },
  siren: { label: text.fields.siren },
  insee_code: { label: text.fields.insee_code },
  geonames_id: { label: text.fields.geonames_id },
  iati_ref: { label: text.fields.iati_ref },
  iati_type: { label: text.fields.iati_type },
  address: { label: text.fields.address },
  latitude: { label: text.fields.latitude },
  longitude: { label: text.fields.longitude },
  population: { label: text.fields.population },
  website: { label: text.fields.website },
  languages: { label: text.fields.languages },
};

function iatiTypeChoices() {
  return [
    { value: '', label: text.noIatiType },
    ...readCodelist('OrganisationType')
      .filter((item) => !item.withdrawn)
      .map((item) => ({
        value: item.code,
        label: `${item.code} – ${text.iatiTypes[item.code] ?? item.nameFr ?? item.name}`,
      })),
  ];
}

export interface OrganisationFormProps {
  frame: AdminFrame;
  details: OrganisationDetails | null;
  values: OrganisationFormValues;
  errors: Record<string, string>;
  can: { edit: boolean; delete: boolean };
  stale?: StaleSave;
}

export function OrganisationFormView({ frame, details, values, errors, can, stale }: OrganisationFormProps) {
  const organisation = details?.organisation ?? null;
  const heading = organisation
    ? can.edit
      ? text.editTitle(organisation.name)
      : organisation.name
    : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
  const f = text.fields;
  const record = values as Record<string, string>;
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        <a href="/gestion/organisations">{text.backToList}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ version: 'name', organisation: 'contenu' }} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {organisation ? (
        <div class="actions">
          <a href={`/gestion/organisations/${organisation.id}/historique`}>{text.history}</a>
          {can.delete ? (
            <a href={`/gestion/organisations/${organisation.id}/supprimer`}>{text.delete}</a>
          ) : null}
        </div>
      ) : null}
      {details?.place ? <p class="hint">{text.gazetteerOrigin(placeSummary(details.place))}</p> : null}
      {details && details.members.length > 0 ? (
        <section aria-labelledby="membres-titre">
          <h2 id="membres-titre">{text.members(details.members.length)}</h2>
          <ul class="columns-list">
            {details.members.map((member) => (
              <li key={member.key}>
                {member.name} ({member.insee_code})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {can.edit ? (
        <form
          class="form"
          action={organisation ? `/gestion/organisations/${organisation.id}` : '/gestion/organisations'}
          method="post"
          novalidate
        >
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          {organisation ? <VersionField value={values.version ?? ''} /> : null}
          <h2>{text.sections.identity}</h2>
          <TextField
            id="name"
            name="name"
            label={f.name}
            value={values.name}
            error={errors.name}
            maxLength={NAME_MAX}
          />
          <SelectField
            id="kind"
            name="kind"
            label={f.kind}
            value={values.kind}
            error={errors.kind}
            choices={organisationKinds.map((kind) => ({ value: kind, label: text.kinds[kind] }))}
          />
          <SelectField
            id="country_code"
            name="country_code"
            label={f.country_code}
            value={values.country_code}
            error={errors.country_code}
            choices={listCountries().map((country) => ({ value: country.code, label: country.name }))}
          />
          <TextField
            id="languages"
            name="languages"
            label={f.languages}
            hint={f.languagesHint}
            value={values.languages}
            error={errors.languages}
            autocomplete="off"
            optional
          />
          <TextField
            id="website"
            name="website"
            type="url"
            label={f.website}
            hint={f.websiteHint}
            value={values.website}
            error={errors.website}
            autocomplete="off"
            optional
          />
          <TextField
            id="population"
            name="population"
            label={f.population}
            value={values.population}
            error={errors.population}
            autocomplete="off"
            optional
          />
          <h2>{text.sections.identifiers}</h2>
          <TextField
            id="siren"
            name="siren"
            label={f.siren}
            hint={f.sirenHint}
            value={values.siren}
            error={errors.siren}
            autocomplete="off"
            optional
          />
          <TextField
            id="insee_code"
            name="insee_code"
            label={f.insee_code}
            hint={f.insee_codeHint}
            value={values.insee_code}
            error={errors.insee_code}
            autocomplete="off"
            optional
          />
          <TextField
            id="geonames_id"
            name="geonames_id"
            label={f.geonames_id}
            value={values.geonames_id}
            error={errors.geonames_id}
            autocomplete="off"
            optional
          />
          <TextField
            id="iati_ref"
            name="iati_ref"
            label={f.iati_ref}
            hint={f.iati_refHint}
            value={values.iati_ref}
            error={errors.iati_ref}
            autocomplete="off"
            optional
          />
          <SelectField
            id="iati_type"
            name="iati_type"
            label={f.iati_type}
            value={values.iati_type}
            error={errors.iati_type}
            choices={iatiTypeChoices()}
            optional
          />
          <h2>{text.sections.place}</h2>
          <TextAreaField
            id="address"
            name="address"
            label={f.address}
            value={values.address}
            error={errors.address}
            rows={3}
            optional
          />
          <TextField
            id="latitude"
            name="latitude"
            label={f.latitude}
            hint={f.positionHint}
            value={values.latitude}
            error={errors.latitude}
            autocomplete="off"
            optional
          />
          <TextField
            id="longitude"
            name="longitude"
            label={f.longitude}
            value={values.longitude}
            error={errors.longitude}
            autocomplete="off"
            optional
          />
          <h2>{text.sections.contacts}</h2>
          <p class="hint">{text.contactsHint}</p>
          {Array.from({ length: contactRowCount(values) }, (_, row) => {
            const [name, role, email, phone] = contactFieldsOf(row);
            return (
              <fieldset class="contact-row" key={name}>
                <legend>{text.contactRow(row + 1)}</legend>
                <TextField
                  id={name}
                  name={name}
                  label={f.contactName}
                  value={record[name]}
                  error={errors[name]}
                  autocomplete="off"
                  optional
                />
                <TextField
                  id={role}
                  name={role}
                  label={f.contactRole}
                  value={record[role]}
                  error={errors[role]}
                  autocomplete="off"
                  optional
                />
                <TextField
                  id={email}
                  name={email}
                  type="email"
                  label={f.contactEmail}
                  value={record[email]}
                  error={errors[email]}
                  autocomplete="off"
                  optional
                />
                <TextField
                  id={phone}
                  name={phone}
                  type="tel"
                  label={f.contactPhone}
                  value={record[phone]}
                  error={errors[phone]}
                  autocomplete="off"
                  optional
                />
              </fieldset>
            );
          })}
          <button type="submit">{organisation ? text.save : text.create}</button>
        </form>
      ) : organisation ? (
        <OrganisationReadOnly details={details!} />
      ) : null}
    </AdminLayout>
  );
}

function OrganisationReadOnly({ details }: { details: OrganisationDetails }) {
  const { organisation: o, contacts } = details;
  const f = text.fields;
  const value = (shown: string | null | undefined) => (shown ? shown : empty);
  return (
    <>
      <p class="notice">{text.readOnly}</p>
      <dl class="history-change">
        <dt>{f.kind}</dt>
        <dd>{text.kinds[o.kind]}</dd>
        <dt>{f.country_code}</dt>
        <dd>{countryName(o.country_code) ?? o.country_code}</dd>
        <dt>{f.siren}</dt>
        <dd>{value(o.siren)}</dd>
        <dt>{f.insee_code}</dt>
        <dd>{value(o.insee_code)}</dd>
        <dt>{f.iati_ref}</dt>
        <dd>{value(o.iati_ref)}</dd>
        <dt>{f.address}</dt>
        <dd>{value(o.address)}</dd>
        <dt>{f.population}</dt>
        <dd>{o.population === null ? empty : formatNumberFr(o.population)}</dd>
        <dt>{f.website}</dt>
        <dd>{value(o.website)}</dd>
        <dt>{f.languages}</dt>
        <dd>{value(o.languages.join(', '))}</dd>
      </dl>
      {contacts.length > 0 ? (
        <>
          <h2>{text.sections.contacts}</h2>
          <ul>
            {contacts.map((contact) => (
              <li key={contact.id}>
                {[contact.name, contact.role, contact.email, formatPhoneForDisplay(contact.phone)]
                  .filter(Boolean)
                  .join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function DeleteOrganisationView({
  frame,
  plan,
  error,
}: {
  frame: AdminFrame;
  plan: OrganisationDeletionPlan;
  error: string | null;
}) {
  const heading = text.deleteTitle(plan.organisation.name);
  const refused = plan.reasons.length > 0;
  return (
    <AdminLayout frame={frame} title={error ? messages.form.pageTitleError(heading) : heading}>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <h1>{heading}</h1>
      {refused ? (
        <>
          {error ? null : <p>{text.errors.deleteRefused}</p>}
          <ul>
            {plan.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>{text.deleteLead}</p>
          <ActionButton
            action={`/gestion/organisations/${plan.organisation.id}/supprimer`}
            csrfToken={frame.csrfToken}
            variant="warning"
          >
            {text.deleteConfirm}
          </ActionButton>
        </>
      )}
      <p>
        <a href={`/gestion/organisations/${plan.organisation.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
