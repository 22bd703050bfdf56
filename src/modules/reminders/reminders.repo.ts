import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Convention, RemindersSentTable } from '../../db/schema.js';

export type SentReminder = Pick<RemindersSentTable, 'kind' | 'item_id' | 'period'>;

/** The live conventions of a workspace's live partnerships, with their partner's name. */
export async function findConventionsToWatch(
  db: Db,
  workspaceId: string,
): Promise<Array<Convention & { partner_name: string }>> {
  return db
    .selectFrom('conventions as c')
    .innerJoin('partnerships as p', 'p.id', 'c.partnership_id')
    .innerJoin('organisations as o', 'o.id', 'p.partner_organisation_id')
    .selectAll('c')
    .select('o.name as partner_name')
    .where('c.workspace_id', '=', workspaceId)
    .where('c.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('c.title')
    .execute();
}

/** The live projects of a workspace with the moment of their last news: the project's, a transaction's, a published update's. */
export async function findProjectsToWatch(
  db: Db,
  workspaceId: string,
): Promise<Array<{ id: string; title: string; status: number; last_update: Date }>> {
  const result = await sql<{ id: string; title: string; status: number; last_update: Date }>`
    SELECT p.id, p.title, p.status,
           greatest(
             p.updated_at,
             (SELECT max(t.updated_at) FROM project_transactions t
               WHERE t.project_id = p.id AND t.deleted_at IS NULL),
             (SELECT max(u.reviewed_at) FROM project_updates u
               WHERE u.project_id = p.id AND u.deleted_at IS NULL AND u.status = 'published')
           ) AS last_update
      FROM projects p
      JOIN partnerships ps ON ps.id = p.partnership_id AND ps.deleted_at IS NULL
     WHERE p.workspace_id = ${workspaceId} AND p.deleted_at IS NULL
     ORDER BY p.title`.execute(db);
  return result.rows.map((row) => ({
    ...row,
    status: Number(row.status),
    last_update: new Date(row.last_update),
  }));
}

/** Every workspace, with the addresses of its active admins. */
export async function findWorkspacesAndAdmins(
  db: Db,
): Promise<Array<{ id: string; name: string; adminEmails: string[] }>> {
  const [workspaces, admins] = await Promise.all([
    db.selectFrom('workspaces').select(['id', 'name']).orderBy('name').execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.workspace_id', 'u.email'])
      .where('m.role', '=', 'admin')
      .where('m.deactivated_at', 'is', null)
      .where('u.anonymised_at', 'is', null)
      .orderBy('u.email')
      .execute(),
  ]);
  return workspaces.map((workspace) => ({
    ...workspace,
    adminEmails: admins.filter((a) => a.workspace_id === workspace.id).map((a) => a.email),
  }));
}

/** Marks reminders as sent; returns those that were not already: the ones to e-mail now. */
export async function markRemindersSent(
  trx: Db,
  workspaceId: string,
  reminders: SentReminder[],
  at: Date,
): Promise<SentReminder[]> {
  if (reminders.length === 0) return [];
  return trx
    .insertInto('reminders_sent')
    .values(
      reminders.map((reminder) => ({
        workspace_id: workspaceId,
        kind: reminder.kind,
        item_id: reminder.item_id,
        period: reminder.period,
        sent_at: at,
      })),
    )
    .onConflict((conflict) => conflict.columns(['workspace_id', 'kind', 'item_id', 'period']).doNothing())
    .returning(['kind', 'item_id', 'period'])
    .execute();
}
