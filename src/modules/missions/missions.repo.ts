import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Mission, MissionsTable } from '../../db/schema.js';
import type { MissionRows } from './missions.schemas.js';

export type MissionValues = Omit<
  Insertable<MissionsTable>,
  'id' | 'workspace_id' | 'created_at' | 'updated_at' | 'deleted_at' | 'deleted_by' | 'deletion_id'
>;

/** A mission with its partner's name, read with its partnership's sharing. */
export type MissionRow = Mission & {
  partner_name: string;
  partner_organisation_id: string;
  partnership_shared: boolean;
};

function selectMissions(db: Db, workspaceId: string) {
  return db
    .selectFrom('missions as m')
    .innerJoin('partnerships as ps', 'ps.id', 'm.partnership_id')
    .innerJoin('organisations as partner', 'partner.id', 'ps.partner_organisation_id')
    .selectAll('m')
    .select([
      'partner.name as partner_name',
      'ps.partner_organisation_id as partner_organisation_id',
      'ps.shared_with_partner as partnership_shared',
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.deleted_at', 'is', null)
    .where('ps.deleted_at', 'is', null);
}

export async function findLiveMissions(
  db: Db,
  workspaceId: string,
  filter: { partnershipId?: string; projectId?: string; sharedWith?: string } = {},
): Promise<MissionRow[]> {
  let query = selectMissions(db, workspaceId);
  if (filter.partnershipId) query = query.where('m.partnership_id', '=', filter.partnershipId);
  if (filter.projectId) query = query.where('m.project_id', '=', filter.projectId);
  if (filter.sharedWith !== undefined)
    query = query
      .where('ps.shared_with_partner', '=', true)
      .where('ps.partner_organisation_id', '=', filter.sharedWith);
  return query.orderBy('m.start_date', 'desc').execute();
}

export async function findLiveMission(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<MissionRow | undefined> {
  return selectMissions(db, workspaceId).where('m.id', '=', id).executeTakeFirst();
}

export async function insertMission(
  db: Db,
  values: MissionValues & { workspace_id: string; created_at: Date; updated_at: Date },
): Promise<Mission> {
  return db.insertInto('missions').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateMissionRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: MissionValues & { updated_at: Date },
): Promise<Mission> {
  return db
    .updateTable('missions')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMissionRows(db: Db, workspaceId: string, missionId: string): Promise<MissionRows> {
  const of = { workspaceId, missionId };
  const [places, participants, photos, costs] = await Promise.all([
    db
      .selectFrom('mission_places')
      .select('organisation_id')
      .where('workspace_id', '=', of.workspaceId)
      .where('mission_id', '=', of.missionId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('mission_participants')
      .select(['name', 'role', 'organisation_id'])
      .where('workspace_id', '=', of.workspaceId)
      .where('mission_id', '=', of.missionId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('mission_photos')
      .select(['media_id', 'caption'])
      .where('workspace_id', '=', of.workspaceId)
      .where('mission_id', '=', of.missionId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('mission_costs')
      .select('transaction_id')
      .where('workspace_id', '=', of.workspaceId)
      .where('mission_id', '=', of.missionId)
      .orderBy('position')
      .execute(),
  ]);
  return { places, participants, photos, costs };
}

export async function replaceMissionRows(
  trx: Db,
  workspaceId: string,
  missionId: string,
  rows: MissionRows,
): Promise<void> {
  for (const table of ['mission_places', 'mission_participants', 'mission_photos', 'mission_costs'] as const)
    await trx
      .deleteFrom(table)
      .where('workspace_id', '=', workspaceId)
      .where('mission_id', '=', missionId)
      .execute();
  const key = { workspace_id: workspaceId, mission_id: missionId };
  if (rows.places.length)
    await trx
      .insertInto('mission_places')
      .values(rows.places.map((row, position) => ({ ...key, ...row, position })))
      .execute();
  if (rows.participants.length)
    await trx
      .insertInto('mission_participants')
      .values(rows.participants.map((row, position) => ({ ...key, ...row, position })))
      .execute();
  if (rows.photos.length)
    await trx
      .insertInto('mission_photos')
      .values(rows.photos.map((row, position) => ({ ...key, ...row, position })))
      .execute();
  if (rows.costs.length)
    await trx
      .insertInto('mission_costs')
      .values(rows.costs.map((row, position) => ({ ...key, ...row, position })))
      .execute();
}

export async function findPurgeableMissions(db: Db, workspaceId: string): Promise<Mission[]> {
  return db
    .selectFrom('missions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is not', null)
    .execute();
}
