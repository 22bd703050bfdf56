import type { Document } from '../../db/schema.js';
import type { FieldErrors } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { FileField, SelectField, TextField } from '../../ui/Field.js';
import { PageLinks } from '../../ui/PageLinks.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { DOCUMENT_LANGUAGES, type DocumentField } from './documents.schemas.js';
import {
  type DocumentUser,
  documentCode,
  documentHref,
  documentLinkText,
  documentTypeAndSize,
} from './documents.service.js';

const text = messages.documents;

export type DocumentFormValues = Record<Exclude<DocumentField, 'file'>, string>;

export const emptyDocumentFormValues: DocumentFormValues = {
  title: '',
  name: '',
  language: 'fr',
  document_date: '',
  version: '',
};

export function documentFormValues(document: Document): DocumentFormValues {
  return {
    title: document.title,
    name: document.name,
    language: document.language,
    document_date: document.document_date ?? '',
    version: String(document.version),
  };
}

const fieldIds: Record<DocumentField, string> = {
  file: 'file',
  title: 'title',
  name: 'name',
  language: 'language',
  document_date: 'document_date',
  version: 'title',
};

const ACCEPT =
  '.pdf,.odt,.ods,.docx,.xlsx,.csv,application/pdf,application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export function DocumentsListView({
  frame,
  documents,
  canCreate,
}: {
  frame: AdminFrame;
  documents: Document[];
  canCreate: boolean;
}) {
  return (
    <AdminLayout frame={frame} title={text.listTitle}>
      <h1>{text.listTitle}</h1>
      <p>{text.intro}</p>
      {canCreate ? (
        <p>
          <a class="button-link" href="/gestion/documents/nouveau">
            {text.upload}
          </a>
        </p>
      ) : null}
      {documents.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-documents">
          <table class="table">
            <caption id="tableau-documents">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.title}</th>
                <th scope="col">{text.columns.code}</th>
                <th scope="col">{text.columns.format}</th>
                <th scope="col">{text.columns.date}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((document) => (
                <tr key={document.id}>
                  <td>
                    <a href={`/gestion/documents/${document.id}`}>{document.title}</a>
                  </td>
                  <td>
                    <code>{documentCode(document.name)}</code>
                  </td>
                  <td>{documentTypeAndSize(document)}</td>
                  <td>{document.document_date ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </AdminLayout>
  );
}

function TextFields({ values, errors }: { values: DocumentFormValues; errors: FieldErrors<DocumentField> }) {
  return (
    <>
      <TextField
        id="title"
        name="title"
        label={text.fields.title}
        hint={text.fields.titleHint}
        value={values.title}
        error={errors.title}
        maxLength={200}
      />
      <TextField
        id="name"
        name="name"
        label={text.fields.name}
        hint={text.fields.nameHint}
        value={values.name}
        error={errors.name}
        optional
      />
      <SelectField
        id="language"
        name="language"
        label={text.fields.language}
        choices={DOCUMENT_LANGUAGES.map((code) => ({ value: code, label: text.languages[code] ?? code }))}
        value={values.language}
        error={errors.language}
      />
      <TextField
        id="document_date"
        name="document_date"
        type="date"
        label={text.fields.date}
        hint={text.fields.dateHint}
        value={values.document_date}
        error={errors.document_date}
        optional
      />
    </>
  );
}

export function UploadDocumentView({
  frame,
  values,
  errors,
}: {
  frame: AdminFrame;
  values: DocumentFormValues;
  errors: FieldErrors<DocumentField>;
}) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <AdminLayout
      frame={frame}
      title={hasErrors ? messages.form.pageTitleError(text.uploadTitle) : text.uploadTitle}
    >
      <p>
        <a href="/gestion/documents">{text.backToList}</a>
      </p>
      <h1>{text.uploadTitle}</h1>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      <form class="form" action="/gestion/documents" method="post" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <FileField
          id="file"
          label={text.fields.file}
          hints={[text.fields.fileHint]}
          error={errors.file}
          accept={ACCEPT}
        />
        <TextFields values={values} errors={errors} />
        <button type="submit">{text.upload}</button>
      </form>
    </AdminLayout>
  );
}

export function EditDocumentView({
  frame,
  document,
  values,
  errors,
  usedBy,
  can,
  readOnlyNotice,
  stale,
}: {
  frame: AdminFrame;
  document: Document;
  values: DocumentFormValues;
  errors: FieldErrors<DocumentField | 'document'>;
  usedBy: DocumentUser[];
  can: { edit: boolean; delete: boolean };
  readOnlyNotice: string | null;
  stale?: StaleSave;
}) {
  const heading = text.editTitle(document.title);
  const hasErrors = Object.keys(errors).length > 0 || stale;
  return (
    <AdminLayout frame={frame} title={hasErrors ? messages.form.pageTitleError(heading) : heading}>
      <p>
        <a href="/gestion/documents">{text.backToList}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ ...fieldIds, document: 'contenu' }} />
      {stale ? (
        <ConflictNotice
          stale={stale}
          fields={{
            title: { label: text.fields.title },
            name: { label: text.fields.name },
            language: {
              label: text.fields.language,
              show: (value) => text.languages[String(value)] ?? String(value),
            },
            document_date: { label: text.fields.date },
          }}
        />
      ) : null}
      <p>
        <a href={documentHref(document)} download={`${document.name}.${document.extension}`}>
          {text.download} : {documentLinkText(document)}
        </a>{' '}
        <a href={`/gestion/documents/${document.id}/historique`}>{text.history}</a>
        {can.delete ? (
          <>
            {' '}
            <a href={`/gestion/documents/${document.id}/supprimer`}>{text.delete}</a>
          </>
        ) : null}
      </p>
      <p>
        {text.code} <code>{documentCode(document.name)}</code>
      </p>
      {readOnlyNotice ? <p class="notice">{readOnlyNotice}</p> : null}
      {can.edit ? (
        <form class="form" action={`/gestion/documents/${document.id}`} method="post" novalidate>
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          <VersionField value={values.version} />
          <TextFields values={values} errors={errors} />
          <button type="submit">{text.save}</button>
        </form>
      ) : null}
      <section aria-labelledby="utilise-par">
        <h2 id="utilise-par">{text.usedByTitle}</h2>
        {usedBy.length === 0 ? <p>{text.usedByNone}</p> : <PageLinks pages={usedBy} />}
      </section>
    </AdminLayout>
  );
}

export function DeleteDocumentView({
  frame,
  document,
  usedBy,
  error,
}: {
  frame: AdminFrame;
  document: Document;
  usedBy: DocumentUser[];
  error: string | null;
}) {
  return (
    <AdminLayout frame={frame} title={text.deleteTitle(document.title)}>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <h1>{text.deleteTitle(document.title)}</h1>
      {usedBy.length > 0 ? (
        <>
          <p>{text.deleteRefused}</p>
          <PageLinks pages={usedBy} />
        </>
      ) : (
        <>
          <p>{text.deleteNoUsers}</p>
          <ActionButton
            action={`/gestion/documents/${document.id}/supprimer`}
            csrfToken={frame.csrfToken}
            variant="warning"
          >
            {text.deleteConfirm}
          </ActionButton>
        </>
      )}
    </AdminLayout>
  );
}
