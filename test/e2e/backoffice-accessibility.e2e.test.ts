import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, DEMO_ACCOUNTS, DEMO_CONVENTION, DEMO_SECOND } from '../../src/db/seeds/demo.js';
import { DEMO_MISSION, DEMO_PARTNER_UPDATE, DEMO_PROJECTS } from '../../src/db/seeds/demo-projects.js';
import { MIN_PASSWORD_LENGTH } from '../../src/platform/auth/password.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { type Account, adminNav, clickThrough, flash, signInThroughForm } from '../helpers/backoffice.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { decodeMail } from '../helpers/mail.js';
import { collectPageErrors, expectPageChecksPass, readText, readTexts } from '../helpers/page-checks.js';
import { type RunningServer, startServer } from '../helpers/server.js';

type Who =
  | 'signed out'
  | 'admin'
  | 'editor'
  | 'contributor'
  | 'reader'
  | 'partner'
  | 'admin of the second workspace';

function demoAccount(role: 'admin' | 'editor' | 'reader' | 'contributor' | 'partner'): Account {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!;
}

/** The records the screens are about, read from the demo once it is loaded. */
interface Ids {
  home: string;
  cooperation: string;
  territory: string;
  living: string;
  skills: string;
  figure: string;
  contactCard: string;
  document: string;
  editorMembership: string;
  adminMembership: string;
  contributorMembership: string;
  partnerOrganisation: string;
  authority: string;
  partnership: string;
  convention: string;
  project: string;
  transaction: string;
  update: string;
  result: string;
  mission: string;
}

interface Screen {
  who: Who;
  label: string;
  path: (ids: Ids) => string;
  status: number;
  heading: string;
  /** Something only this state of the page shows (an empty list, a refusal, a read-only notice). */
  shows?: string;
}

const p = messages.pages;
const m = messages.media;
const c = messages.contactCards;
const s = messages.settings;
const u = messages.users;
const COOPERATION = DEMO.cooperationTitle;
const SERVICE = 'Service Coopération décentralisée';

const o = messages.organisations;
const pa = messages.partnerships;
const cv = messages.conventions;
const PARTNERSHIP = pa.title(DEMO.workspaceName, 'Commune de Taliouine');
const pr = messages.projects;
const tr = messages.transactions;
const SCHOOL_PAYMENT = tr.label(tr.types[3]!, '20 mars 2025');

const SCREENS: Screen[] = [
  // Partners and the law (step 7).
  {
    who: 'editor',
    label: 'organisations',
    path: () => '/gestion/organisations',
    status: 200,
    heading: o.listTitle,
  },
  {
    who: 'editor',
    label: 'gazetteer picker',
    path: () => '/gestion/organisations/ajouter',
    status: 200,
    heading: o.picker.title,
  },
  {
    who: 'editor',
    label: 'gazetteer picker with results',
    path: () => '/gestion/organisations/ajouter?q=pays+des+ecrins',
    status: 200,
    heading: o.picker.title,
    shows: 'CC du Pays des Ecrins',
  },
  {
    who: 'editor',
    label: 'gazetteer picker, query too short',
    path: () => '/gestion/organisations/ajouter?q=x',
    status: 200,
    heading: o.picker.title,
    shows: o.picker.tooShort,
  },
  {
    who: 'editor',
    label: 'an EPCI and its member communes',
    path: (ids) => `/gestion/organisations/${ids.authority}`,
    status: 200,
    heading: o.editTitle(DEMO.workspaceName),
    shows: o.members(8),
  },
  {
    who: 'editor',
    label: 'new organisation',
    path: () => '/gestion/organisations/nouvelle',
    status: 200,
    heading: o.newTitle,
  },
  {
    who: 'editor',
    label: 'organisation deletion refused',
    path: (ids) => `/gestion/organisations/${ids.partnerOrganisation}/supprimer`,
    status: 200,
    heading: o.deleteTitle('Commune de Taliouine'),
    shows: o.errors.deleteRefused,
  },
  {
    who: 'editor',
    label: 'organisation history',
    path: (ids) => `/gestion/organisations/${ids.partnerOrganisation}/historique`,
    status: 200,
    heading: messages.history.pageTitle('Commune de Taliouine'),
  },
  {
    who: 'reader',
    label: 'organisation, read only',
    path: (ids) => `/gestion/organisations/${ids.partnerOrganisation}`,
    status: 200,
    heading: 'Commune de Taliouine',
    shows: o.readOnly,
  },
  {
    who: 'editor',
    label: 'partnerships',
    path: () => '/gestion/partenariats',
    status: 200,
    heading: pa.listTitle,
  },
  {
    who: 'editor',
    label: 'new partnership',
    path: () => '/gestion/partenariats/nouveau',
    status: 200,
    heading: pa.newTitle,
  },
  {
    who: 'admin',
    label: 'partnership with its conventions and sharing',
    path: (ids) => `/gestion/partenariats/${ids.partnership}`,
    status: 200,
    heading: pa.editTitle(PARTNERSHIP),
    shows: pa.sharingTitle,
  },
  {
    who: 'editor',
    label: 'new convention',
    path: (ids) => `/gestion/partenariats/${ids.partnership}/conventions/nouvelle`,
    status: 200,
    heading: cv.newTitle,
  },
  {
    who: 'editor',
    label: 'convention in force',
    path: (ids) => `/gestion/conventions/${ids.convention}`,
    status: 200,
    heading: cv.editTitle(DEMO_CONVENTION.title),
    shows: cv.statuses.in_force,
  },
  {
    who: 'editor',
    label: 'partnership deletion refused',
    path: (ids) => `/gestion/partenariats/${ids.partnership}/supprimer`,
    status: 200,
    heading: pa.deleteTitle(PARTNERSHIP),
    shows: pa.errors.deleteRefused,
  },
  {
    who: 'editor',
    label: 'convention deletion',
    path: (ids) => `/gestion/conventions/${ids.convention}/supprimer`,
    status: 200,
    heading: cv.deleteTitle(DEMO_CONVENTION.title),
  },
  {
    who: 'reader',
    label: 'convention, read only',
    path: (ids) => `/gestion/conventions/${ids.convention}`,
    status: 200,
    heading: DEMO_CONVENTION.title,
    shows: cv.readOnly,
  },
  {
    who: 'partner',
    label: 'partnerships shared with the partner',
    path: () => '/gestion/partenariats',
    status: 200,
    heading: pa.sharedForPartner,
  },
  {
    who: 'partner',
    label: 'partnership read by its partner',
    path: (ids) => `/gestion/partenariats/${ids.partnership}`,
    status: 200,
    heading: PARTNERSHIP,
  },
  {
    who: 'partner',
    label: 'convention read by its partner',
    path: (ids) => `/gestion/conventions/${ids.convention}`,
    status: 200,
    heading: DEMO_CONVENTION.title,
    shows: cv.statuses.in_force,
  },
  // Projects and money (step 8).
  { who: 'editor', label: 'projects', path: () => '/gestion/projets', status: 200, heading: pr.listTitle },
  {
    who: 'editor',
    label: 'new project',
    path: (ids) => `/gestion/projets/nouveau?partenariat=${ids.partnership}`,
    status: 200,
    heading: pr.newTitle,
  },
  {
    who: 'editor',
    label: 'project with its rows, its Arabic text and its transactions',
    path: (ids) => `/gestion/projets/${ids.project}`,
    status: 200,
    heading: pr.editTitle(DEMO_PROJECTS.school),
    shows: tr.listCaption,
  },
  {
    who: 'editor',
    label: 'project deletion refused: a mission serves it',
    path: (ids) => `/gestion/projets/${ids.project}/supprimer`,
    status: 200,
    heading: pr.deleteTitle(DEMO_PROJECTS.school),
    shows: pr.errors.deleteRefusedMissions(1),
  },
  {
    who: 'editor',
    label: 'project history',
    path: (ids) => `/gestion/projets/${ids.project}/historique`,
    status: 200,
    heading: messages.history.pageTitle(DEMO_PROJECTS.school),
  },
  {
    who: 'editor',
    label: 'new transaction',
    path: (ids) => `/gestion/projets/${ids.project}/operations/nouvelle`,
    status: 200,
    heading: tr.newTitle,
  },
  {
    who: 'editor',
    label: 'transaction',
    path: (ids) => `/gestion/operations/${ids.transaction}`,
    status: 200,
    heading: tr.editTitle(SCHOOL_PAYMENT),
  },
  {
    who: 'editor',
    label: 'transaction deletion',
    path: (ids) => `/gestion/operations/${ids.transaction}/supprimer`,
    status: 200,
    heading: tr.deleteTitle(SCHOOL_PAYMENT),
  },
  {
    who: 'reader',
    label: 'project, read only',
    path: (ids) => `/gestion/projets/${ids.project}`,
    status: 200,
    heading: DEMO_PROJECTS.school,
    shows: pr.readOnly,
  },
  {
    who: 'partner',
    label: 'projects shared with the partner',
    path: () => '/gestion/projets',
    status: 200,
    heading: pr.listTitle,
  },
  {
    who: 'partner',
    label: 'project read by its partner',
    path: (ids) => `/gestion/projets/${ids.project}`,
    status: 200,
    heading: DEMO_PROJECTS.school,
  },
  {
    who: 'partner',
    label: 'transaction read by its partner',
    path: (ids) => `/gestion/operations/${ids.transaction}`,
    status: 200,
    heading: SCHOOL_PAYMENT,
    shows: tr.readOnly,
  },
  {
    who: 'editor',
    label: 'new result',
    path: (ids) => `/gestion/projets/${ids.project}/resultats/nouveau`,
    status: 200,
    heading: messages.results.newTitle,
  },
  {
    who: 'editor',
    label: 'result with its indicators and periods',
    path: (ids) => `/gestion/resultats/${ids.result}`,
    status: 200,
    heading: messages.results.editTitle('Des élèves équipés pour apprendre'),
    shows: messages.results.periodsTitle,
  },
  {
    who: 'partner',
    label: 'result read by the partner',
    path: (ids) => `/gestion/resultats/${ids.result}`,
    status: 200,
    heading: 'Des élèves équipés pour apprendre',
  },
  {
    who: 'editor',
    label: 'missions',
    path: () => '/gestion/missions',
    status: 200,
    heading: messages.missions.listTitle,
  },
  {
    who: 'editor',
    label: 'new mission',
    path: (ids) => `/gestion/missions/nouvelle?partenariat=${ids.partnership}&projet=${ids.project}`,
    status: 200,
    heading: messages.missions.newTitle,
  },
  {
    who: 'editor',
    label: 'the school visit, with its photo, participants and costs',
    path: (ids) => `/gestion/missions/${ids.mission}`,
    status: 200,
    heading: messages.missions.editTitle(DEMO_MISSION.title),
    shows: messages.missions.photosTitle,
  },
  {
    who: 'partner',
    label: 'the school visit read by the partner',
    path: (ids) => `/gestion/missions/${ids.mission}`,
    status: 200,
    heading: DEMO_MISSION.title,
    shows: messages.missions.reportTitle,
  },
  {
    who: 'editor',
    label: 'service budgets for the 1 %',
    path: () => '/gestion/budgets-annexes',
    status: 200,
    heading: messages.utilityBudgets.title,
    shows: messages.utilityBudgets.addTitle,
  },
  {
    who: 'editor',
    label: 'exchange rates',
    path: () => '/gestion/taux-de-change',
    status: 200,
    heading: messages.exchangeRates.title,
    shows: messages.exchangeRates.addTitle,
  },
  {
    who: 'partner',
    label: 'news proposed by the partner',
    path: (ids) => `/gestion/projets/${ids.project}/actualites/nouvelle`,
    status: 200,
    heading: messages.projectUpdates.newTitle,
  },
  {
    who: 'partner',
    label: 'the partner’s Arabic news awaiting review, read by its author',
    path: (ids) => `/gestion/actualites/${ids.update}`,
    status: 200,
    heading: messages.projectUpdates.editTitle(DEMO_PARTNER_UPDATE.title),
    shows: messages.projectUpdates.statuses.proposed,
  },
  {
    who: 'editor',
    label: 'the partner’s Arabic news to review',
    path: (ids) => `/gestion/actualites/${ids.update}`,
    status: 200,
    heading: messages.projectUpdates.editTitle(DEMO_PARTNER_UPDATE.title),
    shows: messages.projectUpdates.reviewTitle,
  },
  // Signed out.
  {
    who: 'signed out',
    label: 'sign-in',
    path: () => '/connexion',
    status: 200,
    heading: messages.accounts.signIn.pageTitle,
  },
  {
    who: 'signed out',
    label: 'password reset request',
    path: () => '/mot-de-passe-oublie',
    status: 200,
    heading: messages.accounts.reset.pageTitle,
  },
  {
    who: 'signed out',
    label: 'password link no longer valid',
    path: () => `/mot-de-passe/${'a'.repeat(43)}`,
    status: 410,
    heading: messages.accounts.choosePassword.invalidTitle,
  },
  // The editor.
  {
    who: 'editor',
    label: 'dashboard',
    path: () => '/gestion',
    status: 200,
    heading: messages.admin.dashboard.welcome(demoAccount('editor').name),
    // The demo's Arabic news of the school awaits an editor.
    shows: messages.projectUpdates.awaitingTitle,
  },
  { who: 'editor', label: 'pages list', path: () => '/gestion/pages', status: 200, heading: p.listTitle },
  {
    who: 'editor',
    label: 'new page form',
    path: () => '/gestion/pages/nouvelle',
    status: 200,
    heading: p.newTitle,
  },
  {
    who: 'editor',
    label: 'page form',
    path: (ids) => `/gestion/pages/${ids.cooperation}`,
    status: 200,
    heading: p.editTitle(COOPERATION),
  },
  {
    who: 'editor',
    label: 'home page form (no address, no parent)',
    path: (ids) => `/gestion/pages/${ids.home}`,
    status: 200,
    heading: p.editTitle('Accueil'),
  },
  {
    who: 'editor',
    label: 'delete confirmation',
    path: (ids) => `/gestion/pages/${ids.territory}/supprimer`,
    status: 200,
    heading: p.deleteTitle('Le territoire'),
    shows: p.deleteNoChildren,
  },
  {
    who: 'editor',
    label: 'delete confirmation with sub-pages',
    path: (ids) => `/gestion/pages/${ids.living}/supprimer`,
    status: 200,
    heading: p.deleteTitle('Vivre au Pays des Écrins'),
    shows: p.deleteChildren(1),
  },
  {
    who: 'reader',
    label: 'preview of a published page',
    path: (ids) => `/gestion/pages/${ids.cooperation}/apercu`,
    status: 200,
    heading: COOPERATION,
    shows: 'Taliouine',
  },
  {
    who: 'editor',
    label: 'unpublish confirmation with a published sub-page',
    path: (ids) => `/gestion/pages/${ids.living}/depublier`,
    status: 200,
    heading: p.unpublishTitle('Vivre au Pays des Écrins'),
    shows: p.unpublishChildren(1),
  },
  {
    who: 'editor',
    label: 'unpublish refused: the home page links to this page',
    path: (ids) => `/gestion/pages/${ids.cooperation}/depublier`,
    status: 200,
    heading: p.unpublishTitle(COOPERATION),
    shows: p.unpublishRefused,
  },
  {
    who: 'editor',
    label: 'delete refused: the home page links to this page',
    path: (ids) => `/gestion/pages/${ids.cooperation}/supprimer`,
    status: 200,
    heading: p.deleteTitle(COOPERATION),
    shows: p.deleteRefused,
  },
  {
    who: 'editor',
    label: 'history without any change',
    path: (ids) => `/gestion/pages/${ids.territory}/historique`,
    status: 200,
    heading: messages.history.pageTitle('Le territoire'),
    shows: messages.history.empty,
  },
  {
    who: 'editor',
    label: '403 page (users, for an editor)',
    path: () => '/gestion/utilisateurs',
    status: 403,
    heading: messages.admin.forbiddenTitle,
  },
  { who: 'editor', label: 'images list', path: () => '/gestion/images', status: 200, heading: m.listTitle },
  {
    who: 'editor',
    label: 'image upload form',
    path: () => '/gestion/images/nouvelle',
    status: 200,
    heading: m.newTitle,
  },
  {
    who: 'editor',
    label: 'image form',
    path: (ids) => `/gestion/images/${ids.figure}`,
    status: 200,
    heading: m.editTitle(DEMO.figureName),
  },
  {
    who: 'editor',
    label: 'image deletion refused: a page shows it',
    path: (ids) => `/gestion/images/${ids.figure}/supprimer`,
    status: 200,
    heading: m.deleteTitle(DEMO.figureName),
    shows: m.deleteRefused,
  },
  {
    who: 'editor',
    label: 'image history without any change',
    path: (ids) => `/gestion/images/${ids.figure}/historique`,
    status: 200,
    heading: messages.history.pageTitle(DEMO.figureName),
    shows: messages.history.empty,
  },
  {
    who: 'editor',
    label: 'contacts list',
    path: () => '/gestion/contacts',
    status: 200,
    heading: c.listTitle,
  },
  {
    who: 'editor',
    label: 'new contact card form',
    path: () => '/gestion/contacts/nouvelle',
    status: 200,
    heading: c.newTitle,
  },
  {
    who: 'editor',
    label: 'contact card form',
    path: (ids) => `/gestion/contacts/${ids.contactCard}`,
    status: 200,
    heading: c.editTitle(SERVICE),
  },
  {
    who: 'editor',
    label: 'contact card deletion refused: a page shows it',
    path: (ids) => `/gestion/contacts/${ids.contactCard}/supprimer`,
    status: 200,
    heading: c.deleteTitle(SERVICE),
    shows: c.deleteRefused,
  },
  {
    who: 'editor',
    label: 'contact card history without any change',
    path: (ids) => `/gestion/contacts/${ids.contactCard}/historique`,
    status: 200,
    heading: messages.history.pageTitle(SERVICE),
    shows: messages.history.empty,
  },
  {
    who: 'editor',
    label: 'settings, read only',
    path: () => '/gestion/parametres',
    status: 200,
    heading: s.pageTitle,
    shows: s.readOnly,
  },
  {
    who: 'editor',
    label: 'settings history without any change',
    path: () => '/gestion/parametres/historique',
    status: 200,
    heading: messages.history.pageTitle(s.historyTitle),
    shows: messages.history.empty,
  },
  // The reader: everything read only.
  {
    who: 'reader',
    label: 'page, read only',
    path: (ids) => `/gestion/pages/${ids.cooperation}`,
    status: 200,
    heading: p.viewTitle(COOPERATION),
    shows: p.readOnly,
  },
  {
    who: 'reader',
    label: 'image, read only',
    path: (ids) => `/gestion/images/${ids.figure}`,
    status: 200,
    heading: m.editTitle(DEMO.figureName),
    shows: m.readOnly,
  },
  {
    who: 'reader',
    label: 'contact card, read only',
    path: (ids) => `/gestion/contacts/${ids.contactCard}`,
    status: 200,
    heading: SERVICE,
    shows: c.readOnly,
  },
  {
    who: 'reader',
    label: '403 page (new page form, for a reader)',
    path: () => '/gestion/pages/nouvelle',
    status: 403,
    heading: messages.admin.forbiddenTitle,
  },
  // The administrator.
  {
    who: 'admin',
    label: 'users list',
    path: () => '/gestion/utilisateurs',
    status: 200,
    heading: u.pageTitle,
  },
  {
    who: 'admin',
    label: 'invite form',
    path: () => '/gestion/utilisateurs/inviter',
    status: 200,
    heading: u.inviteTitle,
  },
  {
    who: 'admin',
    label: 'member page',
    path: (ids) => `/gestion/utilisateurs/${ids.editorMembership}`,
    status: 200,
    heading: demoAccount('editor').name,
  },
  {
    who: 'admin',
    label: 'settings form',
    path: () => '/gestion/parametres',
    status: 200,
    heading: s.pageTitle,
  },
  // The second workspace, which has no image, no contact card, nothing in its trash.
  {
    who: 'admin of the second workspace',
    label: 'dashboard',
    path: () => '/gestion',
    status: 200,
    heading: messages.admin.dashboard.welcome(DEMO_SECOND.admin.name),
  },
  {
    who: 'admin of the second workspace',
    label: 'pages list',
    path: () => '/gestion/pages',
    status: 200,
    heading: p.listTitle,
  },
  {
    who: 'admin of the second workspace',
    label: 'images list, empty',
    path: () => '/gestion/images',
    status: 200,
    heading: m.listTitle,
    shows: m.emptyCanCreate,
  },
  {
    who: 'admin of the second workspace',
    label: 'contacts list, empty',
    path: () => '/gestion/contacts',
    status: 200,
    heading: c.listTitle,
    shows: c.empty,
  },
  {
    who: 'admin of the second workspace',
    label: 'trash, empty',
    path: () => '/gestion/corbeille',
    status: 200,
    heading: messages.trash.pageTitle,
    shows: messages.trash.empty,
  },
  {
    who: 'admin of the second workspace',
    label: 'settings form',
    path: () => '/gestion/parametres',
    status: 200,
    heading: s.pageTitle,
  },
  {
    who: 'admin of the second workspace',
    label: 'users list',
    path: () => '/gestion/utilisateurs',
    status: 200,
    heading: u.pageTitle,
  },
  {
    who: 'editor',
    label: 'images and documents to insert',
    path: () => '/gestion/inserer',
    status: 200,
    heading: messages.insert.pageTitle,
    shows: `{{document:${DEMO.documentName}}}`,
  },
  {
    who: 'reader',
    label: 'documents list',
    path: () => '/gestion/documents',
    status: 200,
    heading: messages.documents.listTitle,
    shows: DEMO.documentTitle,
  },
  {
    who: 'editor',
    label: 'document upload form',
    path: () => '/gestion/documents/nouveau',
    status: 200,
    heading: messages.documents.uploadTitle,
  },
  {
    who: 'editor',
    label: 'document form',
    path: (ids) => `/gestion/documents/${ids.document}`,
    status: 200,
    heading: messages.documents.editTitle(DEMO.documentTitle),
    shows: `{{document:${DEMO.documentName}}}`,
  },
  {
    who: 'reader',
    label: 'document, read only',
    path: (ids) => `/gestion/documents/${ids.document}`,
    status: 200,
    heading: messages.documents.editTitle(DEMO.documentTitle),
    shows: messages.documents.readOnly,
  },
  {
    who: 'editor',
    label: 'document delete confirmation',
    path: (ids) => `/gestion/documents/${ids.document}/supprimer`,
    status: 200,
    heading: messages.documents.deleteTitle(DEMO.documentTitle),
    shows: messages.documents.deleteNoUsers,
  },
  {
    who: 'editor',
    label: 'document history',
    path: (ids) => `/gestion/documents/${ids.document}/historique`,
    status: 200,
    heading: messages.history.pageTitle(DEMO.documentTitle),
  },
];

describe('back-office pages: axe (WCAG 2.1 A and AA) and html-validate find nothing', () => {
  let server: RunningServer;
  let browser: TestBrowser;
  let ids: Ids;
  /** The second workspace's origin: *.localhost is the loopback address for Chromium. */
  let secondOrigin: string;
  const contexts = new Map<Who, BrowserContext>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    secondOrigin = `http://${DEMO_SECOND.hostName}:${new URL(server.baseUrl).port}/`;
    ids = await loadIds(server);
    contexts.set('signed out', await browser.newContext());
    for (const [who, origin, account] of [
      ['admin', server.baseUrl, demoAccount('admin')],
      ['editor', server.baseUrl, demoAccount('editor')],
      ['contributor', server.baseUrl, demoAccount('contributor')],
      ['reader', server.baseUrl, demoAccount('reader')],
      ['partner', server.baseUrl, demoAccount('partner')],
      ['admin of the second workspace', secondOrigin, DEMO_SECOND.admin],
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInThroughForm(page, origin, account);
      await page.close();
      contexts.set(who, context);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function originOf(who: Who): string {
    return who === 'admin of the second workspace' ? secondOrigin : server.baseUrl;
  }

  /** A new tab signed in as `who`, its reported errors collected, closed by `run`'s end. */
  async function withPage(who: Who, run: (page: Page, origin: string) => Promise<void>): Promise<void> {
    const page = await contexts.get(who)!.newPage();
    const pageErrors = collectPageErrors(page);
    try {
      await run(page, originOf(who));
      expect(pageErrors, `errors reported to ${who}`).toEqual([]);
    } finally {
      await page.close();
    }
  }

  /** Opens a page, checks it is the one meant, then runs the checks. */
  async function visit(page: Page, url: string, label: string, status: number, heading: string) {
    const response = await page.goto(url);
    expect(response?.status(), `status of ${label}`).toBe(status);
    expect(await readText(page.locator('h1')), `heading of ${label}`).toBe(heading);
    await expectPageChecksPass(page, response, label);
    return response;
  }

  /** Submits a form and checks the page it brings: sent back with errors, each linked from the summary. */
  async function expectFormErrors(
    page: Page,
    submit: () => Promise<Response>,
    label: string,
    errors: string[],
  ) {
    const response = await submit();
    expect(response.status(), `status of ${label}`).toBe(400);
    expect(await page.title()).toMatch(new RegExp(`^${messages.form.pageTitleError('')}`));
    const summary = page.getByRole('alert');
    expect(await readText(summary.getByRole('heading'))).toBe(messages.form.errorSummaryTitle);
    const links = summary.getByRole('link');
    expect(await readTexts(links), `errors of ${label}`).toEqual(errors);
    // Each link leads to an element that exists and says the same thing beside the field.
    for (let index = 0; index < errors.length; index++) {
      const target = (await links.nth(index).getAttribute('href'))!.slice(1);
      expect(await page.locator(`[id="${target}"]`).count(), `target #${target} of ${label}`).toBe(1);
      const error = page.locator(`[id="${target}-error"]`);
      expect(await readText(error), `message beside #${target}`).toContain(errors[index]);
    }
    await expectPageChecksPass(page, response, label);
  }

  function mainButton(page: Page, name: string) {
    return page.getByRole('main').getByRole('button', { name, exact: true });
  }

  test.each(SCREENS)('$who: $label', async ({ who, label, path, status, heading, shows }) => {
    await withPage(who, async (page, origin) => {
      await visit(page, new URL(path(ids), origin).href, `${label} (${who})`, status, heading);
      if (shows) expect(await readText(page.getByRole('main'))).toContain(shows);
      if (who === 'admin of the second workspace')
        expect(await readText(page.locator('.site-header__name'))).toContain(DEMO_SECOND.name);
    });
  });

  test('signed out: the sign-in form sent empty, then with a wrong password', async () => {
    await withPage('signed out', async (page) => {
      await visit(page, server.url('/connexion'), 'sign-in', 200, messages.accounts.signIn.pageTitle);
      const form = page.getByRole('main').locator('form');
      const submit = () =>
        clickThrough(page, form.getByRole('button', { name: messages.accounts.signIn.submit }));
      const e = messages.accounts.errors;
      await expectFormErrors(page, submit, 'sign-in with errors', [e.emailRequired, e.passwordRequired]);
      await form
        .getByLabel(messages.accounts.signIn.emailLabel, { exact: true })
        .fill(demoAccount('reader').email);
      await form
        .getByLabel(messages.accounts.signIn.passwordLabel, { exact: true })
        .fill('pas-le-bon-mot-de-passe');
      await expectFormErrors(page, submit, 'sign-in refused', [messages.accounts.signIn.invalid]);
      // What was typed comes back, except the password.
      expect(await form.getByLabel(messages.accounts.signIn.emailLabel, { exact: true }).inputValue()).toBe(
        demoAccount('reader').email,
      );
      expect(
        await form.getByLabel(messages.accounts.signIn.passwordLabel, { exact: true }).inputValue(),
      ).toBe('');
    });
  });

  test('signed out: password reset, from the request to the choose-password page and its errors', async () => {
    const r = messages.accounts.reset;
    const cp = messages.accounts.choosePassword;
    const account = demoAccount('reader');
    await withPage('signed out', async (page) => {
      await page.goto(server.url('/connexion'));
      await clickThrough(
        page,
        page.getByRole('main').getByRole('link', { name: messages.accounts.signIn.forgotten }),
      );
      expect(await readText(page.locator('h1'))).toBe(r.pageTitle);
      const form = page.getByRole('main').locator('form');
      const submit = () => clickThrough(page, form.getByRole('button', { name: r.submit }));
      await expectFormErrors(page, submit, 'password reset request with errors', [
        messages.accounts.errors.emailRequired,
      ]);

      const sentBefore = server.smtp.received.length;
      await form.getByLabel(messages.accounts.signIn.emailLabel, { exact: true }).fill(account.email);
      const sent = await submit();
      expect(sent.status()).toBe(200);
      expect(await readText(page.locator('h1'))).toBe(r.sentTitle);
      await expectPageChecksPass(page, sent, 'password reset requested');

      await expect.poll(() => server.smtp.received.length, { timeout: 10_000 }).toBe(sentBefore + 1);
      const mail = decodeMail(server.smtp.received[sentBefore]!.raw);
      expect(mail.to).toContain(account.email);
      const link = mail.text.split('\n').find((line) => line.startsWith(server.url('/mot-de-passe/')));
      expect(link, `a link in ${mail.text}`).toBeDefined();

      await visit(page, link!, 'choose-password page', 200, cp.resetTitle);
      const choose = page.getByRole('main').locator('form');
      const save = () => clickThrough(page, choose.getByRole('button', { name: cp.submit }));
      const e = messages.accounts.errors;
      // Sent empty: the password is asked for.
      await expectFormErrors(page, save, 'choose-password page with errors', [e.passwordRequired]);
      await choose.getByLabel(cp.passwordLabel, { exact: true }).fill('trop court');
      await choose.getByLabel(cp.confirmLabel, { exact: true }).fill('autre chose');
      await expectFormErrors(page, save, 'choose-password page, too short and not confirmed', [
        e.passwordTooShort(MIN_PASSWORD_LENGTH),
        e.confirmMismatch,
      ]);
    });
  });

  test('the editor: forms sent back with errors (page, image, contact card)', async () => {
    await withPage('editor', async (page, origin) => {
      const at = (path: string) => new URL(path, origin).href;
      const form = page.getByRole('main').locator('form.form');

      await page.goto(at('/gestion/pages/nouvelle'));
      await expectFormErrors(
        page,
        () => clickThrough(page, form.getByRole('button', { name: p.create })),
        'new page form with errors',
        [p.errors.titleRequired],
      );

      await page.goto(at(`/gestion/pages/${ids.cooperation}`));
      await form.getByLabel(p.fields.title, { exact: true }).fill('');
      await form.getByLabel(p.fields.slug).fill('Pas Une Adresse');
      await form.getByLabel(p.fields.position).fill('premier');
      await expectFormErrors(
        page,
        () => clickThrough(page, form.getByRole('button', { name: p.saveDraft, exact: true })),
        'page form with errors',
        [p.errors.titleRequired, p.errors.slugInvalid, p.errors.positionInvalid],
      );

      await page.goto(at('/gestion/documents/nouveau'));
      await expectFormErrors(
        page,
        () => clickThrough(page, form.getByRole('button', { name: messages.documents.upload })),
        'document upload form with errors',
        [messages.documents.errors.fileRequired, messages.documents.errors.titleRequired],
      );

      await page.goto(at('/gestion/images/nouvelle'));
      await expectFormErrors(
        page,
        () => clickThrough(page, form.getByRole('button', { name: m.upload })),
        'image upload form with errors',
        [m.errors.fileRequired, m.errors.altTextRequired],
      );

      await page.goto(at(`/gestion/images/${ids.figure}`));
      await form.getByLabel(m.fields.altText, { exact: true }).fill('');
      await expectFormErrors(
        page,
        () => clickThrough(page, form.getByRole('button', { name: m.save, exact: true })),
        'image form with errors',
        [m.errors.altTextRequired],
      );

      await page.goto(at('/gestion/contacts/nouvelle'));
      await form.getByLabel(c.fields.email).fill('pas une adresse');
      await expectFormErrors(
        page,
        () => clickThrough(page, form.getByRole('button', { name: c.create })),
        'new contact card form with errors',
        [c.errors.serviceRequired, c.errors.emailInvalid],
      );

      await page.goto(at(`/gestion/contacts/${ids.contactCard}`));
      await form.getByLabel(c.fields.phone).fill('appeler le standard');
      await expectFormErrors(
        page,
        () => clickThrough(page, form.getByRole('button', { name: c.save, exact: true })),
        'contact card form with errors',
        [c.errors.phoneInvalid],
      );
    });
  });

  test('the administrator: forms sent back with errors (invitation, role, settings)', async () => {
    await withPage('admin', async (page, origin) => {
      const at = (path: string) => new URL(path, origin).href;
      const main = page.getByRole('main');

      await page.goto(at('/gestion/utilisateurs/inviter'));
      const e = messages.accounts.errors;
      await expectFormErrors(
        page,
        () => clickThrough(page, mainButton(page, u.sendInvitation)),
        'invite form with errors',
        [e.emailRequired, e.nameRequired, e.roleRequired],
      );

      // The only administrator cannot make themself an editor.
      await page.goto(at(`/gestion/utilisateurs/${ids.adminMembership}`));
      await main.getByLabel(u.role, { exact: true }).selectOption({ label: messages.roles.editor });
      await expectFormErrors(
        page,
        () => clickThrough(page, mainButton(page, u.changeRole)),
        'member page with errors',
        [e.lastAdmin],
      );

      await page.goto(at('/gestion/parametres'));
      await main.getByLabel(s.fields.site_name, { exact: true }).fill('');
      await expectFormErrors(
        page,
        () => clickThrough(page, mainButton(page, s.save)),
        'settings form with errors',
        [s.errors.siteNameRequired],
      );
    });
  });

  /** The path of the invitation link of the newest message to `to`, once it has arrived. */
  async function invitationPathTo(to: string): Promise<string> {
    for (let waited = 0; waited < 5000; waited += 50) {
      const message = [...server.smtp.received].reverse().find((received) => received.to.includes(to));
      const link = message && /https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/.exec(decodeMail(message.raw).text);
      if (link) return new URL(link[0]).pathname;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No invitation was sent to ${to}`);
  }

  test('invitations: the list with one waiting, its acceptance with a new account, and with an existing one', async () => {
    const inv = messages.invitations;
    const newcomer = `nouvelle.recrue@example.test`;
    await withPage('admin', async (page, origin) => {
      await page.goto(new URL('/gestion/utilisateurs/inviter', origin).href);
      const main = page.getByRole('main');
      await main.getByLabel(u.email, { exact: true }).fill(newcomer);
      await main.getByLabel(u.name, { exact: true }).fill('Nadia Recrue');
      await main.getByRole('radio', { name: new RegExp(`^${messages.roles.contributor}`) }).check();
      const listed = await clickThrough(page, mainButton(page, u.sendInvitation));
      expect(await readText(flash(page))).toBe(u.invited('Nadia Recrue'));
      expect(await readText(page.getByRole('table', { name: u.invitationsCaption(1) }))).toContain(newcomer);
      await expectPageChecksPass(page, listed, 'users list with an invitation waiting');
    });
    await withPage('signed out', async (page) => {
      const path = await invitationPathTo(newcomer);
      await visit(page, server.url(path), 'invitation, new account', 200, inv.pageTitle(DEMO.workspaceName));
      const main = page.getByRole('main');
      await main.getByLabel(inv.nameLabel, { exact: true }).fill('Nadia Recrue');
      await main
        .getByLabel(messages.accounts.choosePassword.passwordLabel, { exact: true })
        .fill('une phrase de passe');
      await main
        .getByLabel(messages.accounts.choosePassword.confirmLabel, { exact: true })
        .fill('une autre phrase');
      await expectFormErrors(
        page,
        () => clickThrough(page, mainButton(page, inv.submit)),
        'invitation, new account, with errors',
        [messages.accounts.errors.confirmMismatch],
      );
      await main
        .getByLabel(messages.accounts.choosePassword.passwordLabel, { exact: true })
        .fill('une phrase de passe');
      await main
        .getByLabel(messages.accounts.choosePassword.confirmLabel, { exact: true })
        .fill('une phrase de passe');
      const dashboard = await clickThrough(page, mainButton(page, inv.submit));
      expect(new URL(page.url()).pathname).toBe('/gestion');
      expect(await readText(flash(page))).toBe(inv.welcome(DEMO.workspaceName));
      await expectPageChecksPass(page, dashboard, 'dashboard after accepting an invitation');
    });
    // The second workspace invites the demo's editor, who has an account: accepted by signing in.
    const editor = demoAccount('editor');
    await withPage('admin of the second workspace', async (page, origin) => {
      await page.goto(new URL('/gestion/utilisateurs/inviter', origin).href);
      const main = page.getByRole('main');
      await main.getByLabel(u.email, { exact: true }).fill(editor.email);
      await main.getByLabel(u.name, { exact: true }).fill('Éditrice invitée');
      await main.getByRole('radio', { name: new RegExp(`^${messages.roles.reader}`) }).check();
      await clickThrough(page, mainButton(page, u.sendInvitation));
      expect(await readText(flash(page))).toBe(u.invited('Éditrice invitée'));
    });
    const path = await invitationPathTo(editor.email);
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    try {
      await visit(
        page,
        new URL(path, secondOrigin).href,
        'invitation, existing account',
        200,
        inv.pageTitle(DEMO_SECOND.name),
      );
      const main = page.getByRole('main');
      await main.getByLabel(messages.accounts.signIn.passwordLabel, { exact: true }).fill('pas le bon');
      await expectFormErrors(
        page,
        () => clickThrough(page, mainButton(page, inv.submit)),
        'invitation, existing account, wrong password',
        [inv.errors.wrongPassword],
      );
      await main.getByLabel(messages.accounts.signIn.passwordLabel, { exact: true }).fill(editor.password);
      await clickThrough(page, mainButton(page, inv.submit));
      expect(await readText(page.locator('h1'))).toBe(messages.admin.dashboard.welcome(editor.name));
      expect(await readText(page.locator('.site-header__name'))).toContain(DEMO_SECOND.name);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the editor: the trash, empty, then with a page and its sub-page', async () => {
    await withPage('editor', async (page, origin) => {
      await visit(
        page,
        new URL('/gestion/corbeille', origin).href,
        'trash, empty',
        200,
        messages.trash.pageTitle,
      );
      expect(await readText(page.getByRole('main'))).toContain(messages.trash.empty);

      await page.goto(new URL(`/gestion/pages/${ids.living}/supprimer`, origin).href);
      await clickThrough(page, mainButton(page, p.deleteConfirm));
      expect(await readText(flash(page))).toBe(p.deleted(2));
      const trash = await clickThrough(
        page,
        adminNav(page).getByRole('link', { name: messages.admin.nav.trash, exact: true }),
      );
      expect(await readText(page.getByRole('main').locator('tbody'))).toContain(
        messages.trash.withChildren(1),
      );
      await expectPageChecksPass(page, trash, 'trash with an entry (editor)');

      await clickThrough(page, mainButton(page, `${messages.trash.restore} Vivre au Pays des Écrins`));
      expect(await readText(flash(page))).toBe(messages.trash.restored);
    });
  });

  test('the administrator: the trash with an entry, with the button that empties it', async () => {
    await withPage('admin', async (page, origin) => {
      await page.goto(new URL(`/gestion/pages/${ids.territory}/supprimer`, origin).href);
      await clickThrough(page, mainButton(page, p.deleteConfirm));
      const trash = await clickThrough(
        page,
        adminNav(page).getByRole('link', { name: messages.admin.nav.trash, exact: true }),
      );
      expect(await mainButton(page, messages.trash.emptyTrash).count()).toBe(1);
      await expectPageChecksPass(page, trash, 'trash with an entry (admin)');
      await clickThrough(page, mainButton(page, `${messages.trash.restore} Le territoire`));
      expect(await readText(flash(page))).toBe(messages.trash.restored);
    });
  });

  test('the editor: a contact card created, its delete confirmation, in the trash, restored', async () => {
    await withPage('editor', async (page, origin) => {
      const service = 'Service Jeunesse';
      await page.goto(new URL('/gestion/contacts', origin).href);
      await clickThrough(page, page.getByRole('main').getByRole('link', { name: c.newCard }));
      const form = page.getByRole('main').locator('form.form');
      await form.getByLabel(c.fields.service_name, { exact: true }).fill(service);
      await form.getByLabel(c.fields.phone).fill('04 92 23 11 18');
      const created = await clickThrough(page, form.getByRole('button', { name: c.create }));
      expect(await readText(flash(page))).toBe(c.created);
      expect(await readText(page.locator('h1'))).toBe(c.editTitle(service));
      await expectPageChecksPass(page, created, 'a contact card just created');

      const confirmation = await clickThrough(
        page,
        page.getByRole('main').getByRole('link', { name: c.delete }),
      );
      expect(await readText(page.locator('h1'))).toBe(c.deleteTitle(service));
      expect(await readText(page.getByRole('main'))).toContain(c.deleteLead);
      await expectPageChecksPass(page, confirmation, 'contact card delete confirmation');
      await clickThrough(page, mainButton(page, c.deleteConfirm));
      expect(await readText(flash(page))).toBe(c.deleted);

      const trash = await clickThrough(
        page,
        adminNav(page).getByRole('link', { name: messages.admin.nav.trash, exact: true }),
      );
      expect(await readText(page.getByRole('main').locator('tbody'))).toContain(
        messages.trash.kinds.contact_card,
      );
      await expectPageChecksPass(page, trash, 'trash with a contact card');
      await clickThrough(page, mainButton(page, `${messages.trash.restore} ${service}`));
      expect(await readText(flash(page))).toBe(messages.trash.restored);
    });
  });

  test('two people save the same page: the second is refused, accessibly, with what they typed kept', async () => {
    const p = messages.pages;
    await withPage('editor', async (editorPage, origin) => {
      const formUrl = new URL(`/gestion/pages/${ids.living}`, origin).href;
      await editorPage.goto(formUrl);
      const typed = 'Un résumé que l’éditrice a écrit pendant ce temps.';
      await editorPage.getByRole('main').getByLabel(p.fields.summary).fill(typed);

      // Meanwhile the administrator, who opened the same page, saves a change of the summary.
      await withPage('admin', async (adminPage) => {
        await adminPage.goto(formUrl);
        await adminPage
          .getByRole('main')
          .getByLabel(p.fields.summary)
          .fill('Le résumé de l’administratrice.');
        const saved = await clickThrough(adminPage, mainButton(adminPage, p.saveDraft));
        expect(saved.status()).toBe(200);
      });

      const refused = await clickThrough(editorPage, mainButton(editorPage, p.saveDraft));
      expect(refused.status()).toBe(409);
      const notice = editorPage.getByRole('alert');
      expect(await readText(notice.getByRole('heading'))).toBe(messages.versions.conflictTitle);
      expect(await readText(notice)).toContain('Le résumé de l’administratrice.');
      expect(await editorPage.getByRole('main').getByLabel(p.fields.summary).inputValue()).toBe(typed);
      await expectPageChecksPass(editorPage, refused, 'page form refused: saved by someone else meanwhile');
    });
  });

  // Before the histories: they change the contributor's role.
  test('the review of a project and its children: proposed by a contributor, seen by an editor', async () => {
    const rv = messages.review;
    const records = [
      { path: `/gestion/projets/${ids.project}`, field: 'description', label: 'a project' },
      { path: `/gestion/operations/${ids.transaction}`, field: 'description', label: 'a transaction' },
      { path: `/gestion/resultats/${ids.result}`, field: 'description', label: 'a result' },
      { path: `/gestion/missions/${ids.mission}`, field: 'purpose', label: 'a mission' },
    ];
    await withPage('contributor', async (page) => {
      for (const record of records) {
        await page.goto(server.url(record.path));
        await page.locator(`#${record.field}`).fill('Changement proposé à la relecture.');
        const response = await clickThrough(page, mainButton(page, pr.save));
        expect(await readText(page.locator('main [role="status"]').first())).toContain(rv.proposed);
        await expectPageChecksPass(page, response, `${record.label} with changes proposed, for their author`);
      }
    });
    await withPage('editor', async (page) => {
      const dashboard = await page.goto(server.url('/gestion'));
      const listed = page.locator('#projets-a-relire + ul a');
      expect(await listed.count()).toBe(records.length);
      await expectPageChecksPass(page, dashboard, 'the dashboard with changes to review');
      for (const record of records) {
        const response = await page.goto(server.url(record.path));
        const review = page.getByRole('region', { name: rv.title, exact: true });
        expect(await readText(review)).toContain(rv.apply);
        await expectPageChecksPass(page, response, `${record.label} with changes to review`);
      }
      // Sent back without a comment: the message beside the field, then applied.
      const first = records[0]!;
      await page.goto(server.url(first.path));
      const review = page.getByRole('region', { name: rv.title, exact: true });
      await expectFormErrors(
        page,
        () => clickThrough(page, review.getByRole('button', { name: rv.sendBack, exact: true })),
        'a project sent back with no comment',
        [rv.commentRequired],
      );
      for (const record of records) {
        await page.goto(server.url(record.path));
        await clickThrough(
          page,
          page.getByRole('region', { name: rv.title, exact: true }).getByRole('button', { name: rv.apply }),
        );
        expect(await page.locator(`#${record.field}`).inputValue()).toBe(
          'Changement proposé à la relecture.',
        );
      }
    });
  });

  test('histories with changes: a page, an image, a contact card, the settings, a member', async () => {
    await withPage('editor', async (page, origin) => {
      const at = (path: string) => new URL(path, origin).href;
      const form = page.getByRole('main').locator('form.form');
      const editor = demoAccount('editor').name;

      await page.goto(at(`/gestion/pages/${ids.skills}`));
      await form.getByLabel(p.fields.summary).fill('Ce que les communes font ensemble.');
      await clickThrough(page, form.getByRole('button', { name: p.saveDraft, exact: true }));
      await page.goto(at(`/gestion/pages/${ids.skills}/historique`));
      await visit(page, page.url(), 'page history', 200, messages.history.pageTitle('Les compétences'));
      expect(await readText(page.getByRole('main').locator('tbody'))).toContain(editor);
      // The change waits as the page's unpublished changes: the form, the review and the preview say so.
      await visit(
        page,
        at(`/gestion/pages/${ids.skills}`),
        'page form with unpublished changes',
        200,
        p.editTitle('Les compétences'),
      );
      await visit(
        page,
        at(`/gestion/pages/${ids.skills}/modifications`),
        'review of unpublished changes',
        200,
        p.changesTitle('Les compétences'),
      );
      await visit(
        page,
        at(`/gestion/pages/${ids.skills}/apercu`),
        'preview of unpublished changes',
        200,
        'Les compétences',
      );
      expect(await readText(page.getByRole('main'))).toContain('Ce que les communes font ensemble.');

      await page.goto(at(`/gestion/images/${ids.figure}`));
      await form.getByLabel(m.fields.credit).fill('Illustration Entente, 2026');
      await clickThrough(page, form.getByRole('button', { name: m.save, exact: true }));
      await clickThrough(page, page.getByRole('main').getByRole('link', { name: m.history }));
      await visit(page, page.url(), 'image history', 200, messages.history.pageTitle(DEMO.figureName));

      await page.goto(at(`/gestion/contacts/${ids.contactCard}`));
      await form.getByLabel(c.fields.person_name).fill('Florence Mouveaux-Martin');
      await clickThrough(page, form.getByRole('button', { name: c.save, exact: true }));
      await clickThrough(page, page.getByRole('main').getByRole('link', { name: c.history }));
      await visit(page, page.url(), 'contact card history', 200, messages.history.pageTitle(SERVICE));
    });

    await withPage('admin', async (page, origin) => {
      const at = (path: string) => new URL(path, origin).href;
      const main = page.getByRole('main');

      await page.goto(at('/gestion/parametres'));
      await main
        .getByLabel(s.fields.publisher_address)
        .fill('1 place de la Mairie, 05120 L’Argentière-la-Bessée');
      await clickThrough(page, mainButton(page, s.save));
      expect(await readText(flash(page))).toBe(s.saved);
      await clickThrough(page, main.getByRole('link', { name: s.history }));
      await visit(page, page.url(), 'settings history', 200, messages.history.pageTitle(s.historyTitle));

      await page.goto(at(`/gestion/utilisateurs/${ids.contributorMembership}`));
      await main.getByLabel(u.role, { exact: true }).selectOption({ label: messages.roles.reader });
      await clickThrough(page, mainButton(page, u.changeRole));
      expect(await readText(flash(page))).toBe(u.roleChanged);
      await clickThrough(page, main.getByRole('link', { name: u.history }));
      await visit(
        page,
        page.url(),
        'member history',
        200,
        messages.history.pageTitle(demoAccount('contributor').name),
      );
    });
  });
});

async function loadIds(server: RunningServer): Promise<Ids> {
  const db = server.testApp.database.db;
  const workspace = await db
    .selectFrom('workspaces')
    .select(['id', 'organisation_id'])
    .where('slug', '=', DEMO.workspaceSlug)
    .executeTakeFirstOrThrow();
  const pages = await db
    .selectFrom('pages')
    .select(['id', 'title'])
    .where('workspace_id', '=', workspace.id)
    .execute();
  const page = (title: string) => pages.find((row) => row.title === title)!.id;
  const figure = await db
    .selectFrom('media')
    .select('id')
    .where('name', '=', DEMO.figureName)
    .executeTakeFirstOrThrow();
  const card = await db
    .selectFrom('contact_cards')
    .select('id')
    .where('service_name', '=', SERVICE)
    .executeTakeFirstOrThrow();
  const document = await db
    .selectFrom('documents')
    .select('id')
    .where('name', '=', DEMO.documentName)
    .executeTakeFirstOrThrow();
  const convention = await db
    .selectFrom('conventions')
    .select(['id', 'partnership_id'])
    .where('title', '=', DEMO_CONVENTION.title)
    .executeTakeFirstOrThrow();
  const project = await db
    .selectFrom('projects')
    .select('id')
    .where('title', '=', DEMO_PROJECTS.school)
    .executeTakeFirstOrThrow();
  // The payment of March 2025, made with the convention in force: no warning.
  const transaction = await db
    .selectFrom('project_transactions')
    .select('id')
    .where('project_id', '=', project.id)
    .orderBy('transaction_date')
    .executeTakeFirstOrThrow();
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.id', 'users.email'])
    .where('memberships.workspace_id', '=', workspace.id)
    .execute();
  const membership = (role: 'admin' | 'editor' | 'contributor') =>
    memberships.find((row) => row.email === demoAccount(role).email)!.id;
  return {
    home: page('Accueil'),
    cooperation: page(COOPERATION),
    territory: page('Le territoire'),
    living: page('Vivre au Pays des Écrins'),
    skills: page('Les compétences'),
    figure: figure.id,
    contactCard: card.id,
    document: document.id,
    editorMembership: membership('editor'),
    adminMembership: membership('admin'),
    contributorMembership: membership('contributor'),
    partnerOrganisation: (
      await db
        .selectFrom('organisations')
        .select('id')
        .where('gazetteer_key', '=', DEMO.places.partner)
        .executeTakeFirstOrThrow()
    ).id,
    authority: workspace.organisation_id!,
    partnership: convention.partnership_id,
    convention: convention.id,
    project: project.id,
    transaction: transaction.id,
    mission: (
      await db
        .selectFrom('missions')
        .select('id')
        .where('project_id', '=', project.id)
        .executeTakeFirstOrThrow()
    ).id,
    result: (
      await db
        .selectFrom('project_results')
        .select('id')
        .where('project_id', '=', project.id)
        .executeTakeFirstOrThrow()
    ).id,
    update: (
      await db
        .selectFrom('project_updates')
        .select('id')
        .where('title', '=', DEMO_PARTNER_UPDATE.title)
        .executeTakeFirstOrThrow()
    ).id,
  };
}
