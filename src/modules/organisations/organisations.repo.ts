import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Organisation, OrganisationContact, OrganisationsTable } from '../../db/schema.js';

export type OrganisationValues = Omit<
  Insertable<OrganisationsTable>,
  'id' | 'workspace_id' | 'created_at' | 'updated_at' | 'deleted_at' | 'deleted_by' | 'deletion_id'
>;

export async function findLiveOrganisations(db: Db, workspaceId: string): Promise<Organisation[]> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy(sql`lower(public.unaccent(name))`)
    .execute();
}

export async function findLiveOrganisation(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<Organisation | undefined> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The workspace's live organisations made from these gazetteer places, by place key. */
export async function findOrganisationsOfPlaces(
  db: Db,
  workspaceId: string,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'gazetteer_key'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('gazetteer_key', 'in', keys)
    .execute();
  return new Map(rows.map((row) => [row.gazetteer_key!, row.id]));
}

export async function insertOrganisation(
  db: Db,
  values: OrganisationValues & { workspace_id: string; created_at: Date; updated_at: Date },
): Promise<Organisation> {
  return db.insertInto('organisations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganisationRow(
  db: Db,
  workspaceId: string,
  id: string,
  values: Partial<OrganisationValues> & { updated_at: Date },
): Promise<Organisation> {
  return db
    .updateTable('organisations')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findContacts(
  db: Db,
  workspaceId: string,
  organisationId: string,
): Promise<OrganisationContact[]> {
  return db
    .selectFrom('organisation_contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('organisation_id', '=', organisationId)
    .orderBy('position')
    .execute();
}

/** The contacts become exactly these, in this order. */
export async function replaceContacts(
  db: Db,
  workspaceId: string,
  organisationId: string,
  contacts: Array<{ name: string; role: string; email: string; phone: string }>,
): Promise<void> {
  await db
    .deleteFrom('organisation_contacts')
    .where('workspace_id', '=', workspaceId)
    .where('organisation_id', '=', organisationId)
    .execute();
  if (contacts.length === 0) return;
  await db
    .insertInto('organisation_contacts')
    .values(
      contacts.map((contact, position) => ({
        ...contact,
        workspace_id: workspaceId,
        organisation_id: organisationId,
        position,
      })),
    )
    .execute();
}

/** What keeps an organisation from the trash: the workspace it is, the partner accounts it has. */
export async function findOrganisationUses(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<{
  isWorkspace: boolean;
  partnerAccounts: number;
  partnerships: number;
  conventions: number;
  projects: number;
  missions: number;
}> {
  const [workspace, members, partnerships, conventions, projects, missions] = await Promise.all([
    db
      .selectFrom('workspaces')
      .select('id')
      .where('id', '=', workspaceId)
      .where('organisation_id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('organisation_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('partnerships')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('local_organisation_id', '=', id), eb('partner_organisation_id', '=', id)]))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('convention_parties as p')
      .innerJoin('conventions as c', 'c.id', 'p.convention_id')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('p.workspace_id', '=', workspaceId)
      .where('p.organisation_id', '=', id)
      .where('c.deleted_at', 'is', null)
      .executeTakeFirstOrThrow(),
    // Live projects that name it: as a participant, a location, or a transaction's payer or payee.
    db
      .selectFrom('projects as p')
      .select((eb) => eb.fn.count<string>('p.id').distinct().as('count'))
      .where('p.workspace_id', '=', workspaceId)
      .where('p.deleted_at', 'is', null)
      .where(({ or, exists, selectFrom }) =>
        or([
          exists(
            selectFrom('project_participants as pp')
              .select('pp.project_id')
              .whereRef('pp.project_id', '=', 'p.id')
              .where('pp.organisation_id', '=', id),
          ),
          exists(
            selectFrom('project_locations as pl')
              .select('pl.project_id')
              .whereRef('pl.project_id', '=', 'p.id')
              .where('pl.organisation_id', '=', id),
          ),
          exists(
            selectFrom('project_transactions as t')
              .select('t.id')
              .whereRef('t.project_id', '=', 'p.id')
              .where('t.deleted_at', 'is', null)
              .where((inner) =>
                inner.or([
                  inner('t.provider_organisation_id', '=', id),
                  inner('t.receiver_organisation_id', '=', id),
                ]),
              ),
          ),
        ]),
      )
      .executeTakeFirstOrThrow(),
    // Live missions that name it: a place visited, a participant's organisation.
    db
      .selectFrom('missions as m')
      .select((eb) => eb.fn.count<string>('m.id').distinct().as('count'))
      .where('m.workspace_id', '=', workspaceId)
      .where('m.deleted_at', 'is', null)
      .where(({ or, exists, selectFrom }) =>
        or([
          exists(
            selectFrom('mission_places as mp')
              .select('mp.mission_id')
              .whereRef('mp.mission_id', '=', 'm.id')
              .where('mp.organisation_id', '=', id),
          ),
          exists(
            selectFrom('mission_participants as pa')
              .select('pa.mission_id')
              .whereRef('pa.mission_id', '=', 'm.id')
              .where('pa.organisation_id', '=', id),
          ),
        ]),
      )
      .executeTakeFirstOrThrow(),
  ]);
  return {
    isWorkspace: workspace !== undefined,
    partnerAccounts: Number(members.count),
    partnerships: Number(partnerships.count),
    conventions: Number(conventions.count),
    projects: Number(projects.count),
    missions: Number(missions.count),
  };
}

export async function findPurgeableOrganisations(db: Db, workspaceId: string): Promise<Organisation[]> {
  return (
    db
      .selectFrom('organisations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is not', null)
      // Whatever still points to it keeps it in the trash (a trashed partnership is purged first).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('memberships')
              .select('memberships.id')
              .whereRef('memberships.organisation_id', '=', 'organisations.id'),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('invitations')
              .select('invitations.id')
              .whereRef('invitations.organisation_id', '=', 'organisations.id'),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('partnerships')
              .select('partnerships.id')
              .where((inner) =>
                inner.or([
                  inner('partnerships.local_organisation_id', '=', inner.ref('organisations.id')),
                  inner('partnerships.partner_organisation_id', '=', inner.ref('organisations.id')),
                ]),
              ),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('convention_parties')
              .select('convention_parties.convention_id')
              .whereRef('convention_parties.organisation_id', '=', 'organisations.id'),
          ),
        ),
      )
      .where(({ not, or, exists, selectFrom }) =>
        not(
          or([
            exists(
              selectFrom('project_participants')
                .select('project_participants.project_id')
                .whereRef('project_participants.organisation_id', '=', 'organisations.id'),
            ),
            exists(
              selectFrom('project_locations')
                .select('project_locations.project_id')
                .whereRef('project_locations.organisation_id', '=', 'organisations.id'),
            ),
            exists(
              selectFrom('mission_places')
                .select('mission_places.mission_id')
                .whereRef('mission_places.organisation_id', '=', 'organisations.id'),
            ),
            exists(
              selectFrom('mission_participants')
                .select('mission_participants.mission_id')
                .whereRef('mission_participants.organisation_id', '=', 'organisations.id'),
            ),
            exists(
              selectFrom('project_transactions')
                .select('project_transactions.id')
                .where((inner) =>
                  inner.or([
                    inner(
                      'project_transactions.provider_organisation_id',
                      '=',
                      inner.ref('organisations.id'),
                    ),
                    inner(
                      'project_transactions.receiver_organisation_id',
                      '=',
                      inner.ref('organisations.id'),
                    ),
                  ]),
                ),
            ),
          ]),
        ),
      )
      .execute()
  );
}
