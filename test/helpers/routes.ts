import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/database.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_CONVENTION } from '../../src/db/seeds/demo.js';
import { DEMO_PROJECTS } from '../../src/db/seeds/demo-projects.js';

/** Real records of the demo's default workspace, to fill the parameters of a route. */
export interface RealIds {
  page: string;
  media: string;
  mediaFile: string;
  contactCard: string;
  /** The demo's partner, Taliouine. */
  organisation: string;
  /** The demo's partnership with Taliouine (shared with its partner account), and its convention. */
  partnership: string;
  convention: string;
  /** The demo's project of the primary school (shared with the partner), and its first transaction. */
  project: string;
  transaction: string;
  /** The partner's news of that project, in Arabic, awaiting review. */
  update: string;
  /** The school project's result. */
  result: string;
  /** The seed's school visit. */
  mission: string;
  document: string;
  documentFile: string;
  /** The reader's membership, for /gestion/utilisateurs/:id. */
  membership: string;
}

export async function findRealIds(db: Db): Promise<RealIds> {
  const page = await db
    .selectFrom('pages')
    .select('id')
    .where('slug', '=', 'la-cooperation-decentralisee')
    .executeTakeFirstOrThrow();
  const media = await db.selectFrom('media').select(['id', 'storage_key']).executeTakeFirstOrThrow();
  const card = await db.selectFrom('contact_cards').select('id').executeTakeFirstOrThrow();
  const convention = await db
    .selectFrom('conventions')
    .select(['id', 'partnership_id'])
    .where('title', '=', DEMO_CONVENTION.title)
    .executeTakeFirstOrThrow();
  const organisation = await db
    .selectFrom('organisations')
    .select('id')
    .where('gazetteer_key', '=', DEMO.places.partner)
    .executeTakeFirstOrThrow();
  const document = await db
    .selectFrom('documents')
    .select(['id', 'name', 'extension'])
    .executeTakeFirstOrThrow();
  const project = await db
    .selectFrom('projects')
    .select('id')
    .where('title', '=', DEMO_PROJECTS.school)
    .executeTakeFirstOrThrow();
  const transaction = await db
    .selectFrom('project_transactions')
    .select('id')
    .where('project_id', '=', project.id)
    .orderBy('transaction_date')
    .executeTakeFirstOrThrow();
  const update = await db
    .selectFrom('project_updates')
    .select('id')
    .where('project_id', '=', project.id)
    .executeTakeFirstOrThrow();
  const result = await db
    .selectFrom('project_results')
    .select('id')
    .where('project_id', '=', project.id)
    .executeTakeFirstOrThrow();
  const mission = await db
    .selectFrom('missions')
    .select('id')
    .where('project_id', '=', project.id)
    .executeTakeFirstOrThrow();
  const reader = DEMO_ACCOUNTS.find((a) => a.role === 'reader')!;
  const membership = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.id')
    .where('users.email', '=', reader.email)
    .executeTakeFirstOrThrow();
  return {
    page: page.id,
    media: media.id,
    mediaFile: media.storage_key.split('/').pop()!,
    contactCard: card.id,
    organisation: organisation.id,
    partnership: convention.partnership_id,
    convention: convention.id,
    project: project.id,
    transaction: transaction.id,
    update: update.id,
    result: result.id,
    mission: mission.id,
    document: document.id,
    documentFile: `${document.name}.${document.extension}`,
    membership: membership.id,
  };
}

/**
 * A concrete address for a route of the catalogue: real ids for reads (the page answers), unknown
 * ids for writes (nothing changes).
 */
export function concreteUrl(method: string, url: string, ids: RealIds): string {
  const write = method !== 'GET';
  return url
    .replace('/assets/*', '/assets/site.css')
    .replace('/*', '/tout-savoir-sur-la-communaute-de-communes')
    .replace(':file', url.startsWith('/documents') ? ids.documentFile : ids.mediaFile)
    .replace(':token', 'jeton-inconnu-de-vingt-caracteres')
    .replace(':deletionId', randomUUID())
    .replace(':eventId', '1')
    .replace(':jobId', '1')
    .replace(':id', () => {
      if (write) return randomUUID();
      if (url.startsWith('/gestion/utilisateurs')) return ids.membership;
      if (url.startsWith('/medias') || url.startsWith('/gestion/images')) return ids.media;
      if (url.startsWith('/gestion/contacts')) return ids.contactCard;
      if (url.startsWith('/gestion/organisations')) return ids.organisation;
      if (url.startsWith('/gestion/partenariats')) return ids.partnership;
      if (url.startsWith('/gestion/conventions')) return ids.convention;
      if (url.startsWith('/gestion/projets')) return ids.project;
      if (url.startsWith('/gestion/operations')) return ids.transaction;
      if (url.startsWith('/gestion/actualites')) return ids.update;
      if (url.startsWith('/gestion/resultats')) return ids.result;
      if (url.startsWith('/gestion/missions')) return ids.mission;
      if (url.startsWith('/documents') || url.startsWith('/gestion/documents')) return ids.document;
      return ids.page;
    })
    .concat(url === '/envoyer-a-un-ami' ? `?page=${encodeURIComponent(DEMO.cooperationPath)}` : '');
}
