import { randomBytes, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/database.js';
import type { Document, PageStatus } from '../../db/schema.js';
import {
  clearDeletion,
  findRowsOfDeletion,
  findTrashedRows,
  findTrashedSingles,
  markDeleted,
  type TrashedGroup,
} from '../../db/trash.repo.js';
import { recordChange } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import { roleMay } from '../../platform/auth/permissions.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { formatByteSize } from '../../platform/file-size.js';
import { messages } from '../../platform/i18n/fr.js';
import { documentNamesIn, type PlacedDocument } from '../../platform/markdown.js';
import { slugify } from '../../platform/slug.js';
import type { FileStorage } from '../../platform/storage.js';
import type { UploadedFile } from '../../platform/uploads.js';
import { changesNothing, refuseStaleSave } from '../../platform/versions.js';
import {
  deleteTrashedDocuments,
  findLiveDocument,
  findLiveDocuments,
  findLiveDocumentsByNames,
  findLivePagesContaining,
  insertDocument,
  isDocumentNameTaken,
  updateDocumentRow,
} from './documents.repo.js';
import { type DocumentForm, documentTextFields } from './documents.schemas.js';

const text = messages.documents;

export interface DocumentsDeps {
  db: Db;
  clock: Clock;
  storage: FileStorage;
}

/** 20 MB: a signed convention scanned at a good resolution, a year's accounts as a spreadsheet. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** The formats accepted, by the type their bytes show: what a link says of each. */
const ACCEPTED: Record<string, { mime: string; label: string }> = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', label: 'ODT' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', label: 'ODS' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX' },
  csv: { mime: 'text/csv; charset=utf-8', label: 'CSV' },
};

/**
 * The format of a file, read from its bytes (never from its name or the type the browser
 * declared): an office file or a PDF by its signature; a CSV, which has none, only when it is
 * named .csv and is UTF-8 text. Anything else is refused.
 */
export async function detectDocumentType(
  content: Buffer,
  fileName: string,
): Promise<{ extension: string; mime: string } | null> {
  const found = await fileTypeFromBuffer(content);
  if (found) return found.ext in ACCEPTED ? { extension: found.ext, mime: ACCEPTED[found.ext]!.mime } : null;
  if (!/\.csv$/i.test(fileName) || content.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
  return { extension: 'csv', mime: ACCEPTED.csv!.mime };
}

/** « PDF, 240 ko »: a document's format and weight. */
export function documentTypeAndSize(document: Pick<Document, 'extension' | 'byte_size'>): string {
  const label = ACCEPTED[document.extension]?.label ?? document.extension.toUpperCase();
  return `${label}, ${formatByteSize(document.byte_size)}`;
}

/** What a link to the document reads (RGAA 6.1): its title, format, size, and language when not French. */
export function documentLinkText(
  document: Pick<Document, 'title' | 'extension' | 'byte_size' | 'language'>,
): string {
  const language = text.inLanguage[document.language];
  return `${document.title} (${documentTypeAndSize(document)}${language ? `, ${language}` : ''})`;
}

export function documentFileName(document: Pick<Document, 'name' | 'extension'>): string {
  return `${document.name}.${document.extension}`;
}

/** The public address of a document's file. */
export function documentHref(document: Pick<Document, 'id' | 'name' | 'extension'>): string {
  return `/documents/${document.id}/${documentFileName(document)}`;
}

export function documentCode(name: string): string {
  return `{{document:${name}}}`;
}

export async function listDocuments(deps: Pick<DocumentsDeps, 'db'>, actor: Actor): Promise<Document[]> {
  assertMay(actor, 'content.read');
  return findLiveDocuments(deps.db, actor.workspace.id);
}

export async function getDocument(
  deps: Pick<DocumentsDeps, 'db'>,
  actor: Actor,
  id: string,
): Promise<Document> {
  assertMay(actor, 'content.read');
  const document = await findLiveDocument(deps.db, actor.workspace.id, id);
  if (!document) throw new NotFoundError(messages.notFound.lead);
  return document;
}

/** The document a record links to (a convention's signed copy), for whoever may read that record. */
export async function findLinkedDocument(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<Document | undefined> {
  return findLiveDocument(db, workspaceId, id);
}

export interface DocumentUser {
  id: string;
  title: string;
  status: PageStatus;
}

async function pagesUsing(db: Db, workspaceId: string, name: string): Promise<DocumentUser[]> {
  const pages = await findLivePagesContaining(db, workspaceId, documentCode(name));
  return pages
    .filter((page) => documentNamesIn(page.body_markdown).includes(name))
    .map((page) => ({ id: page.id, title: page.title, status: page.status }));
}

/** Live pages (drafts included) that link to the document. */
export async function listPagesUsingDocument(
  deps: Pick<DocumentsDeps, 'db'>,
  actor: Actor,
  document: Document,
): Promise<DocumentUser[]> {
  assertMay(actor, 'content.read');
  return pagesUsing(deps.db, actor.workspace.id, document.name);
}

/** Whether a page's text may name these documents: each must be a live document of the workspace. */
export async function missingDocumentNames(db: Db, workspaceId: string, names: string[]): Promise<string[]> {
  const found = new Set((await findLiveDocumentsByNames(db, workspaceId, names)).map((d) => d.name));
  return names.filter((name) => !found.has(name));
}

/** The links a public page's text makes of its `{{document:…}}` codes, by name. */
export async function placedDocuments(
  db: Db,
  workspaceId: string,
  source: string,
): Promise<Map<string, PlacedDocument>> {
  const documents = await findLiveDocumentsByNames(db, workspaceId, documentNamesIn(source));
  return new Map(
    documents.map((document) => [
      document.name,
      { text: documentLinkText(document), href: documentHref(document) },
    ]),
  );
}

/** A live document's file, for its public address: its own id and file name only. */
export async function findPublicDocumentFile(
  db: Db,
  workspaceId: string,
  id: string,
  fileName: string,
): Promise<Document | null> {
  const document = await findLiveDocument(db, workspaceId, id);
  return document && documentFileName(document) === fileName ? document : null;
}

function isUniqueViolation(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { code?: unknown }).code === '23505';
}

/** The message beside the file field, or null when the file will do. */
export async function checkDocumentUpload(file: UploadedFile | null): Promise<string | null> {
  const examined = await examineUpload(file);
  return 'problem' in examined ? examined.problem : null;
}

/** The file's format, or the message saying why it will not do. */
async function examineUpload(
  file: UploadedFile | null,
): Promise<{ problem: string } | { file: UploadedFile; type: { extension: string; mime: string } }> {
  if (!file) return { problem: text.errors.fileRequired };
  if (file.tooLarge) return { problem: text.errors.fileTooLarge };
  if (file.content.length === 0) return { problem: text.errors.fileEmpty };
  const type = await detectDocumentType(file.content, file.fileName);
  return type ? { file, type } : { problem: text.errors.fileType };
}

async function freeName(db: Db, workspaceId: string, base: string): Promise<string> {
  for (let suffix = 1; ; suffix++) {
    const name = suffix === 1 ? base : `${base}-${suffix}`;
    if (!(await isDocumentNameTaken(db, workspaceId, name, null))) return name;
  }
}

/** Stores a document: its type read from its bytes, the file written, then the record and its audit. */
export async function uploadDocument(
  deps: DocumentsDeps,
  actor: Actor,
  form: DocumentForm,
  upload: UploadedFile | null,
): Promise<Document> {
  assertMay(actor, 'content.create');
  const examined = await examineUpload(upload);
  if ('problem' in examined) throw new RuleError('file', examined.problem);
  const { file, type } = examined;
  const workspaceId = actor.workspace.id;
  if (form.name && (await isDocumentNameTaken(deps.db, workspaceId, form.name, null)))
    throw new RuleError('name', text.errors.nameTaken);
  const name =
    form.name || (await freeName(deps.db, workspaceId, slugify(form.title).slice(0, 60) || 'document'));
  const storageKey = `${workspaceId}/documents/${name}-${randomBytes(4).toString('hex')}.${type.extension}`;
  const now = deps.clock.now();
  await deps.storage.write(storageKey, file.content);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const document = await insertDocument(trx, {
        workspace_id: workspaceId,
        name,
        title: form.title,
        language: form.language,
        document_date: form.document_date,
        storage_key: storageKey,
        mime_type: type.mime,
        extension: type.extension,
        byte_size: file.content.length,
        created_at: now,
        updated_at: now,
      });
      await recordChange(trx, actor, 'document', 'create', document.id, null, document, now);
      return document;
    });
  } catch (error) {
    await deps.storage.remove(storageKey);
    if (isUniqueViolation(error)) throw new RuleError('name', text.errors.nameTaken);
    throw error;
  }
}

/**
 * Changes a document's title, language, date, and its name while no page links to it under the
 * current one. A contributor may not change what a published page shows.
 */
export async function updateDocument(
  deps: Pick<DocumentsDeps, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  form: DocumentForm,
): Promise<Document> {
  assertMay(actor, 'content.edit');
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await findLiveDocument(trx, actor.workspace.id, id);
      if (!before) throw new NotFoundError(messages.notFound.lead);
      const users = await pagesUsing(trx, actor.workspace.id, before.name);
      if (!mayEditDocument(actor, users)) throw new RuleError('document', text.contributorPublished);
      await refuseStaleSave(trx, {
        table: 'documents',
        key: { id },
        workspaceId: actor.workspace.id,
        recordType: 'document',
        recordId: id,
        openedVersion: form.version,
        fields: documentTextFields.filter((field) => field !== 'version'),
      });
      const name = form.name || before.name;
      if (name !== before.name) {
        if (users.length > 0)
          throw new RuleError(
            'name',
            text.errors.nameInUse(users.map((page) => `« ${page.title} »`).join(', ')),
          );
        if (await isDocumentNameTaken(trx, actor.workspace.id, name, id))
          throw new RuleError('name', text.errors.nameTaken);
      }
      const values = { name, title: form.title, language: form.language, document_date: form.document_date };
      if (changesNothing(before, values)) return before;
      const after = await updateDocumentRow(trx, actor.workspace.id, id, { ...values, updated_at: now });
      await recordChange(trx, actor, 'document', 'update', id, before, after, now);
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('name', text.errors.nameTaken);
    throw error;
  }
}

/** A published page shows the document's title and size: changing them takes `content.publish`. */
export function mayEditDocument(actor: Actor, usedBy: readonly DocumentUser[]): boolean {
  if (!roleMay(actor.role, 'content.edit')) return false;
  return roleMay(actor.role, 'content.publish') || !usedBy.some((page) => page.status === 'published');
}

/** Moves a document to the trash, unless a page links to it (the link would lead nowhere). */
export async function deleteDocument(
  deps: Pick<DocumentsDeps, 'db' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<void> {
  assertMay(actor, 'content.delete');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const document = await findLiveDocument(trx, actor.workspace.id, id);
    if (!document) throw new NotFoundError(messages.notFound.lead);
    if ((await pagesUsing(trx, actor.workspace.id, document.name)).length > 0)
      throw new RuleError('document', text.deleteRefused);
    const [after] = await markDeleted(trx, 'documents', actor.workspace.id, [id], {
      deletionId: randomUUID(),
      at: now,
      by: actor.user.id,
    });
    await recordChange(trx, actor, 'document', 'delete', id, document, after, now);
  });
}

export async function listTrashedDocuments(
  deps: Pick<DocumentsDeps, 'db'>,
  actor: Actor,
): Promise<TrashedGroup[]> {
  assertMay(actor, 'content.read');
  return findTrashedSingles(deps.db, 'documents', 'title', actor.workspace.id);
}

/** Brings back the document of one deletion, unless a live document took its name meanwhile. */
export async function restoreDocumentDeletion(
  trx: Db,
  actor: Actor,
  deletionId: string,
  now: Date,
): Promise<number> {
  assertMay(actor, 'content.restore');
  const trashed = await findRowsOfDeletion(trx, 'documents', actor.workspace.id, deletionId);
  for (const document of trashed) {
    if (await isDocumentNameTaken(trx, actor.workspace.id, document.name, document.id))
      throw new RuleError('deletion', text.errors.restoreNameTaken(document.name));
  }
  await clearDeletion(trx, 'documents', actor.workspace.id, deletionId, now);
  for (const document of trashed) {
    await recordChange(
      trx,
      actor,
      'document',
      'restore',
      document.id,
      document,
      { ...document, deleted_at: null, deletion_id: null },
      now,
    );
  }
  return trashed.length;
}

/** Deletes the trashed documents for good; their files go once the transaction has committed. */
export async function purgeDocuments(
  trx: Db,
  actor: Actor,
  now: Date,
  filesToRemove: string[],
): Promise<number> {
  assertMay(actor, 'trash.empty');
  const trashed = await findTrashedRows(trx, 'documents', actor.workspace.id);
  for (const document of trashed)
    await recordChange(trx, actor, 'document', 'purge', document.id, document, null, now);
  await deleteTrashedDocuments(trx, actor.workspace.id);
  for (const document of trashed) filesToRemove.push(document.storage_key);
  return trashed.length;
}
