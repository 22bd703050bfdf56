import { readFile } from 'node:fs/promises';
import { markdownToPlainText } from '../../platform/markdown.js';
import type { FileStorage } from '../../platform/storage.js';
import type { Db } from '../database.js';
import type { Role, ToolKind } from '../schema.js';
import { seedDemoPartnerUpdate, seedDemoProjects } from './demo-projects.js';
import { simplePdf } from './pdf.js';

/**
 * The demo: the Communauté de communes du Pays des Écrins and the page Entente grew from
 * (shared/seed/cooperation-decentralisee.txt), word for word, with a few sibling pages so
 * that the menus have something to show.
 */
export const DEMO = {
  workspaceSlug: 'pays-des-ecrins',
  workspaceName: 'Communauté de communes du Pays des Écrins',
  siren: '240500462',
  cooperationPath: '/tout-savoir-sur-la-communaute-de-communes/la-cooperation-decentralisee',
  cooperationTitle: 'La coopération décentralisée',
  /** Three levels down, under the cooperation page: reachable from its sub-menu and its list. */
  partnerPath:
    '/tout-savoir-sur-la-communaute-de-communes/la-cooperation-decentralisee/taliouine-commune-partenaire',
  partnerTitle: 'Taliouine, commune partenaire',
  figureName: 'visite-ecole-taliouine',
  documentName: 'convention-taliouine',
  documentTitle: 'Convention de coopération décentralisée Pays des Écrins – Taliouine',
  figureCaption: 'Visite d’une école primaire à Taliouine - Maroc',
  logoName: 'logo-pays-des-ecrins',
  bannerName: 'banniere-massif-des-ecrins',
  bannerAlt:
    'Dessin des sommets enneigés du massif des Écrins au-dessus d’une vallée boisée et d’un hameau aux toits d’ardoise.',
  mainColour: '#1f4e79',
  /** Gazetteer places the demo's organisations are made from (they must have been imported). */
  places: {
    authority: 'epci:240500462',
    partner: 'geonames:2531014',
    /** Oulx, in the Italian Alps across the Montgenèvre pass: the demo's twinning partner. */
    twinning: 'geonames:3171772',
  },
} as const;

/** The convention of the demo's partnership with Taliouine: signed 15 March 2024, in force three years from 1 April. */
export const DEMO_CONVENTION = {
  title: 'Convention de coopération décentralisée 2024-2027',
  since: '2015-05-21',
} as const;

/** The authority's presentation on the home page, in the words of the seed page. */
export const DEMO_PRESENTATION = `La Communauté de communes du Pays des Écrins mène une coopération décentralisée avec la commune de Taliouine, au Maroc : un engagement, un rapprochement des peuples, une action citoyenne et solidaire.

[Découvrir la coopération décentralisée](${DEMO.cooperationPath})`;

const COOPERATION_BODY = `## Qu’est-ce que la coopération ?

La coopération est un engagement, un rapprochement des peuples, une action citoyenne et solidaire, une façon de s’ouvrir aux autres et de tenter de réduire la fracture sociale. Elle s’inscrit dans une démarche de respect de la dignité humaine et des cultures, mais également dans la recherche de durabilité et de cohérence des actions mises en œuvre.

## La coopération

{{figure:${DEMO.figureName}}}

Le terme "coopération" signifie qu’une collectivité locale française peut intervenir à l’étranger uniquement si elle est en relation avec une autre collectivité. La collectivité peut alors permettre dans une certaine mesure une réduction du déséquilibre des richesses mondiales, dans le respect des libertés, des droits fondamentaux et de la dignité humaine. La collectivité doit aussi respecter l’autonomie des partenaires, leur culture et leur environnement.

En France, les termes "coopération décentralisée" indiquent que des conventions peuvent être passées entre deux collectivités sans intervention de l’État, dans le stricte cadre de leurs compétences respectives et en fonction de l’intérêt local.

La coopération peut se limiter à de simples relations amicales (jumelages) ou d’échanges culturels, mais elle peut prendre aussi une dimensions économique au travers d’actions de développement ayant pour objectif de s’inscrire dans une cadre durable.

## Petit historique de la coopération internationale

La coopération internationale de collectivités locales trouve son origine à la fin de la seconde guerre mondiale dans le développement des jumelages de communes. La volonté est alors de renforcer la solidarité entre les peuples au-delà des frontières et générer une entente durable fondée sur la connaissance de l’autre.

C’est en 1983 que la notion d’action extérieure des collectivités territoriales intervient, avec la circulaire du 26 mai du 1er Ministre. En 1992, la loi du 6 février consacre la coopération décentralisée. En 2008, c’est la loi Thiollière qui lui confère un cadre juridique solide, sécurisé et donnant une plus grande autonomie aux collectivités. cette loi accorde également l’action humanitaire dans un contexte d’urgence lors d’une catastrophe naturelle.
`;

interface DemoPage {
  slug: string;
  title: string;
  summary?: string;
  body: string;
  withContact?: boolean;
  children?: DemoPage[];
}

/** Sibling pages say only what the seed page says or what any reader can check. */
const DEMO_TREE: DemoPage = {
  slug: '',
  title: 'Accueil',
  body: `## Bienvenue

Bienvenue sur le site de la Communauté de communes du Pays des Écrins.

Découvrez la coopération décentralisée que la Communauté de communes mène avec la commune de Taliouine, au Maroc : [la coopération décentralisée](${DEMO.cooperationPath}).`,
  children: [
    {
      slug: 'tout-savoir-sur-la-communaute-de-communes',
      title: 'Tout savoir sur la Communauté de Communes',
      body: `La Communauté de communes du Pays des Écrins regroupe des communes des Hautes-Alpes autour de L’Argentière-la-Bessée et de la vallée de la Vallouise.

Les pages de cette rubrique présentent son fonctionnement et ses actions.`,
      children: [
        {
          slug: 'le-territoire',
          title: 'Le territoire',
          body: `## Un territoire de montagne

Le Pays des Écrins s’étend dans les Hautes-Alpes, au pied du massif des Écrins, entre la vallée de la Durance et celle de la Vallouise.`,
        },
        {
          slug: 'les-competences',
          title: 'Les compétences',
          body: `## Ce que fait la Communauté de communes

Les communes membres confient à la Communauté de communes les compétences qu’elles exercent mieux ensemble : développement économique, aménagement de l’espace, collecte des déchets, tourisme, action sociale.`,
        },
        {
          slug: DEMO.cooperationPath.split('/').pop()!,
          title: DEMO.cooperationTitle,
          summary:
            'Avec la commune de Taliouine, au Maroc, la Communauté de communes mène une coopération décentralisée.',
          body: COOPERATION_BODY,
          withContact: true,
          children: [
            {
              slug: DEMO.partnerPath.split('/').pop()!,
              title: DEMO.partnerTitle,
              summary: 'La commune marocaine avec laquelle la Communauté de communes coopère.',
              body: `{{figure:${DEMO.figureName}}}

Taliouine est une commune du Maroc, dans la province de Taroudannt, région Souss-Massa.

Les élus et les services de la Communauté de communes s’y sont rendus, notamment pour visiter une école primaire.`,
            },
          ],
        },
      ],
    },
    {
      slug: 'vivre-au-pays-des-ecrins',
      title: 'Vivre au Pays des Écrins',
      body: `## Services au quotidien

Retrouvez dans cette rubrique les services proposés aux habitants du territoire.`,
      children: [
        {
          slug: 'dechets-et-tri',
          title: 'Déchets et tri',
          body: 'La Communauté de communes organise la collecte des déchets ménagers et le tri sélectif sur l’ensemble du territoire.',
        },
      ],
    },
  ],
};

/**
 * One account per role, documented in the README. Their hashes are computed once (scrypt,
 * the application's parameters) so that seeding stays fast; the passwords are public anyway.
 */
export const DEMO_ACCOUNTS = [
  {
    role: 'admin',
    email: 'admin@pays-des-ecrins.example',
    name: 'Alice Admin',
    password: 'ecrins-admin-2026',
    hash: 'scrypt$32768$8$1$RijVVv-TdRe5mrvbMAkK1g$qtSGNSh_nmOuhkDVXGsq3CBHB9HQOYOyz_ycZ1W3D1w',
  },
  {
    role: 'editor',
    email: 'editeur@pays-des-ecrins.example',
    name: 'Étienne Éditeur',
    password: 'ecrins-editor-2026',
    hash: 'scrypt$32768$8$1$QQJrEVjJD2JcSkpQfwwQAA$idNUcHqlutyO-P4dKR4lNlIAxWaQEByTj5z2N1MGhZA',
  },
  {
    role: 'contributor',
    email: 'contributeur@pays-des-ecrins.example',
    name: 'Camille Contributrice',
    password: 'ecrins-contributor-2026',
    hash: 'scrypt$32768$8$1$kaG0BPdlTnCVL_KDpei9Dg$VpMiU9ijFGE4M6SGr8bqvn5Tamvs_14clguMHYQfKmw',
  },
  {
    role: 'reader',
    email: 'lecteur@pays-des-ecrins.example',
    name: 'Louis Lecteur',
    password: 'ecrins-reader-2026',
    hash: 'scrypt$32768$8$1$iWKl2Vtr-EcjUG7LDjwfOA$GhFQMj-JSehnx2EWp5YM0QlozLF_duQ5pWG494Qlef0',
  },
  {
    role: 'partner',
    email: 'partenaire@taliouine.example',
    name: 'Karim Partenaire',
    password: 'ecrins-partner-2026',
    hash: 'scrypt$32768$8$1$CBWqQRK7va4AwsKPJdLRhw$LxHsdA8nb87gy5XJeTokU7PoXBlUCPkWfgqLkXW0kRw',
  },
] as const satisfies ReadonlyArray<{
  role: Role;
  email: string;
  name: string;
  password: string;
  hash: string;
}>;

/** The second workspace, on its own host name, to show that workspaces do not see each other. */
export const DEMO_SECOND = {
  workspaceSlug: 'demonstration-2',
  hostName: 'demo2.localhost',
  name: 'Espace de démonstration n° 2',
  admin: {
    email: 'admin@demo2.example',
    name: 'Denise Deuxième',
    password: 'demo2-admin-2026',
    hash: 'scrypt$32768$8$1$x9gUZ-Zb9zSBh1EndnbEcw$DjmflKTGxEBOFg-MIRrBXOsS3HgCyNIrKt9d5jbTcKc',
  },
} as const;

/**
 * What an organisation copies from a gazetteer place. The demo cannot use the organisations
 * module (db/ imports none), so it reads the few columns it needs itself.
 */
async function placeFromGazetteer(trx: Db, key: string) {
  const place = await trx
    .selectFrom('gazetteer_places')
    .select([
      'key',
      'country_code',
      'siren',
      'insee_code',
      'geonames_id',
      'latitude',
      'longitude',
      'population',
    ])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!place) throw new Error(`The demo needs the gazetteer place ${key}: import the gazetteer first.`);
  const { key: gazetteer_key, ...rest } = place;
  return { gazetteer_key, ...rest };
}

export async function seedDemo(db: Db, storage: FileStorage): Promise<void> {
  await seedPaysDesEcrins(db, storage);
  await seedSecondWorkspace(db);
}

async function seedSecondWorkspace(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const workspace = await trx
      .insertInto('workspaces')
      .values({ slug: DEMO_SECOND.workspaceSlug, name: DEMO_SECOND.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('workspace_hosts')
      .values({ host_name: DEMO_SECOND.hostName, workspace_id: workspace.id })
      .execute();
    await trx
      .insertInto('site_settings')
      .values({
        workspace_id: workspace.id,
        site_name: DEMO_SECOND.name,
        tools: JSON.stringify(['print', 'send_to_friend', 'site_map', 'contact'] satisfies ToolKind[]),
        misc_links: JSON.stringify(defaultMiscLinks),
        publisher_name: DEMO_SECOND.name,
      })
      .execute();
    await trx
      .insertInto('pages')
      .values({
        workspace_id: workspace.id,
        parent_id: null,
        slug: '',
        title: 'Accueil',
        body_markdown:
          'Ce second espace de démonstration montre qu’un espace ne voit jamais les données d’un autre.',
        body_text:
          'Ce second espace de démonstration montre qu’un espace ne voit jamais les données d’un autre.',
        status: 'published',
        published_at: new Date(),
      })
      .execute();
    const user = await trx
      .insertInto('users')
      .values({
        email: DEMO_SECOND.admin.email,
        display_name: DEMO_SECOND.admin.name,
        password_hash: DEMO_SECOND.admin.hash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('memberships')
      .values({ user_id: user.id, workspace_id: workspace.id, role: 'admin' })
      .execute();
  });
}

const defaultMiscLinks = [
  { label: 'Mentions légales', href: '/mentions-legales' },
  { label: 'Accessibilité : non conforme', href: '/accessibilite' },
  { label: 'Plan du site', href: '/plan-du-site' },
];

async function seedPaysDesEcrins(db: Db, storage: FileStorage): Promise<void> {
  const figureFile = await readFile(new URL(`./demo-files/${DEMO.figureName}.svg`, import.meta.url));
  const logoFile = await readFile(new URL(`./demo-files/${DEMO.logoName}.svg`, import.meta.url));
  const bannerFile = await readFile(new URL(`./demo-files/${DEMO.bannerName}.svg`, import.meta.url));

  await db.transaction().execute(async (trx) => {
    const authorityPlace = await placeFromGazetteer(trx, DEMO.places.authority);
    const organisation = await trx
      .insertInto('organisations')
      .values({
        ...authorityPlace,
        kind: 'epci',
        name: 'Communauté de communes du Pays des Écrins',
        iati_type: '11',
        website: 'https://www.cc-paysdesecrins.com/',
        languages: ['fr'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const workspace = await trx
      .insertInto('workspaces')
      .values({
        slug: DEMO.workspaceSlug,
        name: DEMO.workspaceName,
        is_default: true,
        organisation_id: organisation.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The default workspace also answers every host no workspace lists (127.0.0.1 included).
    await trx
      .insertInto('workspace_hosts')
      .values({ host_name: 'localhost', workspace_id: workspace.id })
      .execute();
    await trx
      .updateTable('organisations')
      .set({ workspace_id: workspace.id })
      .where('id', '=', organisation.id)
      .execute();

    const tools: ToolKind[] = ['print', 'send_to_friend', 'site_map', 'contact'];
    await trx
      .insertInto('site_settings')
      .values({
        workspace_id: workspace.id,
        site_name: 'Communauté de communes du Pays des Écrins',
        tools: JSON.stringify(tools),
        misc_links: JSON.stringify(defaultMiscLinks),
        publisher_name: 'Communauté de communes du Pays des Écrins',
        publication_director: 'Le président de la Communauté de communes du Pays des Écrins',
        contact_email: 'communication@cc-paysdesecrins.com',
      })
      .execute();

    const contact = await trx
      .insertInto('contact_cards')
      .values({
        workspace_id: workspace.id,
        service_name: 'Service Coopération décentralisée',
        person_name: 'Florence Mouveaux',
        organisation_name: 'Communauté de communes du Pays des Ecrins',
        phone: '+33492231117',
        email: 'communication@cc-paysdesecrins.com',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const storageKey = `${workspace.id}/${DEMO.figureName}.svg`;
    await storage.write(storageKey, figureFile);
    const figure = await trx
      .insertInto('media')
      .values({
        workspace_id: workspace.id,
        name: DEMO.figureName,
        storage_key: storageKey,
        mime_type: 'image/svg+xml',
        width: 960,
        height: 640,
        byte_size: figureFile.byteLength,
        alt_text:
          'Dessin d’une école aux murs ocre, drapeau marocain au mât, au pied de montagnes enneigées ; des élèves et des visiteurs se tiennent dans la cour.',
        caption: DEMO.figureCaption,
        credit: 'Illustration Entente',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // A document the pages may link to: the partnership's convention, as a small PDF.
    const conventionPdf = simplePdf(DEMO.documentTitle, [
      'Entre la Communauté de communes du Pays des Écrins (France)',
      'et la commune rurale de Taliouine (Royaume du Maroc).',
      '',
      'Article 1 - Objet : coopération décentralisée dans les domaines de l’éducation,',
      'du tourisme solidaire et de la valorisation du safran.',
      'Article 2 - Engagement financier prévisionnel : 15 000 euros par an.',
      '',
      'Document de démonstration produit par Entente.',
    ]);
    const documentKey = `${workspace.id}/documents/${DEMO.documentName}-demo.pdf`;
    await storage.write(documentKey, conventionPdf);
    const seededAt = new Date();
    const conventionDocument = await trx
      .insertInto('documents')
      .values({
        workspace_id: workspace.id,
        name: DEMO.documentName,
        title: DEMO.documentTitle,
        language: 'fr',
        document_date: '2024-03-15',
        storage_key: documentKey,
        mime_type: 'application/pdf',
        extension: 'pdf',
        byte_size: conventionPdf.byteLength,
        created_at: seededAt,
        updated_at: seededAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // The authority's identity: drawings made for the demo, stored as they are like the figure.
    const identityImage = async (name: string, file: Buffer, size: [number, number], altText: string) => {
      const key = `${workspace.id}/${name}.svg`;
      await storage.write(key, file);
      const row = await trx
        .insertInto('media')
        .values({
          workspace_id: workspace.id,
          name,
          storage_key: key,
          mime_type: 'image/svg+xml',
          width: size[0],
          height: size[1],
          byte_size: file.byteLength,
          alt_text: altText,
          credit: 'Illustration Entente',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };
    const logoId = await identityImage(
      DEMO.logoName,
      logoFile,
      [360, 120],
      'Logo de la Communauté de communes du Pays des Écrins : des sommets enneigés dans un cercle bleu.',
    );
    const bannerId = await identityImage(DEMO.bannerName, bannerFile, [1600, 500], DEMO.bannerAlt);
    await trx
      .updateTable('site_settings')
      .set({
        logo_media_id: logoId,
        banner_media_id: bannerId,
        main_colour: DEMO.mainColour,
        presentation: DEMO_PRESENTATION,
      })
      .where('workspace_id', '=', workspace.id)
      .execute();

    const insertPage = async (page: DemoPage, parentId: string | null, position: number) => {
      const row = await trx
        .insertInto('pages')
        .values({
          workspace_id: workspace.id,
          parent_id: parentId,
          slug: page.slug,
          title: page.title,
          summary: page.summary ?? '',
          body_markdown: page.body,
          body_text: markdownToPlainText(page.body),
          status: 'published',
          position,
          contact_card_id: page.withContact ? contact.id : null,
          published_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [index, child] of (page.children ?? []).entries()) await insertPage(child, row.id, index);
    };
    await insertPage(DEMO_TREE, null, 0);

    const taliouine = await trx
      .insertInto('organisations')
      .values({
        ...(await placeFromGazetteer(trx, DEMO.places.partner)),
        workspace_id: workspace.id,
        kind: 'foreign_local_authority',
        name: 'Commune de Taliouine',
        iati_type: '11',
        languages: ['ar', 'fr'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const oulx = await trx
      .insertInto('organisations')
      .values({
        ...(await placeFromGazetteer(trx, DEMO.places.twinning)),
        workspace_id: workspace.id,
        kind: 'foreign_local_authority',
        name: 'Comune di Oulx',
        iati_type: '11',
        languages: ['it'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // The partnership of the seed page, shared with Taliouine's account, and its convention,
    // whose signed copy is the demo's PDF; a twinning across the Alps with no convention.
    const cooperation = await trx
      .insertInto('partnerships')
      .values({
        workspace_id: workspace.id,
        local_organisation_id: organisation.id,
        partner_organisation_id: taliouine.id,
        kind: 'cooperation',
        since: DEMO_CONVENTION.since,
        status: 'active',
        description:
          'Coopération décentralisée avec la commune de Taliouine, au Maroc : éducation, tourisme solidaire, valorisation du safran.',
        planned_amount_minor: 1_500_000,
        currency: 'EUR',
        shared_with_partner: true,
        created_at: seededAt,
        updated_at: seededAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const convention = await trx
      .insertInto('conventions')
      .values({
        workspace_id: workspace.id,
        partnership_id: cooperation.id,
        title: DEMO_CONVENTION.title,
        object:
          'Coopération décentralisée dans les domaines de l’éducation, du tourisme solidaire et de la valorisation du safran.',
        planned_amount_minor: 4_500_000,
        currency: 'EUR',
        deliberation_reference: 'Délibération n° 2024-012 du conseil communautaire',
        deliberation_date: '2024-02-08',
        signature_date: '2024-03-15',
        prefect_sent_date: '2024-03-22',
        start_date: '2024-04-01',
        duration_months: 36,
        tacit_renewal: true,
        renewal_months: 12,
        document_id: conventionDocument.id,
        created_at: seededAt,
        updated_at: seededAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('convention_parties')
      .values([
        {
          workspace_id: workspace.id,
          convention_id: convention.id,
          organisation_id: organisation.id,
          signatory_role: 'Président de la Communauté de communes',
          position: 0,
        },
        {
          workspace_id: workspace.id,
          convention_id: convention.id,
          organisation_id: taliouine.id,
          signatory_role: 'Président du conseil communal de Taliouine',
          position: 1,
        },
      ])
      .execute();
    await seedDemoProjects(trx, {
      photoId: figure.id,
      workspaceId: workspace.id,
      partnershipId: cooperation.id,
      conventionId: convention.id,
      authorityId: organisation.id,
      taliouineId: taliouine.id,
      seededAt,
    });
    await trx
      .insertInto('partnerships')
      .values({
        workspace_id: workspace.id,
        local_organisation_id: organisation.id,
        partner_organisation_id: oulx.id,
        kind: 'twinning',
        since: '2019-06-22',
        status: 'active',
        description:
          'Jumelage avec Oulx, de l’autre côté du col de Montgenèvre : échanges scolaires et sportifs.',
        created_at: seededAt,
        updated_at: seededAt,
      })
      .execute();
    for (const account of DEMO_ACCOUNTS) {
      const user = await trx
        .insertInto('users')
        .values({ email: account.email, display_name: account.name, password_hash: account.hash })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('memberships')
        .values({
          user_id: user.id,
          workspace_id: workspace.id,
          role: account.role,
          organisation_id: account.role === 'partner' ? taliouine.id : null,
        })
        .execute();
      if (account.role === 'partner')
        await seedDemoPartnerUpdate(trx, {
          workspaceId: workspace.id,
          partnerUserId: user.id,
          photoId: figure.id,
          seededAt,
        });
    }
  });
}
