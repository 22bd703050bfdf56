import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Document, DocumentsTable, Page } from '../../db/schema.js';

export async function findLiveDocuments(db: Db, workspaceId: string): Promise<Document[]> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('title')
    .execute();
}

export async function findLiveDocument(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<Document | undefined> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
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

export async function isDocumentNameTaken(
  db: Db,
  workspaceId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  let query = db
    .selectFrom('documents')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .where('deleted_at', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return !!(await query.executeTakeFirst());
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
