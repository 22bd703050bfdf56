import type { Db } from '../database.js';

/** The titles of the demo's projects with Taliouine, for the tests that look for them. */
export const DEMO_PROJECTS = {
  school: 'Équipement de l’école primaire de Taliouine',
  saffron: 'Safran et tourisme solidaire',
  culture: 'Échanges culturels Écrins – Taliouine',
} as const;

/** The seed page's visit of a primary school in Taliouine, as a mission of the demo. */
export const DEMO_MISSION = {
  title: 'Visite d’une école primaire à Taliouine',
  caption: 'Visite d’une école primaire à Taliouine - Maroc',
} as const;

/** The news Taliouine's partner account proposed, in Arabic, waiting for an editor. */
export const DEMO_PARTNER_UPDATE = {
  title: 'وصول الكتب المدرسية إلى المدرسة',
  body: 'وصلت الكتب المدرسية والأثاث الجديد إلى المدرسة الابتدائية بتالوين. شكرا لأصدقائنا في إيكران.',
  /** The caption of its photo (the seed page's school), in Arabic too. */
  caption: 'المدرسة الابتدائية بتالوين',
} as const;

interface DemoParties {
  /** The seed page's photo of the school visit. */
  photoId: string;
  workspaceId: string;
  partnershipId: string;
  conventionId: string;
  authorityId: string;
  taliouineId: string;
  seededAt: Date;
}

/**
 * The three projects of the Taliouine partnership the issue of step 8 asks for: the primary
 * school (the seed page's visit), the saffron and tourism economy, a cultural exchange; with
 * budgets and transactions in euros and dirhams. Every date is in the past of any run.
 */
export async function seedDemoProjects(trx: Db, demo: DemoParties): Promise<void> {
  const base = {
    workspace_id: demo.workspaceId,
    partnership_id: demo.partnershipId,
    convention_id: demo.conventionId,
    created_at: demo.seededAt,
    updated_at: demo.seededAt,
  };
  const key = (projectId: string) => ({ workspace_id: demo.workspaceId, project_id: projectId });

  const school = await trx
    .insertInto('projects')
    .values({
      ...base,
      title: DEMO_PROJECTS.school,
      description:
        'Équiper l’école primaire de Taliouine en mobilier, manuels et matériel informatique, et accompagner les échanges entre ses classes et celles des écoles du Pays des Écrins.',
      partner_language: 'ar',
      title_partner: 'تجهيز المدرسة الابتدائية بتالوين',
      description_partner: 'تجهيز المدرسة الابتدائية بالأثاث والكتب المدرسية والمعدات المعلوماتية.',
      kind: 'education_youth',
      status: 2,
      planned_start: '2025-01-01',
      planned_end: '2026-12-31',
      actual_start: '2025-02-01',
      eapd_category: 'cooperation',
      marker_gender: 1,
      marker_environment: 0,
      sdg_goals: '4',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('project_sectors')
    .values({ ...key(school.id), code: '11220', percentage: 100, position: 0 })
    .execute();
  await trx
    .insertInto('project_countries')
    .values({ ...key(school.id), country: 'MA', percentage: 100, position: 0 })
    .execute();
  await trx
    .insertInto('project_participants')
    .values([
      { ...key(school.id), organisation_id: demo.authorityId, role: 1, position: 0 },
      { ...key(school.id), organisation_id: demo.authorityId, role: 2, position: 1 },
      { ...key(school.id), organisation_id: demo.taliouineId, role: 4, position: 2 },
    ])
    .execute();
  await trx
    .insertInto('project_locations')
    .values({ ...key(school.id), organisation_id: demo.taliouineId, position: 0 })
    .execute();
  await trx
    .insertInto('project_budgets')
    .values([
      {
        ...key(school.id),
        kind: 1,
        period_start: '2025-01-01',
        period_end: '2025-12-31',
        amount_minor: 800_000,
        currency: 'EUR',
        position: 0,
      },
      {
        ...key(school.id),
        kind: 1,
        period_start: '2026-01-01',
        period_end: '2026-12-31',
        amount_minor: 1_000_000,
        currency: 'EUR',
        position: 1,
      },
    ])
    .execute();
  const transaction = {
    workspace_id: demo.workspaceId,
    created_at: demo.seededAt,
    updated_at: demo.seededAt,
  };
  await trx
    .insertInto('project_transactions')
    .values([
      {
        ...transaction,
        project_id: school.id,
        type: 3,
        transaction_date: '2025-03-20',
        amount_minor: 800_000,
        currency: 'EUR',
        provider_organisation_id: demo.authorityId,
        receiver_organisation_id: demo.taliouineId,
        description: 'Versement de la subvention 2025 à la commune de Taliouine.',
      },
      {
        ...transaction,
        project_id: school.id,
        type: 4,
        transaction_date: '2025-10-02',
        amount_minor: 1_250_000,
        currency: 'MAD',
        provider_organisation_id: demo.taliouineId,
        description: 'Achat de mobilier scolaire et de manuels (facture du fournisseur de Taroudant).',
      },
    ])
    .execute();

  // What the school project achieves: pupils with textbooks, against the target.
  const pupils = await trx
    .insertInto('project_results')
    .values({
      workspace_id: demo.workspaceId,
      project_id: school.id,
      type: 1,
      title: 'Des élèves équipés pour apprendre',
      description: 'Manuels scolaires et mobilier pour les six classes de l’école primaire.',
      created_at: demo.seededAt,
      updated_at: demo.seededAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('result_indicators')
    .values([
      {
        workspace_id: demo.workspaceId,
        result_id: pupils.id,
        position: 0,
        title: 'Élèves disposant de leurs manuels',
        measure: 1,
        unit: 'élèves',
        baseline_year: 2024,
        baseline: 40,
        target: 320,
      },
      {
        workspace_id: demo.workspaceId,
        result_id: pupils.id,
        position: 1,
        title: 'Classes équipées de mobilier neuf',
        measure: 1,
        unit: 'classes',
        baseline_year: 2024,
        baseline: 0,
        target: 6,
      },
    ])
    .execute();
  await trx
    .insertInto('indicator_periods')
    .values([
      {
        workspace_id: demo.workspaceId,
        result_id: pupils.id,
        indicator_position: 0,
        position: 0,
        period_start: '2025-09-01',
        period_end: '2026-06-30',
        actual: 280,
        comment: 'Année scolaire 2025-2026.',
      },
      {
        workspace_id: demo.workspaceId,
        result_id: pupils.id,
        indicator_position: 1,
        position: 1,
        period_start: '2025-09-01',
        period_end: '2026-06-30',
        actual: 4,
      },
    ])
    .execute();

  // The seed page's visit of a primary school, its photo, its report, and what it cost.
  const visit = await trx
    .insertInto('missions')
    .values({
      workspace_id: demo.workspaceId,
      partnership_id: demo.partnershipId,
      project_id: school.id,
      title: DEMO_MISSION.title,
      direction: 'outgoing',
      start_date: '2025-04-07',
      end_date: '2025-04-11',
      purpose:
        'Rencontrer l’équipe de l’école primaire, voir ses besoins en mobilier et en manuels, préparer le projet avec la commune.',
      report:
        'La délégation a visité l’école primaire de Taliouine et rencontré son directeur et les parents d’élèves. Six classes accueillent 320 élèves ; 40 seulement disposent de leurs manuels. La commune et la Communauté de communes ont arrêté ensemble la liste du mobilier et des manuels à acheter en 2025.',
      created_at: demo.seededAt,
      updated_at: demo.seededAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const visitKey = { workspace_id: demo.workspaceId, mission_id: visit.id };
  await trx
    .insertInto('mission_places')
    .values({ ...visitKey, organisation_id: demo.taliouineId, position: 0 })
    .execute();
  await trx
    .insertInto('mission_participants')
    .values([
      {
        ...visitKey,
        position: 0,
        name: 'Claire Martin',
        role: 'Vice-présidente chargée de la coopération',
        organisation_id: demo.authorityId,
      },
      {
        ...visitKey,
        position: 1,
        name: 'Julien Roux',
        role: 'Chargé de mission coopération décentralisée',
        organisation_id: demo.authorityId,
      },
      {
        ...visitKey,
        position: 2,
        name: 'Ahmed Ait Lahcen',
        role: 'Directeur de l’école primaire',
        organisation_id: demo.taliouineId,
      },
    ])
    .execute();
  await trx
    .insertInto('mission_photos')
    .values({ ...visitKey, media_id: demo.photoId, caption: DEMO_MISSION.caption, position: 0 })
    .execute();
  const travel = await trx
    .insertInto('project_transactions')
    .values({
      ...transaction,
      project_id: school.id,
      type: 4,
      transaction_date: '2025-04-14',
      amount_minor: 185_000,
      currency: 'EUR',
      provider_organisation_id: demo.authorityId,
      description: 'Voyage et séjour de la délégation à Taliouine (avril 2025).',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('mission_costs')
    .values({ ...visitKey, transaction_id: travel.id, position: 0 })
    .execute();

  const saffron = await trx
    .insertInto('projects')
    .values({
      ...base,
      title: DEMO_PROJECTS.saffron,
      description:
        'Valoriser le safran de Taliouine et développer un tourisme solidaire : accueil chez l’habitant, sentiers, coopérative de safran.',
      kind: 'sustainable_economy',
      status: 2,
      planned_start: '2026-01-01',
      planned_end: '2027-03-31',
      actual_start: '2026-01-15',
      eapd_category: 'cooperation',
      marker_environment: 1,
      marker_climate_adaptation: 1,
      sdg_goals: '8,12',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('project_sectors')
    .values([
      { ...key(saffron.id), code: '31161', percentage: 50, position: 0 },
      { ...key(saffron.id), code: '33210', percentage: 50, position: 1 },
    ])
    .execute();
  await trx
    .insertInto('project_countries')
    .values({ ...key(saffron.id), country: 'MA', percentage: 100, position: 0 })
    .execute();
  await trx
    .insertInto('project_participants')
    .values([
      { ...key(saffron.id), organisation_id: demo.authorityId, role: 1, position: 0 },
      { ...key(saffron.id), organisation_id: demo.taliouineId, role: 4, position: 1 },
    ])
    .execute();
  await trx
    .insertInto('project_budgets')
    .values({
      ...key(saffron.id),
      kind: 1,
      period_start: '2026-01-01',
      period_end: '2026-12-31',
      amount_minor: 15_000_000,
      currency: 'MAD',
      position: 0,
    })
    .execute();
  await trx
    .insertInto('project_transactions')
    .values({
      ...transaction,
      project_id: saffron.id,
      type: 3,
      transaction_date: '2026-02-16',
      amount_minor: 500_000,
      currency: 'EUR',
      provider_organisation_id: demo.authorityId,
      receiver_organisation_id: demo.taliouineId,
      description: 'Premier versement pour la coopérative de safran.',
    })
    .execute();

  // The dirham's value in euros, as the finance department recorded it each January.
  await trx
    .insertInto('exchange_rates')
    .values([
      {
        workspace_id: demo.workspaceId,
        currency: 'MAD',
        valid_from: '2025-01-01',
        euros_per_unit: 0.0921,
        created_at: demo.seededAt,
        created_by: null,
      },
      {
        workspace_id: demo.workspaceId,
        currency: 'MAD',
        valid_from: '2026-01-01',
        euros_per_unit: 0.0935,
        created_at: demo.seededAt,
        created_by: null,
      },
    ])
    .execute();

  const culture = await trx
    .insertInto('projects')
    .values({
      ...base,
      title: DEMO_PROJECTS.culture,
      description:
        'Faire venir des musiciens de Taliouine au festival d’été des Écrins, et des élèves des Écrins à la fête du safran.',
      kind: 'cultural_exchange',
      status: 1,
      planned_start: '2027-06-01',
      planned_end: '2027-11-30',
      eapd_category: 'cooperation',
      sdg_goals: '17',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('project_sectors')
    .values({ ...key(culture.id), code: '16061', percentage: 100, position: 0 })
    .execute();
  await trx
    .insertInto('project_budgets')
    .values({
      ...key(culture.id),
      kind: 1,
      period_start: '2027-01-01',
      period_end: '2027-12-31',
      amount_minor: 300_000,
      currency: 'EUR',
      position: 0,
    })
    .execute();
}

/** The partner's news of the school project, in Arabic, proposed and not yet read by an editor. */
export async function seedDemoPartnerUpdate(
  trx: Db,
  demo: { workspaceId: string; partnerUserId: string; photoId: string; seededAt: Date },
): Promise<void> {
  const school = await trx
    .selectFrom('projects')
    .select('id')
    .where('workspace_id', '=', demo.workspaceId)
    .where('title', '=', DEMO_PROJECTS.school)
    .executeTakeFirstOrThrow();
  const update = await trx
    .insertInto('project_updates')
    .values({
      workspace_id: demo.workspaceId,
      project_id: school.id,
      language: 'ar',
      title: DEMO_PARTNER_UPDATE.title,
      body: DEMO_PARTNER_UPDATE.body,
      status: 'proposed',
      proposed_by: demo.partnerUserId,
      proposed_at: demo.seededAt,
      created_at: demo.seededAt,
      updated_at: demo.seededAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('project_update_photos')
    .values({
      workspace_id: demo.workspaceId,
      update_id: update.id,
      media_id: demo.photoId,
      caption: DEMO_PARTNER_UPDATE.caption,
    })
    .execute();
}
