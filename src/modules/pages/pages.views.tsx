import type { Page } from '../../db/schema.js';
import { formatDateFr, formatDateTimeFr, isoDateInParis } from '../../platform/clock.js';
import type { RecordDraft } from '../../platform/drafts.js';
import type { FieldErrors } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import { assetHref } from '../../platform/static-assets.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { type Choice, SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { FieldChanges, type ShownFieldChange } from '../../ui/FieldChanges.js';
import { PageLinks } from '../../ui/PageLinks.js';
import { TableRegion } from '../../ui/TableRegion.js';
import type { PageField } from './pages.schemas.js';
import type { DeletionPlan, PageListItem, UnpublishingPlan } from './pages.service.js';

const text = messages.pages;

export function StatusTag({ status }: { status: Page['status'] }) {
  return status === 'published' ? (
    <span class="status-tag">{text.statusPublished}</span>
  ) : (
    <span class="status-tag status-tag--draft">{text.statusDraft}</span>
  );
}

export function PagesListView({
  frame,
  items,
  withChanges,
  canCreate,
}: {
  frame: AdminFrame;
  items: PageListItem[];
  /** The published pages that have unpublished changes. */
  withChanges: ReadonlySet<string>;
  canCreate: boolean;
}) {
  return (
    <AdminLayout frame={frame} title={text.listTitle}>
      <h1>{text.listTitle}</h1>
      {canCreate ? (
        <p>
          <a class="button-link" href="/gestion/pages/nouvelle">
            {text.newPage}
          </a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-pages">
          <table class="table">
            <caption id="tableau-pages">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.title}</th>
                <th scope="col">{text.columns.status}</th>
                <th scope="col">{text.columns.address}</th>
                <th scope="col">{text.columns.updated}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ page, depth, path }) => (
                <tr key={page.id}>
                  <td class={`tree-depth-${Math.min(depth, 5)}`}>
                    <a href={`/gestion/pages/${page.id}`}>{page.title}</a>
                  </td>
                  <td>
                    <StatusTag status={page.status} />
                    {withChanges.has(page.id) ? (
                      <>
                        {' '}
                        <span class="status-tag status-tag--draft">{text.withChanges}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{path}</td>
                  <td>
                    <time dateTime={isoDateInParis(page.updated_at)}>{formatDateFr(page.updated_at)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </AdminLayout>
  );
}

export type PageFormValues = Record<PageField, string>;

export function pageFormValues(page: Page): PageFormValues {
  return {
    title: page.title,
    slug: page.slug,
    parent_id: page.parent_id ?? '',
    position: String(page.position),
    summary: page.summary,
    body_markdown: page.body_markdown,
    contact_card_id: page.contact_card_id ?? '',
    version: String(page.version),
  };
}

const fieldIds: Record<PageField, string> = {
  title: 'title',
  slug: 'slug',
  parent_id: 'parent_id',
  position: 'position',
  summary: 'summary',
  body_markdown: 'body_markdown',
  contact_card_id: 'contact_card_id',
  version: 'title',
};

export interface PageFormProps {
  frame: AdminFrame;
  page: Page | null;
  /** Where the page sits on the public site, once it exists. */
  path: string | null;
  values: PageFormValues;
  errors: FieldErrors<PageField | 'page'>;
  parentChoices: Choice[];
  contactChoices: Choice[];
  isRoot: boolean;
  can: { edit: boolean; publish: boolean; delete: boolean };
  /** Why the form is not shown, to someone who may only read this page. */
  readOnlyNotice: string | null;
  /** Someone else saved the page after this form was opened: the save was refused. */
  stale?: StaleSave;
  /** The unpublished changes of a published page (the form shows them), with their review state. */
  draft: RecordDraft | null;
  /** A draft's publication by the job queue, to someone who may publish: when, or the form to set it. */
  schedule?: { at: Date | null; values: ScheduleValues; errors: Record<string, string> } | null;
}

export type ScheduleValues = { publish_date: string; publish_time: string };

/** When a draft will be published by itself, and the form that sets or cancels it. */
function ScheduleSection({
  page,
  csrfToken,
  schedule,
}: {
  page: Page;
  csrfToken: string;
  schedule: NonNullable<PageFormProps['schedule']>;
}) {
  return (
    <section aria-labelledby="programmation">
      <h2 id="programmation">{text.scheduleHeading}</h2>
      {schedule.at ? (
        <>
          <p>{text.scheduledFor(formatDateTimeFr(schedule.at))}</p>
          <ActionButton
            action={`/gestion/pages/${page.id}/deprogrammer`}
            csrfToken={csrfToken}
            variant="secondary"
          >
            {text.unschedule}
          </ActionButton>
        </>
      ) : (
        <form class="form" action={`/gestion/pages/${page.id}/programmer`} method="post" novalidate>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <p class="hint">{text.scheduleIntro}</p>
          <TextField
            id="publish_date"
            name="publish_date"
            type="date"
            label={text.scheduleDate}
            hint={text.scheduleDateHint}
            value={schedule.values.publish_date}
            error={schedule.errors.publish_date}
          />
          <TextField
            id="publish_time"
            name="publish_time"
            type="time"
            label={text.scheduleTime}
            hint={text.scheduleTimeHint}
            value={schedule.values.publish_time}
            error={schedule.errors.publish_time}
          />
          <button type="submit">{text.scheduleSubmit}</button>
        </form>
      )}
    </section>
  );
}

/** The fields a conflict may list, as the form names them; ids shown as the choices' labels. */
function conflictFields(props: PageFormProps) {
  const choiceLabel = (choices: Choice[]) => (value: unknown) =>
    choices.find((choice) => choice.value === value)?.label.replace(/^(— )+/, '') ?? String(value);
  return {
    title: { label: text.fields.title },
    slug: { label: text.fields.slug },
    parent_id: { label: text.fields.parent, show: choiceLabel(props.parentChoices) },
    position: { label: text.fields.position },
    summary: { label: text.fields.summary },
    body_markdown: { label: text.fields.body },
    contact_card_id: { label: text.fields.contactCard, show: choiceLabel(props.contactChoices) },
  };
}

export function PageFormView(props: PageFormProps) {
  const { page, values, errors, can } = props;
  // "Modifier : …" only to someone who may: a reader sees the page's own title.
  const heading = page ? (can.edit ? text.editTitle(page.title) : text.viewTitle(page.title)) : text.newTitle;
  const scheduleErrors = props.schedule?.errors ?? {};
  const title =
    Object.keys(errors).length || Object.keys(scheduleErrors).length || props.stale
      ? messages.form.pageTitleError(heading)
      : heading;
  const action = page ? `/gestion/pages/${page.id}` : '/gestion/pages';
  return (
    <AdminLayout frame={props.frame} title={title}>
      <p>
        <a href="/gestion/pages">{text.backToList}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary
        errors={{ ...errors, ...scheduleErrors }}
        fieldIds={{
          ...fieldIds,
          page: 'contenu',
          publish_date: 'publish_date',
          publish_time: 'publish_time',
        }}
      />
      {props.stale ? <ConflictNotice stale={props.stale} fields={conflictFields(props)} /> : null}
      {page ? (
        <p>
          <StatusTag status={page.status} />{' '}
          {props.path && page.status === 'published' ? <a href={props.path}>{text.viewOnSite}</a> : null}{' '}
          <a href={`/gestion/pages/${page.id}/historique`}>{text.history}</a>{' '}
          <a href={`/gestion/pages/${page.id}/apercu`}>{text.preview}</a>
        </p>
      ) : null}
      {page && props.readOnlyNotice ? <p class="notice">{props.readOnlyNotice}</p> : null}
      {page && props.draft ? (
        <DraftSection
          page={page}
          draft={props.draft}
          can={can}
          csrfToken={props.frame.csrfToken}
          version={values.version}
        />
      ) : null}
      {page && (can.publish || can.delete) ? (
        <div class="actions">
          {can.publish ? (
            <ActionButton
              action={`/gestion/pages/${page.id}/${page.status === 'published' ? 'depublier' : 'publier'}`}
              csrfToken={props.frame.csrfToken}
              variant={page.status === 'published' ? 'secondary' : undefined}
            >
              {page.status === 'published' ? text.unpublish : text.publish}
            </ActionButton>
          ) : null}
          {can.delete && !props.isRoot ? (
            <a href={`/gestion/pages/${page.id}/supprimer`}>{text.delete}</a>
          ) : null}
        </div>
      ) : null}
      {can.edit ? (
        <form class="form" action={action} method="post" novalidate>
          <input type="hidden" name="_csrf" value={props.frame.csrfToken} />
          {page ? <VersionField value={values.version} /> : null}
          <TextField
            id="title"
            name="title"
            label={text.fields.title}
            value={values.title}
            error={errors.title}
            maxLength={200}
          />
          {props.isRoot ? null : (
            <>
              <TextField
                id="slug"
                name="slug"
                label={text.fields.slug}
                hint={text.fields.slugHint}
                value={values.slug}
                error={errors.slug}
                optional
              />
              <SelectField
                id="parent_id"
                name="parent_id"
                label={text.fields.parent}
                hint={text.fields.parentHint}
                choices={props.parentChoices}
                value={values.parent_id}
                error={errors.parent_id}
              />
            </>
          )}
          <TextField
            id="position"
            name="position"
            label={text.fields.position}
            hint={text.fields.positionHint}
            value={values.position}
            error={errors.position}
            optional
          />
          <TextAreaField
            id="summary"
            name="summary"
            label={text.fields.summary}
            hint={text.fields.summaryHint}
            value={values.summary}
            error={errors.summary}
            rows={3}
            optional
          />
          <TextAreaField
            id="body_markdown"
            name="body_markdown"
            label={text.fields.body}
            hint={text.fields.bodyHint}
            value={values.body_markdown}
            error={errors.body_markdown}
            rows={20}
            optional
            markdownPicker="/gestion/inserer"
          />
          <p>
            <a href="/gestion/inserer" target="_blank" rel="noopener">
              {messages.insert.openPicker}
            </a>
          </p>
          <SelectField
            id="contact_card_id"
            name="contact_card_id"
            label={text.fields.contactCard}
            choices={props.contactChoices}
            value={values.contact_card_id}
            error={errors.contact_card_id}
            optional
          />
          {page?.status === 'published' ? <p class="hint">{text.publishedEditHint}</p> : null}
          <div class="actions">
            <button type="submit">
              {!page ? text.create : page.status === 'published' ? text.saveDraft : text.save}
            </button>
            {page?.status === 'published' ? (
              can.publish ? (
                <button type="submit" name="intention" value="publier" class="button-secondary">
                  {text.saveAndPublish}
                </button>
              ) : (
                <button type="submit" name="intention" value="proposer" class="button-secondary">
                  {text.saveAndPropose}
                </button>
              )
            ) : null}
          </div>
        </form>
      ) : page ? (
        <dl class="history-change">
          <dt>{text.fields.title}</dt>
          <dd>{page.title}</dd>
          <dt>{text.columns.address}</dt>
          <dd>{props.path}</dd>
          <dt>{text.fields.summary}</dt>
          <dd>{page.summary || messages.history.emptyValue}</dd>
          <dt>{text.fields.body}</dt>
          <dd>{page.body_markdown || messages.history.emptyValue}</dd>
        </dl>
      ) : null}
      {page && props.schedule ? (
        <ScheduleSection page={page} csrfToken={props.frame.csrfToken} schedule={props.schedule} />
      ) : null}
      {can.edit ? <script src={assetHref('markdown-editor.js')} defer /> : null}
    </AdminLayout>
  );
}

export function DeletePageView({
  frame,
  plan,
  error,
}: {
  frame: AdminFrame;
  plan: DeletionPlan;
  error: string | null;
}) {
  const refused = plan.linkedFrom.length > 0;
  return (
    <AdminLayout frame={frame} title={text.deleteTitle(plan.page.title)}>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <h1>{text.deleteTitle(plan.page.title)}</h1>
      {refused ? (
        <>
          <p>{text.deleteRefused}</p>
          <PageLinks pages={plan.linkedFrom} />
        </>
      ) : (
        <>
          {plan.children.length > 0 ? (
            <>
              <p>{text.deleteChildren(plan.children.length)}</p>
              <ul>
                {plan.children.map((page) => (
                  <li key={page.id}>{page.title}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{text.deleteNoChildren}</p>
          )}
          <ActionButton
            action={`/gestion/pages/${plan.page.id}/supprimer`}
            csrfToken={frame.csrfToken}
            variant="warning"
          >
            {text.deleteConfirm}
          </ActionButton>
        </>
      )}
      <p>
        <a href={`/gestion/pages/${plan.page.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}

/**
 * Before unpublishing: the published sub-pages that go back to drafts with the page, to confirm;
 * or the published pages whose links would lead to a 404, to change first.
 */
export function UnpublishPageView({ frame, plan }: { frame: AdminFrame; plan: UnpublishingPlan }) {
  const refused = plan.linkedFrom.length > 0;
  const title = text.unpublishTitle(plan.page.title);
  return (
    <AdminLayout frame={frame} title={refused ? messages.form.pageTitleError(title) : title}>
      <h1>{title}</h1>
      {refused ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{text.unpublishRefused}</p>
          <PageLinks pages={plan.linkedFrom} />
        </div>
      ) : (
        <>
          {plan.publishedChildren.length > 0 ? (
            <>
              <p>{text.unpublishChildren(plan.publishedChildren.length)}</p>
              <ul>
                {plan.publishedChildren.map((page) => (
                  <li key={page.id}>{page.title}</li>
                ))}
              </ul>
            </>
          ) : null}
          <form action={`/gestion/pages/${plan.page.id}/depublier`} method="post">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <input type="hidden" name="confirmer" value="oui" />
            <button type="submit" class="button-secondary">
              {text.unpublishConfirm}
            </button>
          </form>
        </>
      )}
      <p>
        <a href={`/gestion/pages/${plan.page.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}

/** Who saved the unpublished changes and when, and who proposed them for review. */
function DraftState({ draft }: { draft: RecordDraft }) {
  const who = (name: string | null) => name ?? messages.history.system;
  return (
    <>
      <p>{text.draftSaved(who(draft.savedByName), formatDateTimeFr(draft.savedAt))}</p>
      {draft.proposedAt ? (
        <p>{text.draftProposed(who(draft.proposedByName), formatDateTimeFr(draft.proposedAt))}</p>
      ) : null}
    </>
  );
}

/**
 * The unpublished changes of a published page: who saved them and when, where their review
 * stands (proposed, or sent back with a comment), and what may be done with them.
 */
function DraftSection({
  page,
  draft,
  can,
  csrfToken,
  version,
}: {
  page: Page;
  draft: RecordDraft;
  can: PageFormProps['can'];
  csrfToken: string;
  version: string;
}) {
  return (
    <section class="notice" aria-labelledby="modifications-en-attente">
      <h2 id="modifications-en-attente">{text.draftHeading}</h2>
      <DraftState draft={draft} />
      {draft.returnedAt ? (
        <>
          <p>
            {text.draftReturned(
              draft.returnedByName ?? messages.history.system,
              formatDateTimeFr(draft.returnedAt),
            )}
          </p>
          <blockquote>
            <p>{draft.returnedComment}</p>
          </blockquote>
        </>
      ) : null}
      <p>
        <a href={`/gestion/pages/${page.id}/modifications`}>{text.viewChanges}</a>{' '}
        <a href={`/gestion/pages/${page.id}/apercu`}>{text.preview}</a>
      </p>
      {can.edit ? (
        <DraftActions page={page} draft={draft} can={can} csrfToken={csrfToken} version={version} />
      ) : null}
    </section>
  );
}

function DraftActions({
  page,
  draft,
  can,
  csrfToken,
  version,
}: {
  page: Page;
  draft: RecordDraft;
  can: PageFormProps['can'];
  csrfToken: string;
  version: string;
}) {
  return (
    <div class="actions">
      {can.publish ? (
        <ActionButton
          action={`/gestion/pages/${page.id}/publier-modifications`}
          csrfToken={csrfToken}
          fields={{ version }}
        >
          {text.publishChanges}
        </ActionButton>
      ) : draft.proposedAt ? null : (
        <ActionButton action={`/gestion/pages/${page.id}/proposer`} csrfToken={csrfToken}>
          {text.proposeChanges}
        </ActionButton>
      )}
      <ActionButton
        action={`/gestion/pages/${page.id}/abandonner-modifications`}
        csrfToken={csrfToken}
        fields={{ version }}
        variant="secondary"
      >
        {text.discardChanges}
      </ActionButton>
    </div>
  );
}

/**
 * The review of a published page's unpublished changes: what will change on the site, field by
 * field and word by word, a preview, and publishing, sending back with a comment, or discarding.
 */
export function PageChangesView({
  frame,
  page,
  draft,
  changes,
  can,
  comment,
  commentError,
}: {
  frame: AdminFrame;
  page: Page;
  /** None: published or discarded since (the link of a review e-mail may be old). */
  draft: RecordDraft | null;
  changes: ShownFieldChange[];
  can: PageFormProps['can'];
  comment: string;
  commentError?: string;
}) {
  const heading = text.changesTitle(page.title);
  const version = String(page.version);
  if (!draft) {
    return (
      <AdminLayout frame={frame} title={heading}>
        <p>
          <a href={`/gestion/pages/${page.id}`}>{text.backToPage}</a>
        </p>
        <h1>{heading}</h1>
        <p>{text.errors.noChanges}.</p>
      </AdminLayout>
    );
  }
  return (
    <AdminLayout frame={frame} title={commentError ? messages.form.pageTitleError(heading) : heading}>
      <p>
        <a href={`/gestion/pages/${page.id}`}>{text.backToPage}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary
        errors={commentError ? { comment: commentError } : {}}
        fieldIds={{ comment: 'comment' }}
      />
      <DraftState draft={draft} />
      <p>
        <a href={`/gestion/pages/${page.id}/apercu`}>{text.preview}</a>
      </p>
      {changes.length > 0 ? (
        <>
          <p>{text.changesIntro}</p>
          <p class="hint">{messages.history.diffLegend}</p>
          <FieldChanges changes={changes} />
        </>
      ) : (
        <p>{text.changesNone}</p>
      )}
      {can.edit ? (
        <DraftActions page={page} draft={draft} can={can} csrfToken={frame.csrfToken} version={version} />
      ) : null}
      {can.publish ? (
        <section aria-labelledby="renvoyer">
          <h2 id="renvoyer">{text.returnHeading}</h2>
          <form class="form" action={`/gestion/pages/${page.id}/renvoyer`} method="post" novalidate>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <TextAreaField
              id="comment"
              name="comment"
              label={text.returnComment}
              hint={text.returnCommentHint}
              value={comment}
              error={commentError}
              rows={4}
            />
            <button type="submit" class="button-secondary">
              {text.returnSubmit}
            </button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}
