import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs, submitForm } from '../../../test/helpers/session.js';
import type { Role, Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_CONVENTION } from '../../db/seeds/demo.js';
import { DEMO_PROJECTS } from '../../db/seeds/demo-projects.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';

const text = messages.projects;
const money = messages.transactions;

function demo(role: Role) {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!;
}

let t: TestApp;
let workspace: Workspace;
let taliouinePartnership: string;
let taliouine: string;
let convention: string;
const cookies = {} as Record<'admin' | 'editor' | 'contributor' | 'reader' | 'partner', string>;
const pages: Array<[string, string]> = [];

beforeAll(async () => {
  t = await createTestApp();
  workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  for (const role of ['admin', 'editor', 'contributor', 'reader', 'partner'] as const)
    cookies[role] = await signInAs(t.app, demo(role).email, demo(role).password);
  const found = await t.database.db
    .selectFrom('conventions')
    .innerJoin('partnerships', 'partnerships.id', 'conventions.partnership_id')
    .select(['conventions.id', 'conventions.partnership_id', 'partnerships.partner_organisation_id'])
    .where('conventions.title', '=', DEMO_CONVENTION.title)
    .executeTakeFirstOrThrow();
  convention = found.id;
  taliouinePartnership = found.partnership_id;
  taliouine = found.partner_organisation_id;
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, who: keyof typeof cookies) {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
  return { response, document: parseHtml(response.body) };
}

async function post(who: keyof typeof cookies, url: string, fields: Record<string, string>) {
  const token = await csrfFrom(t.app, '/gestion', cookies[who]);
  const response = await postForm(t.app, url, { token, cookie: cookies[who] }, fields);
  return { response, document: parseHtml(response.body) };
}

const errorBeside = (document: Document, field: string) => textOf(document.querySelector(`#${field}-error`));

/** A project with every kind of nested record, as the form sends it. */
function fullProject(): Record<string, string> {
  return {
    title: 'Adduction d’eau du douar Aït Saïd',
    partnership_id: taliouinePartnership,
    convention_id: convention,
    kind: 'sustainable_economy',
    status: '2',
    // Its payments are checked against the 1 % in utility-budgets.int.test.ts; here, the general basis.
    eapd_category: 'cooperation',
    description: 'Un réseau d’eau potable pour 40 foyers.',
    partner_language: 'ar',
    title_partner: 'تزويد دوار آيت سعيد بالماء الصالح للشرب',
    planned_start: '2026-01-01',
    planned_end: '2027-06-30',
    actual_start: '2026-03-02',
    sector_0: '14030',
    sector_percentage_0: '60',
    sector_1: '15150',
    sector_percentage_1: '40',
    country_0: 'MA',
    country_percentage_0: '100',
    participant_0: workspace.organisation_id!,
    participant_role_0: '1',
    participant_1: taliouine,
    participant_role_1: '4',
    location_0: taliouine,
    marker_gender: '1',
    marker_environment: '2',
    sdg_6: 'on',
    sdg_17: 'on',
    budget_kind_0: '1',
    budget_start_0: '2026-01-01',
    budget_end_0: '2026-12-31',
    budget_amount_0: '12 000',
    budget_currency_0: 'EUR',
    budget_kind_1: '1',
    budget_start_1: '2027-01-01',
    budget_end_1: '2027-06-30',
    budget_amount_1: '45 000,50',
    budget_currency_1: 'MAD',
  };
}

async function projectCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('a project with all its nested records, without JavaScript', () => {
  let projectUrl: string;

  it('is created from the form, and its page shows every row it was given', async () => {
    const form = await get(`/gestion/projets/nouveau?partenariat=${taliouinePartnership}`, 'editor');
    expect(form.response.statusCode).toBe(200);
    expect(form.document.querySelector<HTMLSelectElement>('#partnership_id option[selected]')?.value).toBe(
      taliouinePartnership,
    );
    pages.push(['a new project', form.response.body]);
    const created = await post('editor', '/gestion/projets', fullProject());
    expect(created.response.statusCode, errorsOf(created.document)).toBe(303);
    projectUrl = created.response.headers.location as string;
    const page = await get(projectUrl, 'editor');
    pages.push(['a project', page.response.body]);
    const value = (name: string) =>
      page.document.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value ??
      page.document.querySelector(`select[name="${name}"] option[selected]`)?.getAttribute('value');
    expect(value('sector_1')).toBe('15150');
    expect(value('sector_percentage_1')).toBe('40');
    expect(value('participant_role_1')).toBe('4');
    expect(value('location_0')).toBe(taliouine);
    expect(value('budget_amount_1')).toBe('45000,50');
    expect(value('budget_currency_1')).toBe('MAD');
    expect(page.document.querySelector<HTMLInputElement>('#sdg_6')?.hasAttribute('checked')).toBe(true);
    // The partner's language is shown right to left.
    const arabic = page.document.querySelector('.partner-text [lang="ar"]');
    expect(arabic?.getAttribute('dir')).toBe('rtl');
    // One spare row to add a sector without JavaScript.
    expect(page.document.querySelector('[name="sector_2"]')).not.toBeNull();
    // The partnership lists it.
    const partnership = await get(`/gestion/partenariats/${taliouinePartnership}`, 'editor');
    expect(textOf(partnership.document.querySelector('#projets-titre ~ ul')!)).toContain(
      'Adduction d’eau du douar Aït Saïd',
    );
  });

  it('refuses each rule beside its field, and writes nothing', async () => {
    const before = await projectCount();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ sector_percentage_1: '30' }, 'sector_percentage_0', text.errors.sectorsTotal('90')],
      [{ sector_1: '99999' }, 'sector_1', text.errors.sectorUnknown],
      [{ sector_1: '14030' }, 'sector_1', text.errors.sectorTwice],
      [
        { country_percentage_0: '50', country_1: 'SN', country_percentage_1: '40' },
        'country_percentage_0',
        text.errors.countriesTotal('90'),
      ],
      [{ budget_end_0: '2027-01-01' }, 'budget_end_0', text.errors.budgetTooLong],
      [{ budget_amount_0: '' }, 'budget_amount_0', text.errors.budgetIncomplete],
      // The test clock reads 26 November 2026.
      [{ actual_start: '2026-11-27' }, 'actual_start', text.errors.actualInFuture],
      [{ planned_end: '2025-12-31' }, 'planned_end', text.errors.endBeforeStart],
      [{ participant_role_1: '' }, 'participant_role_1', text.errors.roleRequired],
      [{ marker_gender: '3' }, 'marker_gender', text.errors.markerInvalid],
      [{ title: '' }, 'title', text.errors.titleRequired],
    ];
    for (const [change, field, message] of cases) {
      const refused = await post('editor', '/gestion/projets', { ...fullProject(), ...change });
      expect(refused.response.statusCode, field).toBe(400);
      expect(errorBeside(refused.document, field), field).toContain(plainText(message));
      // What was typed is still there.
      expect(refused.document.querySelector<HTMLInputElement>('[name="description"]')).not.toBeNull();
      expect(textOf(refused.document.querySelector('#description'))).toBe(fullProject().description);
    }
    const oulx = await t.database.db
      .selectFrom('partnerships')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('kind', '=', 'twinning')
      .executeTakeFirstOrThrow();
    const wrongConvention = await post('editor', '/gestion/projets', {
      ...fullProject(),
      partnership_id: oulx.id,
    });
    expect(wrongConvention.response.statusCode).toBe(400);
    expect(errorBeside(wrongConvention.document, 'convention_id')).toContain(
      plainText(text.errors.conventionNotOfPartnership),
    );
    pages.push(['a project refused', wrongConvention.response.body]);
    expect(await projectCount()).toBe(before);
  });

  it('keeps a readable history of its rows, and refuses a save made on an older version', async () => {
    const opened = await get(projectUrl, 'editor');
    const version = opened.document.querySelector<HTMLInputElement>('input[name="version"]')!.value;
    const saved = await post('editor', projectUrl, {
      ...fullProject(),
      sector_percentage_0: '70',
      sector_percentage_1: '30',
      version,
    });
    expect(saved.response.statusCode).toBe(303);
    const stale = await post('editor', projectUrl, { ...fullProject(), title: 'Autre titre', version });
    expect(stale.response.statusCode).toBe(409);
    const history = await get(`${projectUrl}/historique`, 'editor');
    expect(history.response.statusCode).toBe(200);
    pages.push(['the history of a project', history.response.body]);
    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('record_type', '=', 'project')
      .where('record_id', '=', projectUrl.split('/').pop()!)
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.action)).toEqual(['create', 'update']);
    const sectorsOf = (snapshot: unknown) =>
      (typeof snapshot === 'string' ? JSON.parse(snapshot) : snapshot).sectors;
    expect(sectorsOf(events[1]!.before)).toEqual([
      { code: '14030', percentage: 60 },
      { code: '15150', percentage: 40 },
    ]);
    expect(sectorsOf(events[1]!.after)).toEqual([
      { code: '14030', percentage: 70 },
      { code: '15150', percentage: 30 },
    ]);
  });

  it('records transactions: a future one is refused, one with no convention in force that day is flagged', async () => {
    const form = await get(`${projectUrl}/operations/nouvelle`, 'editor');
    expect(form.response.statusCode).toBe(200);
    pages.push(['a new transaction', form.response.body]);
    const future = await post('editor', `${projectUrl}/operations`, {
      type: '3',
      transaction_date: '2026-11-27',
      amount: '5 000',
      currency: 'EUR',
    });
    expect(future.response.statusCode).toBe(400);
    expect(errorBeside(future.document, 'transaction_date')).toContain(plainText(money.errors.inFuture));
    pages.push(['a transaction refused', future.response.body]);

    // The convention took effect on 1 April 2024: a payment in March 2024 had none in force.
    const early = await post('editor', `${projectUrl}/operations`, {
      type: '3',
      transaction_date: '15/03/2024',
      amount: '5 000',
      currency: 'EUR',
      provider_organisation_id: workspace.organisation_id!,
      receiver_organisation_id: taliouine,
    });
    expect(early.response.statusCode).toBe(303);
    const earlyPage = await get(early.response.headers.location as string, 'editor');
    expect(textOf(earlyPage.document.querySelector('.notice--warning'))).toContain('L1115-1');
    pages.push(['a transaction with its warning', earlyPage.response.body]);

    const inForce = await post('editor', `${projectUrl}/operations`, {
      type: '4',
      transaction_date: '2026-05-04',
      amount: '2 500,75',
      currency: 'MAD',
    });
    expect(inForce.response.statusCode).toBe(303);
    expect(
      (await get(inForce.response.headers.location as string, 'editor')).document.querySelector(
        '.notice--warning',
      ),
    ).toBeNull();

    const page = await get(projectUrl, 'editor');
    const rows = [...page.document.querySelectorAll('#tableau-operations ~ tbody tr, table tbody tr')].filter(
      (row) => row.closest('table')?.querySelector('#tableau-operations'),
    );
    expect(rows.map((row) => textOf(row.querySelector('.number')))).toEqual(['2 500,75 MAD', '5 000,00 €']);
  });

  it('goes to the trash with its transactions, in one deletion, and comes back with them', async () => {
    const id = projectUrl.split('/').pop()!;
    const transactions = await t.database.db
      .selectFrom('project_transactions')
      .select('id')
      .where('project_id', '=', id)
      .orderBy('transaction_date')
      .execute();
    expect(transactions).toHaveLength(2);
    const [lone, along] = [transactions[0]!.id, transactions[1]!.id];
    // One transaction goes to the trash on its own first.
    expect((await post('editor', `/gestion/operations/${lone}/supprimer`, {})).response.statusCode).toBe(303);

    const confirm = await get(`/gestion/projets/${id}/supprimer`, 'editor');
    expect(textOf(confirm.document.querySelector('main'))).toContain(plainText(text.deleteAlong(1, 0, 0)));
    pages.push(['a project deletion, with what goes along', confirm.response.body]);
    expect((await post('editor', `/gestion/projets/${id}/supprimer`, {})).response.statusCode).toBe(303);
    expect((await get(projectUrl, 'editor')).response.statusCode).toBe(404);
    const deletionOf = async (table: 'projects' | 'project_transactions', recordId: string) =>
      (
        await t.database.db
          .selectFrom(table)
          .select('deletion_id')
          .where('id', '=', recordId)
          .executeTakeFirstOrThrow()
      ).deletion_id;
    const projectDeletion = await deletionOf('projects', id);
    expect(projectDeletion).not.toBeNull();
    expect(await deletionOf('project_transactions', along)).toBe(projectDeletion);

    // The transaction trashed on its own does not come back while its project is in the trash.
    const loneDeletion = (await deletionOf('project_transactions', lone))!;
    const refused = await post('editor', `/gestion/corbeille/${loneDeletion}/restaurer`, {});
    expect(refused.response.statusCode).toBe(409);
    expect(textOf(refused.document.querySelector('main'))).toContain(
      plainText(messages.trash.errors.projectInTrash),
    );
    // The project comes back with what went with it, and only that.
    expect(
      (await post('editor', `/gestion/corbeille/${projectDeletion}/restaurer`, {})).response.statusCode,
    ).toBe(303);
    expect((await get(projectUrl, 'editor')).response.statusCode).toBe(200);
    expect(await deletionOf('project_transactions', along)).toBeNull();
    expect(await deletionOf('project_transactions', lone)).toBe(loneDeletion);
    expect(
      (await post('editor', `/gestion/corbeille/${loneDeletion}/restaurer`, {})).response.statusCode,
    ).toBe(303);
  });

  it('stays out of the trash while a mission serves it', async () => {
    const school = await t.database.db
      .selectFrom('projects')
      .select('id')
      .where('title', '=', DEMO_PROJECTS.school)
      .executeTakeFirstOrThrow();
    const refused = await post('editor', `/gestion/projets/${school.id}/supprimer`, {});
    expect(refused.response.statusCode).toBe(400);
    expect(textOf(refused.document.querySelector('.error-summary'))).toBe(
      plainText(text.errors.deleteRefusedMissions(1)),
    );
  });

  it('is valid HTML on every page of the way', async () => {
    for (const [label, html] of pages) await expectValidHtml(html, label);
  });
});

describe('what a partner and a reader may do with projects', () => {
  it('lets the partner read the shared partnership’s projects, in its language, and nothing else', async () => {
    const list = await get('/gestion/projets', 'partner');
    expect(list.response.statusCode).toBe(200);
    const titles = [...list.document.querySelectorAll('main table tbody a')].map((a) => textOf(a));
    expect(titles).toContain(DEMO_PROJECTS.school);
    const school = [...list.document.querySelectorAll('main table tbody a')].find(
      (a) => textOf(a) === DEMO_PROJECTS.school,
    )!;
    const page = await get(school.getAttribute('href')!, 'partner');
    expect(page.response.statusCode).toBe(200);
    expect(page.document.querySelector('form.form')).toBeNull();
    expect(page.document.querySelector('.partner-text [lang="ar"][dir="rtl"]')).not.toBeNull();
    expect(page.document.querySelectorAll('#tableau-operations').length).toBe(1);
    await expectValidHtml(page.response.body, 'a project read by the partner');
    // It changes nothing.
    expect((await post('partner', school.getAttribute('href')!, { title: 'x' })).response.statusCode).toBe(
      403,
    );
    expect((await get('/gestion/projets/nouveau', 'partner')).response.statusCode).toBe(403);
  });

  it('hides from the partner the projects of a partnership not shared with it', async () => {
    const oulx = await t.database.db
      .selectFrom('partnerships')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('kind', '=', 'twinning')
      .executeTakeFirstOrThrow();
    const created = await post('editor', '/gestion/projets', {
      title: 'Échanges sportifs avec Oulx',
      partnership_id: oulx.id,
      kind: 'friendship_twinning',
      status: '1',
      eapd_category: 'cooperation',
    });
    expect(created.response.statusCode).toBe(303);
    expect((await get(created.response.headers.location as string, 'partner')).response.statusCode).toBe(404);
    const titles = [...(await get('/gestion/projets', 'partner')).document.querySelectorAll('main a')].map(
      (a) => textOf(a),
    );
    expect(titles).not.toContain('Échanges sportifs avec Oulx');
    // A reader reads it, without a form.
    const read = await get(created.response.headers.location as string, 'reader');
    expect(read.response.statusCode).toBe(200);
    expect(read.document.querySelector('form.form')).toBeNull();
  });

  it('submits the demo project’s own form unchanged without a refusal', async () => {
    const list = await get('/gestion/projets', 'editor');
    const href = [...list.document.querySelectorAll('main table tbody a')]
      .find((a) => textOf(a) === DEMO_PROJECTS.saffron)!
      .getAttribute('href')!;
    const response = await submitForm(t.app, href, cookies.editor, {});
    expect(response.statusCode, errorsOf(parseHtml(response.body))).toBe(303);
  });
});

describe('changes a contributor proposes, reviewed by an editor', () => {
  it('keeps them aside until an editor applies them, or sends them back with a comment', async () => {
    const culture = await t.database.db
      .selectFrom('projects')
      .select(['id', 'title'])
      .where('title', '=', DEMO_PROJECTS.culture)
      .executeTakeFirstOrThrow();
    const url = `/gestion/projets/${culture.id}`;
    const renamed = 'Échanges culturels et musicaux Écrins – Taliouine';
    const proposed = await submitForm(t.app, url, cookies.contributor, {
      title: renamed,
      sector_percentage_0: '100',
    });
    expect(proposed.statusCode, errorsOf(parseHtml(proposed.body))).toBe(303);
    const title = async () =>
      (
        await t.database.db
          .selectFrom('projects')
          .select('title')
          .where('id', '=', culture.id)
          .executeTakeFirstOrThrow()
      ).title;
    // Nothing changed yet; the contributor's form goes on from the proposal.
    expect(await title()).toBe(DEMO_PROJECTS.culture);
    const forContributor = await get(url, 'contributor');
    expect(forContributor.document.querySelector<HTMLInputElement>('#title')?.value).toBe(renamed);
    pages.push(['a project with changes proposed, for their author', forContributor.response.body]);

    // The editor sees it on the dashboard and on the project, with what it changes.
    const dashboard = await get('/gestion', 'editor');
    expect(textOf(dashboard.document.querySelector('#projets-a-relire ~ ul'))).toContain(
      DEMO_PROJECTS.culture,
    );
    const forEditor = await get(url, 'editor');
    const notice = forEditor.document.querySelector('[aria-labelledby="relecture"]');
    expect([...(notice?.querySelectorAll('li') ?? [])].map((li) => textOf(li))).toEqual([
      plainText(text.fields.title),
    ]);
    pages.push(['a project with changes to review', forEditor.response.body]);

    const noComment = await post('editor', `${url}/renvoyer`, { comment: '' });
    expect(noComment.response.statusCode).toBe(400);
    expect(textOf(noComment.document.querySelector('#comment-error'))).toContain(
      plainText(messages.review.commentRequired),
    );
    expect(
      (await post('editor', `${url}/renvoyer`, { comment: 'Gardez « culturels », retirez « musicaux ».' }))
        .response.statusCode,
    ).toBe(303);
    expect(
      textOf((await get(url, 'contributor')).document.querySelector('[aria-labelledby="relecture"]')),
    ).toContain('retirez « musicaux »');

    // Proposed again, then applied; an apply over a newer version is refused.
    const again = await submitForm(t.app, url, cookies.contributor, {
      title: 'Échanges culturels des Écrins et de Taliouine',
    });
    expect(again.statusCode).toBe(303);
    const opened = (await get(url, 'editor')).document.querySelector<HTMLInputElement>(
      '[action$="/appliquer"] [name="version"]',
    )!.value;
    expect(
      (await post('editor', `${url}/appliquer`, { version: String(Number(opened) - 1) })).response.statusCode,
    ).toBe(409);
    expect((await post('editor', `${url}/appliquer`, { version: opened })).response.statusCode).toBe(303);
    expect(await title()).toBe('Échanges culturels des Écrins et de Taliouine');
    expect((await get(url, 'editor')).document.querySelector('[aria-labelledby="relecture"]')).toBeNull();
    const actions = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_id', '=', culture.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'propose_changes',
      'return_changes',
      'propose_changes',
      'apply_changes',
    ]);
    // A contributor does not apply.
    expect((await post('contributor', `${url}/appliquer`, { version: opened })).response.statusCode).toBe(
      403,
    );
    for (const [label, html] of pages.slice(-2)) await expectValidHtml(html, label);
  });
});

function errorsOf(document: Document): string {
  return [...document.querySelectorAll('.field__error')].map((node) => textOf(node)).join(' | ');
}
