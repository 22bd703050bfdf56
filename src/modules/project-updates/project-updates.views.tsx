import { formatDateFr } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { languageName, textAttributes } from '../../platform/languages.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { FileField, SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import type { ProjectDetails } from '../projects/projects.service.js';
import { MAX_PHOTOS, TITLE_MAX, UPDATE_LANGUAGES } from './project-updates.schemas.js';
import type { UpdateDetails } from './project-updates.service.js';

const text = messages.projectUpdates;
const f = text.fields;

export type UpdateFormValues = Record<string, string>;

export function emptyUpdateValues(project: ProjectDetails): UpdateFormValues {
  return { language: project.project.partner_language ?? 'fr', title: '', body: '', version: '' };
}

export function updateFormValues(details: UpdateDetails): UpdateFormValues {
  const u = details.update;
  return { language: u.language, title: u.title, body: u.body, version: String(u.version) };
}

const conflictFields = {
  language: { label: f.language },
  title: { label: f.title },
  body: { label: f.body },
  status: {
    label: messages.projects.fields.status,
    show: (v: unknown) => text.statuses[v as keyof typeof text.statuses] ?? String(v),
  },
};

export interface UpdatePageProps {
  frame: AdminFrame;
  project: ProjectDetails;
  details: UpdateDetails | null;
  values: UpdateFormValues;
  errors: Record<string, string>;
  /** The comment typed to send it back, shown again with its message. */
  returnValues?: Record<string, string>;
  /** The texts typed with a photo, shown again with their messages. */
  photoValues?: Record<string, string>;
  stale?: StaleSave;
}

/** The update: its text in its language, its review; its form for its author or an officer. */
export function UpdatePageView({
  frame,
  project,
  details,
  values,
  errors,
  returnValues,
  photoValues,
  stale,
}: UpdatePageProps) {
  const update = details?.update ?? null;
  const heading = update
    ? details?.can.change
      ? text.editTitle(update.title)
      : update.title
    : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        <a href={`/gestion/projets/${project.project.id}`}>
          {messages.projects.backToProject} « {project.project.title} »
        </a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ version: 'title', update: 'contenu' }} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {update ? (
        <div class={`notice status-box status--${update.status}`}>
          <p>
            <strong>{text.statuses[update.status]}</strong>
            {' · '}
            {text.byOn(update.proposed_by_name ?? '', formatDateFr(update.proposed_at))}
            {update.reviewed_at
              ? ` · ${text.reviewedOn(update.reviewed_by_name ?? '', formatDateFr(update.reviewed_at))}`
              : null}
          </p>
          {update.status === 'returned' && update.returned_comment ? (
            <p>
              {text.returnedComment} : {update.returned_comment}
            </p>
          ) : null}
        </div>
      ) : (
        <p>{text.intro}</p>
      )}
      {update ? (
        <article class="project-update" {...textAttributes(update.language)}>
          <h2>{update.title}</h2>
          <p class="preserve-lines">{update.body}</p>
        </article>
      ) : null}
      {details && update ? (
        <UpdatePhotos frame={frame} details={details} values={photoValues ?? {}} errors={errors} />
      ) : null}
      {details?.can.review && update ? (
        <section aria-labelledby="relecture" class="review">
          <h2 id="relecture">{text.reviewTitle}</h2>
          <form class="form" action={`/gestion/actualites/${update.id}/publier`} method="post">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <input type="hidden" name="version" value={String(update.version)} />
            <button type="submit">{text.publish}</button>
          </form>
          <form class="form" action={`/gestion/actualites/${update.id}/renvoyer`} method="post" novalidate>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <input type="hidden" name="version" value={String(update.version)} />
            <TextAreaField
              id="comment"
              name="comment"
              label={f.comment}
              value={returnValues?.comment}
              error={errors.comment}
              rows={3}
            />
            <button type="submit" class="button-secondary">
              {text.sendBack}
            </button>
          </form>
        </section>
      ) : null}
      {update && (details?.can.delete || details?.can.change) ? (
        <div class="actions">
          {details?.can.delete ? (
            <>
              <a href={`/gestion/actualites/${update.id}/historique`}>{text.history}</a>
              <a href={`/gestion/actualites/${update.id}/supprimer`}>{text.delete}</a>
            </>
          ) : null}
        </div>
      ) : null}
      {!update || details?.can.change ? (
        <form
          class="form"
          action={
            update ? `/gestion/actualites/${update.id}` : `/gestion/projets/${project.project.id}/actualites`
          }
          method="post"
          novalidate
        >
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          {update ? <VersionField value={values.version ?? ''} /> : null}
          <SelectField
            id="language"
            name="language"
            label={f.language}
            value={values.language}
            error={errors.language}
            choices={UPDATE_LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
          />
          <TextField
            id="title"
            name="title"
            label={f.title}
            value={values.title}
            error={errors.title}
            maxLength={TITLE_MAX}
            dir="auto"
          />
          <TextAreaField
            id="body"
            name="body"
            label={f.body}
            value={values.body}
            error={errors.body}
            rows={8}
            dir="auto"
          />
          <button type="submit">{update ? text.save : text.create}</button>
        </form>
      ) : null}
    </AdminLayout>
  );
}

export function DeleteUpdateView({ frame, details }: { frame: AdminFrame; details: UpdateDetails }) {
  const heading = text.deleteTitle(details.update.title);
  return (
    <AdminLayout frame={frame} title={heading}>
      <h1>{heading}</h1>
      <p>{text.deleteLead}</p>
      <ActionButton
        action={`/gestion/actualites/${details.update.id}/supprimer`}
        csrfToken={frame.csrfToken}
        variant="warning"
      >
        {text.deleteConfirm}
      </ActionButton>
      <p>
        <a href={`/gestion/actualites/${details.update.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}

/** The update's photos, as figures; for whoever may change it, a form to add one and a button to take each off. */
function UpdatePhotos({
  frame,
  details,
  values,
  errors,
}: {
  frame: AdminFrame;
  details: UpdateDetails;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { update, photos, can } = details;
  if (photos.length === 0 && !can.change) return null;
  const pf = text.photoFields;
  return (
    <section aria-labelledby="photos-titre">
      <h2 id="photos-titre">{text.photosTitle}</h2>
      {photos.map(({ media, caption }) => (
        <div class="update-photo" key={media.id}>
          <figure class="figure">
            <img
              src={`/medias/${media.id}/${media.storage_key.split('/').pop()}`}
              alt={media.alt_text}
              width={media.width}
              height={media.height}
              loading="lazy"
            />
            {caption ? <figcaption {...textAttributes(update.language)}>{caption}</figcaption> : null}
          </figure>
          {can.change ? (
            <form class="form" action={`/gestion/actualites/${update.id}/photos/retirer`} method="post">
              <input type="hidden" name="_csrf" value={frame.csrfToken} />
              <input type="hidden" name="media_id" value={media.id} />
              <button type="submit" class="button-secondary">
                {text.removePhoto(media.alt_text)}
              </button>
            </form>
          ) : null}
        </div>
      ))}
      {can.change && photos.length < MAX_PHOTOS ? (
        <form
          class="form"
          action={`/gestion/actualites/${update.id}/photos`}
          method="post"
          enctype="multipart/form-data"
          novalidate
        >
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          <FileField
            id="file"
            label={pf.file}
            hints={[text.photosHint]}
            error={errors.file}
            accept="image/jpeg,image/png,image/webp,image/gif"
          />
          <TextField
            id="alt_text"
            name="alt_text"
            label={pf.alt_text}
            hint={pf.altTextHint}
            value={values.alt_text}
            error={errors.alt_text}
            autocomplete="off"
          />
          <TextField
            id="caption"
            name="caption"
            label={pf.caption}
            value={values.caption}
            error={errors.caption}
            autocomplete="off"
            optional
          />
          <button type="submit">{text.addPhoto}</button>
        </form>
      ) : null}
    </section>
  );
}
