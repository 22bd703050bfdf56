import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Document, DocumentsTable, Page } from '../../db/schema.js';
import { findLiveRow, isLiveNameTaken } from '../../db/trash.repo.js';

export async function findLiveDocuments(db: Db, workspaceId: string): Promise<Document[]> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('title')
    .execute();
}

export function findLiveDocument(db: Db, workspaceId: string, id: string): Promise<Document | undefined> {
  return findLiveRow(db, 'documents', workspaceId, id);
}

export async function findLiveDocumentsByNames(
  db: Db,
  workspaceId: string,
  names: string[],
): Promise<Document[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('documents')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', 'in', names)
    .where('deleted_at', 'is', null)
    .execute();
}

export function isDocumentNameTaken(
  db: Db,
  workspaceId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  return isLiveNameTaken(db, 'documents', workspaceId, name, exceptId);
}

export async function insertDocument(db: Db, values: Insertable<DocumentsTable>): Promise<Document> {
  return db.insertInto('documents').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateDocumentRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: Updateable<DocumentsTable>,
): Promise<Document> {
  return db
    .updateTable('documents')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Live pages (drafts included) whose text holds `code`: the candidates for "used by". */
export async function findLivePagesContaining(
  db: Db,
  workspaceId: string,
  code: string,
): Promise<Array<Pick<Page, 'id' | 'title' | 'status' | 'body_markdown'>>> {
  return db
    .selectFrom('pages')
    .select(['id', 'title', 'status', 'body_markdown'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('body_markdown', 'like', `%${code.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .orderBy('title')
    .execute();
}

export async function deleteTrashedDocuments(db: Db, workspaceId: string): Promise<void> {
  await db
    .deleteFrom('documents')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
}
