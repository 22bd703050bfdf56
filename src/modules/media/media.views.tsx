import type { Media } from '../../db/schema.js';
import { formatByteSize } from '../../platform/file-size.js';
import type { FieldErrors } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import { textAttributes } from '../../platform/languages.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { FileField, TextAreaField, TextField } from '../../ui/Field.js';
import { PageLinks } from '../../ui/PageLinks.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { mediaHref } from '../content/content.service.js';
import { MAX_MEGAPIXELS, MAX_UPLOAD_MEGABYTES } from './media.images.js';
import {
  ALT_TEXT_MAX_LENGTH,
  CAPTION_MAX_LENGTH,
  CREDIT_MAX_LENGTH,
  LICENCE_MAX_LENGTH,
  type MediaField,
  type MediaTextField,
  NAME_MAX_LENGTH,
} from './media.schemas.js';
import { figureCode, type IdentityRole, type MediaDeletionPlan, type PageRef } from './media.service.js';

const text = messages.media;

export function previewHref(media: Media): string {
  return `/gestion/images/${media.id}/apercu`;
}

export function MediaListView({
  frame,
  items,
  canCreate,
}: {
  frame: AdminFrame;
  items: Media[];
  canCreate: boolean;
}) {
  return (
    <AdminLayout frame={frame} title={text.listTitle}>
      <h1>{text.listTitle}</h1>
      {canCreate ? (
        <p>
          <a class="button-link" href="/gestion/images/nouvelle">
            {text.newMedia}
          </a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{canCreate ? text.emptyCanCreate : text.empty}</p>
      ) : (
        <>
          <p>{text.intro}</p>
          <TableRegion captionId="tableau-images">
            <table class="table media-table">
              <caption id="tableau-images">{text.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{text.columns.preview}</th>
                  <th scope="col">{text.columns.name}</th>
                  <th scope="col">{text.columns.altText}</th>
                  <th scope="col">{text.columns.code}</th>
                  <th scope="col">{text.columns.size}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((media) => (
                  <tr key={media.id}>
                    <td>
                      {/* The text alternative is in its own column: the preview adds nothing for a screen reader. */}
                      <img
                        class="media-thumbnail"
                        src={previewHref(media)}
                        alt=""
                        width={media.width}
                        height={media.height}
                        loading="lazy"
                      />
                    </td>
                    <td>
                      <a href={`/gestion/images/${media.id}`}>{media.name}</a>
                    </td>
                    <td>{media.alt_text}</td>
                    <td>
                      <code>{figureCode(media.name)}</code>
                    </td>
                    <td>
                      {text.dimensions(media.width, media.height)}, {formatByteSize(media.byte_size)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </AdminLayout>
  );
}

export type MediaFormValues = Record<MediaTextField, string>;

export function mediaFormValues(media: Media): MediaFormValues {
  return {
    name: media.name,
    alt_text: media.alt_text,
    caption: media.caption,
    credit: media.credit,
    licence: media.licence,
    version: String(media.version),
  };
}

export const emptyMediaFormValues: MediaFormValues = {
  name: '',
  alt_text: '',
  caption: '',
  credit: '',
  licence: '',
  version: '',
};

const fieldIds: Record<MediaField | 'media', string> = {
  file: 'file',
  name: 'name',
  alt_text: 'alt_text',
  caption: 'caption',
  credit: 'credit',
  licence: 'licence',
  version: 'alt_text',
  media: 'contenu',
};

/** A file input in the frame of the other fields: label, hint, message, described-by. */
function TextFields({
  values,
  errors,
  isNew,
}: {
  values: MediaFormValues;
  errors: FieldErrors<MediaField | 'media'>;
  isNew: boolean;
}) {
  return (
    <>
      <TextAreaField
        id="alt_text"
        name="alt_text"
        label={text.fields.altText}
        hint={text.fields.altTextHint(ALT_TEXT_MAX_LENGTH)}
        value={values.alt_text}
        error={errors.alt_text}
        rows={3}
      />
      <TextField
        id="name"
        name="name"
        label={text.fields.name}
        hint={isNew ? text.fields.nameHint : text.fields.nameHintEdit}
        value={values.name}
        error={errors.name}
        maxLength={NAME_MAX_LENGTH}
        optional={isNew}
      />
      <TextField
        id="caption"
        name="caption"
        label={text.fields.caption}
        hint={text.fields.captionHint}
        value={values.caption}
        error={errors.caption}
        maxLength={CAPTION_MAX_LENGTH}
        optional
      />
      <TextField
        id="credit"
        name="credit"
        label={text.fields.credit}
        hint={text.fields.creditHint}
        value={values.credit}
        error={errors.credit}
        maxLength={CREDIT_MAX_LENGTH}
        optional
      />
      <TextField
        id="licence"
        name="licence"
        label={text.fields.licence}
        hint={text.fields.licenceHint}
        value={values.licence}
        error={errors.licence}
        maxLength={LICENCE_MAX_LENGTH}
        optional
      />
    </>
  );
}

export function UploadMediaView({
  frame,
  values,
  errors,
}: {
  frame: AdminFrame;
  values: MediaFormValues;
  errors: FieldErrors<MediaField | 'media'>;
}) {
  const hasErrors = Object.keys(errors).length > 0;
  const title = hasErrors ? messages.form.pageTitleError(text.newTitle) : text.newTitle;
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        <a href="/gestion/images">{text.backToList}</a>
      </p>
      <h1>{text.newTitle}</h1>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      <form class="form" action="/gestion/images" method="post" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <FileField
          id="file"
          label={text.fields.file}
          hints={[
            text.fields.fileHint(MAX_UPLOAD_MEGABYTES, MAX_MEGAPIXELS),
            ...(hasErrors ? [text.fields.fileAgain] : []),
          ]}
          error={errors.file}
          accept="image/jpeg,image/png,image/webp,image/gif"
        />
        <TextFields values={values} errors={errors} isNew />
        <button type="submit">{text.upload}</button>
      </form>
    </AdminLayout>
  );
}

export interface MediaFormProps {
  frame: AdminFrame;
  media: Media;
  values: MediaFormValues;
  errors: FieldErrors<MediaField | 'media'>;
  usedBy: PageRef[];
  /** What the site's identity makes of the image: its logo, its banner. */
  identityRoles: IdentityRole[];
  can: { edit: boolean; delete: boolean };
  /** Why the form is not offered, when it is not: the role, or a published page showing the image. */
  readOnlyNotice: string | null;
  /** Someone else saved the image after this form was opened: the save was refused. */
  stale?: StaleSave;
}

/** The fields a conflict may list, as the form names them. */
const conflictFields = {
  name: { label: text.fields.name },
  alt_text: { label: text.fields.altText },
  caption: { label: text.fields.caption },
  credit: { label: text.fields.credit },
  licence: { label: text.fields.licence },
};

export function EditMediaView(props: MediaFormProps) {
  const { media, values, errors, can } = props;
  const heading = text.editTitle(media.name);
  const title = Object.keys(errors).length || props.stale ? messages.form.pageTitleError(heading) : heading;
  return (
    <AdminLayout frame={props.frame} title={title}>
      <p>
        <a href="/gestion/images">{text.backToList}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {props.stale ? <ConflictNotice stale={props.stale} fields={conflictFields} /> : null}
      <div class="media-detail">
        <img
          class="media-preview"
          src={previewHref(media)}
          alt={media.alt_text}
          width={media.width}
          height={media.height}
        />
        <div>
          <p>
            {text.dimensions(media.width, media.height)}, {formatByteSize(media.byte_size)}
          </p>
          <p>
            {text.code} <code>{figureCode(media.name)}</code>
          </p>
          <p class="actions">
            <a href={mediaHref(media)}>{text.viewFile}</a>
            <a href={`/gestion/images/${media.id}/historique`}>{text.history}</a>
            {can.delete ? <a href={`/gestion/images/${media.id}/supprimer`}>{text.delete}</a> : null}
          </p>
        </div>
      </div>
      <h2>{text.usedByTitle}</h2>
      {props.usedBy.length === 0 ? <p>{text.usedByNone}</p> : <PageLinks pages={props.usedBy} />}
      {props.identityRoles.length > 0 ? (
        <>
          <h2>{text.identityUseTitle}</h2>
          <IdentityUse roles={props.identityRoles} />
        </>
      ) : null}
      {can.edit ? (
        <form class="form" action={`/gestion/images/${media.id}`} method="post" novalidate>
          <input type="hidden" name="_csrf" value={props.frame.csrfToken} />
          <VersionField value={values.version} />
          <TextFields values={values} errors={errors} isNew={false} />
          <button type="submit">{text.save}</button>
        </form>
      ) : (
        <>
          <p class="notice">{props.readOnlyNotice ?? text.readOnly}</p>
          <dl class="history-change">
            <dt>{text.fields.altText}</dt>
            <dd>{media.alt_text}</dd>
            <dt>{text.fields.caption}</dt>
            <dd>{media.caption || messages.history.emptyValue}</dd>
            <dt>{text.fields.credit}</dt>
            <dd>{media.credit || messages.history.emptyValue}</dd>
            <dt>{text.fields.licence}</dt>
            <dd>{media.licence || messages.history.emptyValue}</dd>
          </dl>
        </>
      )}
    </AdminLayout>
  );
}

/** The image as the site's identity uses it (logo, banner), with the way to the settings. */
function IdentityUse({ roles, refusal }: { roles: IdentityRole[]; refusal?: boolean }) {
  return (
    <>
      {refusal ? <p>{text.deleteRefusedIdentity}</p> : null}
      <ul class="identity-roles">
        {roles.map((role) => (
          <li key={role}>{text.identityRoles[role]}</li>
        ))}
      </ul>
      <p>
        <a href="/gestion/parametres">{text.settingsLink}</a>
      </p>
    </>
  );
}

export function DeleteMediaView({
  frame,
  plan,
  error,
}: {
  frame: AdminFrame;
  plan: MediaDeletionPlan;
  error: string | null;
}) {
  const heading = text.deleteTitle(plan.media.name);
  const refused =
    plan.usedBy.length > 0 ||
    plan.identityRoles.length > 0 ||
    plan.missions.length > 0 ||
    plan.news.length > 0;
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
          {plan.usedBy.length > 0 ? (
            <>
              <p>{text.deleteRefused}</p>
              <PageLinks pages={plan.usedBy} />
            </>
          ) : null}
          {plan.identityRoles.length > 0 ? <IdentityUse roles={plan.identityRoles} refusal /> : null}
          {plan.missions.length > 0 ? (
            <>
              <p>{text.deleteRefusedMissions(plan.missions.length)}</p>
              <ul>
                {plan.missions.map((mission) => (
                  <li key={mission.id}>
                    <a href={`/gestion/missions/${mission.id}`}>{mission.title}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {plan.news.length > 0 ? (
            <>
              <p>{text.deleteRefusedUpdates(plan.news.length)}</p>
              <ul>
                {plan.news.map((item) => (
                  <li key={item.id}>
                    <a href={`/gestion/actualites/${item.id}`} {...textAttributes(item.language)}>
                      {item.title}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <>
          <p>{text.deleteIntro}</p>
          <ActionButton
            action={`/gestion/images/${plan.media.id}/supprimer`}
            csrfToken={frame.csrfToken}
            variant="warning"
          >
            {text.deleteConfirm}
          </ActionButton>
        </>
      )}
      <p>
        <a href={`/gestion/images/${plan.media.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
