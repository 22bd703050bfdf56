import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Convention, ConventionAmendment, ConventionsTable } from '../../db/schema.js';

export type ConventionValues = Omit<
  Insertable<ConventionsTable>,
  | 'id'
  | 'workspace_id'
  | 'partnership_id'
  | 'created_at'
  | 'updated_at'
  | 'deleted_at'
  | 'deleted_by'
  | 'deletion_id'
>;

export interface PartyRow {
  organisation_id: string;
  name: string;
  kind: string;
  signatory_name: string;
  signatory_role: string;
}

export async function findLiveConventionsOf(
  db: Db,
  workspaceId: string,
  partnershipId: string,
): Promise<Convention[]> {
  return db
    .selectFrom('conventions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('partnership_id', '=', partnershipId)
    .where('deleted_at', 'is', null)
    .orderBy('signature_date', 'desc')
    .orderBy('title')
    .execute();
}

export async function findLiveConvention(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<Convention | undefined> {
  return db
    .selectFrom('conventions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findParties(db: Db, workspaceId: string, conventionId: string): Promise<PartyRow[]> {
  return db
    .selectFrom('convention_parties as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.organisation_id', 'o.name', 'o.kind', 'p.signatory_name', 'p.signatory_role'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.convention_id', '=', conventionId)
    .orderBy('p.position')
    .execute();
}

export async function findAmendments(
  db: Db,
  workspaceId: string,
  conventionId: string,
): Promise<ConventionAmendment[]> {
  return db
    .selectFrom('convention_amendments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('convention_id', '=', conventionId)
    .orderBy('position')
    .execute();
}

export async function insertConvention(
  db: Db,
  values: ConventionValues & {
    workspace_id: string;
    partnership_id: string;
    created_at: Date;
    updated_at: Date;
  },
): Promise<Convention> {
  return db.insertInto('conventions').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateConventionRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: Partial<ConventionValues> & { updated_at: Date },
): Promise<Convention> {
  return db
    .updateTable('conventions')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replaceParties(
  db: Db,
  workspaceId: string,
  conventionId: string,
  parties: Array<{ organisation_id: string; signatory_name: string; signatory_role: string }>,
): Promise<void> {
  await db
    .deleteFrom('convention_parties')
    .where('workspace_id', '=', workspaceId)
    .where('convention_id', '=', conventionId)
    .execute();
  if (parties.length === 0) return;
  await db
    .insertInto('convention_parties')
    .values(
      parties.map((party, position) => ({
        ...party,
        workspace_id: workspaceId,
        convention_id: conventionId,
        position,
      })),
    )
    .execute();
}

export async function replaceAmendments(
  db: Db,
  workspaceId: string,
  conventionId: string,
  amendments: Array<{ amendment_date: string; object: string }>,
): Promise<void> {
  await db
    .deleteFrom('convention_amendments')
    .where('workspace_id', '=', workspaceId)
    .where('convention_id', '=', conventionId)
    .execute();
  if (amendments.length === 0) return;
  await db
    .insertInto('convention_amendments')
    .values(
      amendments.map((amendment, position) => ({
        ...amendment,
        workspace_id: workspaceId,
        convention_id: conventionId,
        position,
      })),
    )
    .execute();
}

export async function findPurgeableConventions(db: Db, workspaceId: string): Promise<Convention[]> {
  return db
    .selectFrom('conventions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
}
