import { type Media, type ToolKind, toolKinds } from '../../db/schema.js';
import type { FieldErrors } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import { assetHref } from '../../platform/static-assets.js';
import type { StaleSave } from '../../platform/versions.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { asText } from '../backoffice/history.service.js';
import {
  MISC_HREF_MAX,
  MISC_LABEL_MAX,
  miscHrefField,
  miscLabelField,
  miscRows,
  type SettingsField,
  type SettingsTextField,
  SITE_NAME_MAX,
  settingsFields,
} from './site-settings.schemas.js';
import type { SettingsSnapshot } from './site-settings.service.js';
import { SETTINGS_RECORDED_FIELDS } from './site-settings.service.js';

const text = messages.settings;

export type SettingsFormValues = Record<SettingsTextField, string> & { tools: string[] };

export function settingsFormValues(settings: SettingsSnapshot): SettingsFormValues {
  const values: Record<string, string | string[]> = {
    site_name: settings.site_name,
    tools: [...settings.tools],
    logo_media_id: settings.logo_media_id ?? '',
    main_colour: settings.main_colour ?? '',
    banner_media_id: settings.banner_media_id ?? '',
    presentation: settings.presentation,
    publisher_name: settings.publisher_name,
    publisher_address: settings.publisher_address,
    publication_director: settings.publication_director,
    hosting_provider: settings.hosting_provider,
    contact_email: settings.contact_email,
    version: String(settings.version),
  };
  for (const row of miscRows) {
    const link = settings.misc_links[row - 1];
    values[miscLabelField(row)] = link?.label ?? '';
    values[miscHrefField(row)] = link?.href ?? '';
  }
  return values as SettingsFormValues;
}

/** Field ids are the field names, except the tools, whose fieldset the summary links to. */
const fieldIds = Object.fromEntries(settingsFields.map((field) => [field, field])) as Record<
  SettingsField,
  string
>;

/** Checkboxes in a fieldset: the legend is the question, each box has its label. */
function CheckboxesField({
  id,
  name,
  label,
  hint,
  error,
  choices,
  checked,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  choices: Array<{ value: string; label: string }>;
  checked: string[];
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <fieldset id={id} aria-describedby={describedBy || undefined} tabindex={-1}>
        <legend>{label}</legend>
        {hint ? (
          <p class="field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p class="field__error" id={`${id}-error`}>
            <span class="visually-hidden">{messages.form.errorPrefix} </span>
            {error}
          </p>
        ) : null}
        {choices.map((choice) => (
          <div class="checkbox" key={choice.value}>
            <input
              type="checkbox"
              id={`${id}-${choice.value}`}
              name={name}
              value={choice.value}
              checked={checked.includes(choice.value)}
            />
            <label for={`${id}-${choice.value}`}>{choice.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** The fields a conflict may list, named and shown as the history shows them. */
const conflictFields = Object.fromEntries(
  SETTINGS_RECORDED_FIELDS.map((field) => [
    field,
    { label: messages.history.fields[field] ?? field, show: (value: unknown) => asText(field, value) },
  ]),
);

export interface SettingsViewProps {
  /** Someone else saved the settings after this form was opened: the save was refused. */
  stale?: StaleSave;
  frame: AdminFrame;
  values: SettingsFormValues;
  errors: FieldErrors<SettingsField>;
  canManage: boolean;
  /** The operator's host names, shown read only. */
  hostNames: string[];
  isDefaultWorkspace: boolean;
  /** The workspace's live images, to choose the logo and the banner from. */
  images: Media[];
}

export function SettingsView(props: SettingsViewProps) {
  const { frame, values, errors } = props;
  const title =
    Object.keys(errors).length || props.stale ? messages.form.pageTitleError(text.pageTitle) : text.pageTitle;
  return (
    <AdminLayout frame={frame} title={title}>
      <h1>{text.pageTitle}</h1>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {props.stale ? <ConflictNotice stale={props.stale} fields={conflictFields} /> : null}
      <p>{text.intro}</p>
      <p>
        <a href="/gestion/parametres/historique">{text.history}</a>
      </p>
      <HostNames hostNames={props.hostNames} isDefaultWorkspace={props.isDefaultWorkspace} />
      {props.canManage ? (
        <SettingsForm {...props} />
      ) : (
        <>
          <p class="notice">{text.readOnly}</p>
          <SettingsReadOnly values={values} images={props.images} />
        </>
      )}
    </AdminLayout>
  );
}

/** Where the site answers: set by the installation's operator, never from the web. */
function HostNames({ hostNames, isDefaultWorkspace }: { hostNames: string[]; isDefaultWorkspace: boolean }) {
  const f = text.fields;
  return (
    <section aria-labelledby="noms-de-domaine">
      <h2 id="noms-de-domaine">{f.host_names}</h2>
      {hostNames.length > 0 ? (
        <ul class="host-names">
          {hostNames.map((host) => (
            <li key={host}>{host}</li>
          ))}
        </ul>
      ) : (
        <p>{text.none}</p>
      )}
      <p class="field__hint">
        {f.host_namesOperator}
        {isDefaultWorkspace ? ` ${f.host_namesDefault}` : ''}
      </p>
    </section>
  );
}

function SettingsForm(props: SettingsViewProps) {
  const { frame, values, errors } = props;
  const f = text.fields;
  return (
    <form class="form" action="/gestion/parametres" method="post" novalidate>
      <input type="hidden" name="_csrf" value={frame.csrfToken} />
      <VersionField value={values.version} />
      <h2>{text.sections.site}</h2>
      <TextField
        id="site_name"
        name="site_name"
        label={f.site_name}
        hint={f.site_nameHint}
        value={values.site_name}
        error={errors.site_name}
        maxLength={SITE_NAME_MAX}
      />
      <IdentityFields values={values} errors={errors} images={props.images} />
      <h2>{text.sections.tools}</h2>
      <CheckboxesField
        id="tools"
        name="tools"
        label={f.tools}
        hint={f.toolsHint}
        error={errors.tools}
        choices={toolKinds.map((tool: ToolKind) => ({ value: tool, label: messages.site.tools[tool] }))}
        checked={values.tools}
      />
      <h2>{text.sections.miscLinks}</h2>
      <fieldset class="link-rows" aria-describedby="misc-links-hint">
        <legend>{f.miscLinks}</legend>
        <p class="field__hint" id="misc-links-hint">
          {f.miscLinksHint}
        </p>
        {miscRows.map((row) => (
          <div class="link-row" key={row}>
            <TextField
              id={miscLabelField(row)}
              name={miscLabelField(row)}
              label={f.miscLabel(row)}
              value={values[miscLabelField(row)]}
              error={errors[miscLabelField(row)]}
              maxLength={MISC_LABEL_MAX}
              optional
            />
            <TextField
              id={miscHrefField(row)}
              name={miscHrefField(row)}
              label={f.miscHref(row)}
              value={values[miscHrefField(row)]}
              error={errors[miscHrefField(row)]}
              maxLength={MISC_HREF_MAX}
              optional
            />
          </div>
        ))}
      </fieldset>
      <h2>{text.sections.legal}</h2>
      <TextField
        id="publisher_name"
        name="publisher_name"
        label={f.publisher_name}
        hint={f.publisher_nameHint}
        value={values.publisher_name}
        error={errors.publisher_name}
        optional
      />
      <TextAreaField
        id="publisher_address"
        name="publisher_address"
        label={f.publisher_address}
        value={values.publisher_address}
        error={errors.publisher_address}
        rows={3}
        optional
      />
      <TextField
        id="publication_director"
        name="publication_director"
        label={f.publication_director}
        value={values.publication_director}
        error={errors.publication_director}
        optional
      />
      <TextAreaField
        id="hosting_provider"
        name="hosting_provider"
        label={f.hosting_provider}
        hint={f.hosting_providerHint}
        value={values.hosting_provider}
        error={errors.hosting_provider}
        rows={3}
        optional
      />
      <TextField
        id="contact_email"
        name="contact_email"
        type="email"
        label={f.contact_email}
        hint={f.contact_emailHint}
        value={values.contact_email}
        error={errors.contact_email}
        autocomplete="off"
        optional
      />
      <button type="submit">{text.save}</button>
    </form>
  );
}

/** The logo, the main colour, the home page's banner and the presentation. */
function IdentityFields({ values, errors, images }: Pick<SettingsViewProps, 'values' | 'errors' | 'images'>) {
  const f = text.fields;
  const choices = (none: string) => [
    { value: '', label: none },
    ...images.map((image) => ({ value: image.id, label: f.imageChoice(image.name, image.alt_text) })),
  ];
  return (
    <>
      <h2>{text.sections.identity}</h2>
      <SelectField
        id="logo_media_id"
        name="logo_media_id"
        label={f.logo_media_id}
        hint={f.logo_media_idHint}
        value={values.logo_media_id}
        error={errors.logo_media_id}
        choices={choices(f.noLogo)}
        optional
      />
      <p>
        <a href="/gestion/images/nouvelle">{f.uploadImage}</a>
      </p>
      <TextField
        id="main_colour"
        name="main_colour"
        label={f.main_colour}
        hint={f.main_colourHint}
        value={values.main_colour}
        error={errors.main_colour}
        maxLength={7}
        autocomplete="off"
        optional
      />
      {/* Shown and kept in step with the text field by colour-field.js; the text field alone is sent. */}
      <p class="field colour-picker" hidden>
        <label for="main_colour_picker">{f.main_colourPicker}</label>{' '}
        <input
          type="color"
          id="main_colour_picker"
          value={/^#[0-9a-f]{6}$/i.test(values.main_colour) ? values.main_colour.toLowerCase() : '#1f4e79'}
          data-colour-for="main_colour"
        />
      </p>
      <script src={assetHref('colour-field.js')} defer />
      <SelectField
        id="banner_media_id"
        name="banner_media_id"
        label={f.banner_media_id}
        hint={f.banner_media_idHint}
        value={values.banner_media_id}
        error={errors.banner_media_id}
        choices={choices(f.noBanner)}
        optional
      />
      <TextAreaField
        id="presentation"
        name="presentation"
        label={f.presentation}
        hint={f.presentationHint}
        value={values.presentation}
        error={errors.presentation}
        rows={6}
        optional
      />
    </>
  );
}

function SettingsReadOnly({ values, images }: { values: SettingsFormValues; images: Media[] }) {
  const f = text.fields;
  const empty = messages.history.emptyValue;
  const links = miscRows
    .map((row) => ({ label: values[miscLabelField(row)], href: values[miscHrefField(row)] }))
    .filter((link) => link.label && link.href);
  const tools = toolKinds.filter((tool) => values.tools.includes(tool));
  const imageName = (id: string) => images.find((image) => image.id === id)?.name ?? text.none;
  return (
    <dl class="history-change">
      <dt>{f.site_name}</dt>
      <dd>{values.site_name}</dd>
      <dt>{f.logo_media_id}</dt>
      <dd>{imageName(values.logo_media_id)}</dd>
      <dt>{f.main_colour}</dt>
      <dd>{values.main_colour || empty}</dd>
      <dt>{f.banner_media_id}</dt>
      <dd>{imageName(values.banner_media_id)}</dd>
      <dt>{f.presentation}</dt>
      <dd>{values.presentation || empty}</dd>
      <dt>{f.tools}</dt>
      <dd>{tools.length ? tools.map((tool) => messages.site.tools[tool]).join(', ') : text.none}</dd>
      <dt>{f.miscLinks}</dt>
      <dd>
        {links.length ? (
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                {link.label} ({link.href})
              </li>
            ))}
          </ul>
        ) : (
          text.none
        )}
      </dd>
      <dt>{f.publisher_name}</dt>
      <dd>{values.publisher_name || empty}</dd>
      <dt>{f.publisher_address}</dt>
      <dd>{values.publisher_address || empty}</dd>
      <dt>{f.publication_director}</dt>
      <dd>{values.publication_director || empty}</dd>
      <dt>{f.hosting_provider}</dt>
      <dd>{values.hosting_provider || empty}</dd>
      <dt>{f.contact_email}</dt>
      <dd>{values.contact_email || empty}</dd>
    </dl>
  );
}
