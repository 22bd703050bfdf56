import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { changeSides, parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, mergeCookies, postForm, signInAs } from '../../../test/helpers/session.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';

let t: TestApp;
const cookies: Record<string, string> = {};
let sectionId: string;

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['admin', 'editor', 'contributor', 'reader', 'partner']) {
    cookies[role] = await signInAs(t.app, account(role).email, account(role).password);
  }
  const section = await t.database.db
    .selectFrom('pages')
    .select('id')
    .where('slug', '=', 'tout-savoir-sur-la-communaute-de-communes')
    .executeTakeFirstOrThrow();
  sectionId = section.id;
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, cookie?: string, app: FastifyInstance = t.app) {
  const response = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return { response, document: parseHtml(response.body) };
}

/** The version an edit form was opened on, as a browser would send it back. */
async function openedVersion(formUrl: string, cookie: string): Promise<string | undefined> {
  const form = await get(formUrl, cookie);
  return form.document.querySelector('input[name="version"]')?.getAttribute('value') ?? undefined;
}

async function post(role: string, formUrl: string, action: string, fields: Record<string, string>) {
  const cookie = cookies[role]!;
  const token = await csrfFrom(t.app, formUrl, cookie);
  const version =
    action === formUrl && !('version' in fields) ? await openedVersion(formUrl, cookie) : undefined;
  return postForm(t.app, action, { token, cookie }, version ? { ...fields, version } : fields);
}

const pageFields = (overrides: Record<string, string> = {}) => ({
  title: 'Les missions à Taliouine',
  slug: '',
  parent_id: sectionId,
  position: '5',
  summary: 'Les délégations échangées.',
  body_markdown: '## Nos missions\n\nUne délégation est partie en **mars**.',
  contact_card_id: '',
  ...overrides,
});

async function createPage(role: string, overrides: Record<string, string> = {}) {
  const response = await post(role, '/gestion/pages/nouvelle', '/gestion/pages', pageFields(overrides));
  expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
  return response.headers.location!.split('/').pop()!;
}

describe('pages in the back office', () => {
  it('lets an editor create a draft, which the public site does not show', async () => {
    const id = await createPage('editor', { title: 'Brouillon invisible' });
    const edit = await get(`/gestion/pages/${id}`, cookies.editor);
    expect(edit.response.statusCode).toBe(200);
    expect(textOf(edit.document.querySelector('.status-tag'))).toBe('Brouillon');
    const publicPage = await get('/tout-savoir-sur-la-communaute-de-communes/brouillon-invisible');
    expect(publicPage.response.statusCode).toBe(404);
  });

  it('publishes, keeps changes to a published page until they are published, unpublishes', async () => {
    const id = await createPage('editor', { title: 'Échanges scolaires' });
    const url = '/tout-savoir-sur-la-communaute-de-communes/echanges-scolaires';
    expect(
      (await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/publier`, {})).statusCode,
    ).toBe(303);
    const published = await get(url);
    expect(published.response.statusCode).toBe(200);
    expect(textOf(published.document.querySelector('h1'))).toBe('Échanges scolaires');
    expect(textOf(published.document.querySelector('#sous-menu'))).toContain('Échanges scolaires');

    // Saved changes to a published page wait: the public page keeps its text until they are published.
    const edit = await post(
      'editor',
      `/gestion/pages/${id}`,
      `/gestion/pages/${id}`,
      pageFields({
        title: 'Échanges scolaires',
        slug: 'echanges-scolaires',
        body_markdown: 'Texte **revu** <script>alert(1)</script>',
      }),
    );
    expect(edit.statusCode).toBe(303);
    expect((await get(url)).response.body).not.toContain('<strong>revu</strong>');
    const form = await get(`/gestion/pages/${id}`, cookies.editor);
    expect(form.document.querySelector('textarea[name="body_markdown"]')?.textContent).toContain('**revu**');
    expect(textOf(form.document.getElementById('modifications-en-attente'))).toBe(
      'Modifications non publiées',
    );
    const preview = await get(`/gestion/pages/${id}/apercu`, cookies.editor);
    expect(preview.response.body).toContain('<strong>revu</strong>');
    expect(
      (
        await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/publier-modifications`, {
          version: (await openedVersion(`/gestion/pages/${id}`, cookies.editor!))!,
        })
      ).statusCode,
    ).toBe(303);
    const edited = await get(url);
    expect(edited.response.body).toContain('<strong>revu</strong>');
    expect(edited.response.body).not.toContain('<script>alert(1)');

    // "Enregistrer et publier": in one step.
    const direct = await post(
      'editor',
      `/gestion/pages/${id}`,
      `/gestion/pages/${id}`,
      pageFields({
        title: 'Échanges scolaires',
        slug: 'echanges-scolaires',
        body_markdown: 'Texte *final*',
        intention: 'publier',
      }),
    );
    expect(direct.statusCode).toBe(303);
    expect((await get(url)).response.body).toContain('<em>final</em>');

    await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/depublier`, {});
    expect((await get(url)).response.statusCode).toBe(404);
  });

  it('refuses a save over a newer version, shows what changed and keeps what was typed', async () => {
    const id = await createPage('editor', { title: 'Accueil des délégations' });
    const formUrl = `/gestion/pages/${id}`;
    // Both open the form, so both hold the same version.
    const openedByAdmin = await openedVersion(formUrl, cookies.admin!);
    const openedByEditor = await openedVersion(formUrl, cookies.editor!);
    expect(openedByAdmin).toBe('1');
    expect(openedByEditor).toBe('1');

    const first = await post('admin', formUrl, formUrl, {
      ...pageFields({ title: 'Accueil des délégations marocaines' }),
      version: openedByAdmin!,
    });
    expect(first.statusCode).toBe(303);

    const typed = 'Le texte que l’agente a écrit pendant ce temps.';
    const second = await post('editor', formUrl, formUrl, {
      ...pageFields({ title: 'Accueil des délégations', body_markdown: typed }),
      version: openedByEditor!,
    });
    expect(second.statusCode).toBe(409);
    const document = parseHtml(second.body);
    const notice = document.querySelector('[aria-labelledby="conflict-title"]');
    expect(textOf(notice?.querySelector('h2'))).toBe(messages.versions.conflictTitle);
    expect(textOf(notice)).toContain(account('admin').name);
    // The title changed meanwhile, and the address made from it: listed with their values then
    // and now. The body did not.
    const changed = [...(notice?.querySelectorAll('dt') ?? [])].map((dt) => textOf(dt));
    expect(changed).toEqual([messages.pages.fields.title, messages.pages.fields.slug]);
    expect(textOf(notice)).toContain('Accueil des délégations marocaines');
    // What the editor typed is still in the form, which now carries the current version.
    expect(document.querySelector('textarea[name="body_markdown"]')?.textContent).toBe(typed);
    expect(document.querySelector('input[name="version"]')?.getAttribute('value')).toBe('2');
    expect(textOf(document.querySelector('title'))).toMatch(/^Erreur/);

    // Nothing of the refused save was written.
    const stored = await t.database.db
      .selectFrom('pages')
      .select(['title', 'body_markdown', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      title: 'Accueil des délégations marocaines',
      body_markdown: pageFields().body_markdown,
      version: 2,
    });

    // Saving the form as shown again is a deliberate choice: it replaces the version described.
    const again = await post('editor', formUrl, formUrl, {
      ...pageFields({ title: 'Accueil des délégations', body_markdown: typed }),
      version: '2',
    });
    expect(again.statusCode).toBe(303);
    const saved = await t.database.db
      .selectFrom('pages')
      .select(['body_markdown', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ body_markdown: typed, version: 3 });
  });

  it('refuses an edit sent without the version its form was opened on, changing nothing', async () => {
    const id = await createPage('editor', { title: 'Sans version' });
    const formUrl = `/gestion/pages/${id}`;
    const cookie = cookies.editor!;
    const token = await csrfFrom(t.app, formUrl, cookie);
    const response = await postForm(t.app, formUrl, { token, cookie }, pageFields({ title: 'Écrasée' }));
    expect(response.statusCode).toBe(409);
    const stored = await t.database.db
      .selectFrom('pages')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.title).toBe('Sans version');
  });

  it('restores an earlier version from the history, as a new change the history keeps', async () => {
    const id = await createPage('editor', { title: 'Le jumelage scolaire', body_markdown: 'Premier texte.' });
    const formUrl = `/gestion/pages/${id}`;
    expect(
      (
        await post(
          'editor',
          formUrl,
          formUrl,
          pageFields({
            title: 'Le jumelage scolaire',
            slug: 'le-jumelage-scolaire',
            body_markdown: 'Deuxième texte.',
          }),
        )
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await post(
          'editor',
          formUrl,
          formUrl,
          pageFields({
            title: 'Le jumelage des écoles',
            slug: 'le-jumelage-scolaire',
            body_markdown: 'Troisième texte.',
          }),
        )
      ).statusCode,
    ).toBe(303);

    const history = await get(`${formUrl}/historique`, cookies.editor);
    const buttons = [...history.document.querySelectorAll('form[action$="/retablir"]')];
    // Every version but the latest (the page as it is) may be restored; a page made in the back
    // office has its creation in the trail, so no "version before" is offered.
    expect(buttons).toHaveLength(2);
    expect(history.document.querySelectorAll('form[action$="/retablir-avant"]')).toHaveLength(0);
    const creation = buttons.at(-1)!.getAttribute('action')!;
    const restored = await post('editor', `${formUrl}/historique`, creation, {});
    expect(restored.statusCode).toBe(303);
    const stored = await t.database.db
      .selectFrom('pages')
      .select(['title', 'body_markdown', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: 'Le jumelage scolaire', body_markdown: 'Premier texte.', version: 4 });
    const after = await get(`${formUrl}/historique`, cookies.editor);
    const latest = after.document.querySelector('tbody tr');
    expect(textOf(latest?.querySelector('td:nth-child(3)'))).toBe(messages.history.actions.restore_version);
    const body = [...(latest?.querySelectorAll('dt') ?? [])].find(
      (dt) => textOf(dt) === messages.history.fields.body_markdown,
    );
    expect(changeSides(body?.nextElementSibling)).toEqual({
      before: 'Troisième texte.',
      after: 'Premier texte.',
    });

    // The version that is the page now: nothing to record.
    const again = await post('editor', `${formUrl}/historique`, creation, {});
    expect(again.statusCode).toBe(303);
    const page = await get(formUrl, mergeCookies(cookies.editor!, again));
    expect(textOf(page.document.querySelector('[role="status"]'))).toBe(
      plainText(messages.pages.versionAlreadyCurrent),
    );
  });

  it('shows a version it cannot restore in the form, with the reason beside the field', async () => {
    const id = await createPage('editor', { title: 'Les échanges sportifs' });
    const formUrl = `/gestion/pages/${id}`;
    expect(
      (await post('editor', formUrl, formUrl, pageFields({ title: 'Les rencontres sportives' }))).statusCode,
    ).toBe(303);
    // Meanwhile another page took the first version's address.
    await createPage('editor', { title: 'Les échanges sportifs' });
    const history = await get(`${formUrl}/historique`, cookies.editor);
    const creation = [...history.document.querySelectorAll('form[action*="/retablir"]')]
      .at(-1)!
      .getAttribute('action')!;
    const refused = await post('editor', `${formUrl}/historique`, creation, {});
    expect(refused.statusCode).toBe(400);
    const document = parseHtml(refused.body);
    expect(document.querySelector('input[name="title"]')?.getAttribute('value')).toBe(
      'Les échanges sportifs',
    );
    expect(textOf(document.querySelector('#slug-error'))).toContain(
      plainText(messages.pages.errors.slugTaken),
    );
    const stored = await t.database.db
      .selectFrom('pages')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.title).toBe('Les rencontres sportives');
  });

  it('lets no one restore a version of a page they may not edit', async () => {
    const id = await createPage('editor', { title: 'Une page publiée à restaurer' });
    const formUrl = `/gestion/pages/${id}`;
    expect(
      (await post('editor', formUrl, formUrl, pageFields({ title: 'Une page publiée, revue' }))).statusCode,
    ).toBe(303);
    expect((await post('editor', formUrl, `${formUrl}/publier`, {})).statusCode).toBe(303);
    const history = await get(`${formUrl}/historique`, cookies.editor);
    const creation = [...history.document.querySelectorAll('form[action*="/retablir"]')]
      .at(-1)!
      .getAttribute('action')!;
    // A reader sees no button, and is refused if they post anyway.
    const seen = await get(`${formUrl}/historique`, cookies.reader);
    expect(seen.document.querySelectorAll('form[action*="/retablir"]')).toHaveLength(0);
    expect((await post('reader', '/gestion', creation, {})).statusCode).toBe(403);
    // A contributor's restore of a published page waits among its unpublished changes.
    expect((await post('contributor', `${formUrl}/historique`, creation, {})).statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('pages')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe('Une page publiée, revue');
    const form = await get(formUrl, cookies.contributor);
    expect(form.document.querySelector('input[name="title"]')?.getAttribute('value')).toBe(
      'Une page publiée à restaurer',
    );
    // A version of another page is not found under this one.
    const other = await createPage('editor', { title: 'Une autre page' });
    expect((await post('editor', `${formUrl}/historique`, creation.replace(id, other), {})).statusCode).toBe(
      404,
    );
  });

  it('unpublishes a page with its published sub-pages once confirmed, never leaving them unreachable', async () => {
    const parent = await createPage('editor', { title: 'Les jumelages', slug: 'les-jumelages' });
    const child = await createPage('editor', {
      title: 'Le jumelage avec Taliouine',
      slug: 'taliouine',
      parent_id: parent,
    });
    for (const id of [parent, child])
      expect(
        (await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/publier`, {})).statusCode,
      ).toBe(303);
    const parentUrl = '/tout-savoir-sur-la-communaute-de-communes/les-jumelages';
    expect((await get(`${parentUrl}/taliouine`)).response.statusCode).toBe(200);

    // The button asks first, naming the sub-page that goes along.
    const asked = await post('editor', `/gestion/pages/${parent}`, `/gestion/pages/${parent}/depublier`, {});
    expect(asked.statusCode).toBe(200);
    const question = parseHtml(asked.body);
    expect(textOf(question.querySelector('h1'))).toBe(
      plainText(messages.pages.unpublishTitle('Les jumelages')),
    );
    expect(textOf(question.querySelector('main ul'))).toBe('Le jumelage avec Taliouine');
    expect((await get(`${parentUrl}/taliouine`)).response.statusCode).toBe(200);

    const confirmed = await post(
      'editor',
      `/gestion/pages/${parent}/depublier`,
      `/gestion/pages/${parent}/depublier`,
      {
        confirmer: 'oui',
      },
    );
    expect(confirmed.statusCode).toBe(303);
    const statuses = await t.database.db
      .selectFrom('pages')
      .select('status')
      .where('id', 'in', [parent, child])
      .execute();
    expect(statuses.map((row) => row.status)).toEqual(['draft', 'draft']);
    expect((await get(parentUrl)).response.statusCode).toBe(404);
    expect((await get(`${parentUrl}/taliouine`)).response.statusCode).toBe(404);
  });

  it('refuses to unpublish a page a published page links to, listing that page', async () => {
    const target = await createPage('editor', {
      title: 'La convention signée',
      slug: 'la-convention-signee',
    });
    const linking = await createPage('editor', {
      title: 'Les étapes du partenariat',
      body_markdown: 'Voir [la convention](/tout-savoir-sur-la-communaute-de-communes/la-convention-signee).',
    });
    // A draft's link does not count: no visitor follows it.
    for (const id of [target])
      expect(
        (await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/publier`, {})).statusCode,
      ).toBe(303);
    expect(
      (await post('editor', `/gestion/pages/${target}`, `/gestion/pages/${target}/depublier`, {})).statusCode,
    ).toBe(303);
    expect(
      (await post('editor', `/gestion/pages/${target}`, `/gestion/pages/${target}/publier`, {})).statusCode,
    ).toBe(303);

    expect(
      (await post('editor', `/gestion/pages/${linking}`, `/gestion/pages/${linking}/publier`, {})).statusCode,
    ).toBe(303);
    const refused = await post('editor', `/gestion/pages/${target}`, `/gestion/pages/${target}/depublier`, {
      confirmer: 'oui',
    });
    expect(refused.statusCode).toBe(409);
    const document = parseHtml(refused.body);
    expect(textOf(document.querySelector('[role="alert"]'))).toContain('Les étapes du partenariat');
    expect(document.querySelector(`[role="alert"] a[href="/gestion/pages/${linking}"]`)).not.toBeNull();
    const stored = await t.database.db
      .selectFrom('pages')
      .select('status')
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('published');
    // The same page, asked before acting.
    const asked = await get(`/gestion/pages/${target}/depublier`, cookies.editor);
    expect(asked.response.statusCode).toBe(200);
    expect(asked.document.querySelector('main form[action$="/depublier"]')).toBeNull();
  });

  it('publishes a draft by the job queue at the Paris time it was scheduled for, not a minute before', async () => {
    const id = await createPage('editor', { title: 'Le marché solidaire', slug: 'le-marche-solidaire' });
    const url = '/tout-savoir-sur-la-communaute-de-communes/le-marche-solidaire';
    // The test clock is at 26 November 2026, 11 h 00 in Paris: scheduled for the next day, 8 h 00.
    const scheduled = await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/programmer`, {
      publish_date: '2026-11-27',
      publish_time: '08:00',
    });
    expect(scheduled.statusCode).toBe(303);
    const form = await get(`/gestion/pages/${id}`, mergeCookies(cookies.editor!, scheduled));
    expect(textOf(form.document.querySelector('[role="status"]'))).toBe(
      plainText(messages.pages.scheduledFor('27 novembre 2026 à 8\u00a0h\u00a000')),
    );
    expect(textOf(form.document.querySelector('section[aria-labelledby="programmation"]'))).toContain(
      '27 novembre 2026',
    );
    await expectValidHtml(form.response.body, 'page form with its publication scheduled');

    try {
      t.clock.set(new Date('2026-11-27T06:59:00Z')); // 7 h 59 in Paris
      await t.app.jobs.runner.runDue();
      expect((await get(url)).response.statusCode).toBe(404);
      t.clock.set(new Date('2026-11-27T07:00:00Z')); // 8 h 00
      expect(await t.app.jobs.runner.runDue()).toBeGreaterThanOrEqual(1);
      expect((await get(url)).response.statusCode).toBe(200);
    } finally {
      // Sessions would have lapsed a day later: the other tests go on at the usual time.
      t.clock.set(new Date('2026-11-26T10:00:00Z'));
    }
    const history = await get(`/gestion/pages/${id}/historique`, cookies.editor);
    const latest = history.document.querySelector('tbody tr');
    expect(textOf(latest?.querySelector('td:nth-child(3)'))).toBe(messages.history.actions.scheduled_publish);
    expect(textOf(latest?.querySelector('td:nth-child(2)'))).toBe(account('editor').name);
  });

  it('refuses a schedule in the past or unreadable, beside its field, and cancels one on demand', async () => {
    const id = await createPage('editor', { title: 'La fête des jumelages' });
    const unreadable = await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/programmer`, {
      publish_date: '27/11/2026',
      publish_time: '8h',
    });
    expect(unreadable.statusCode).toBe(400);
    const document = parseHtml(unreadable.body);
    expect(textOf(document.querySelector('#publish_date-error'))).toContain(
      plainText(messages.pages.errors.scheduleDateInvalid),
    );
    expect(textOf(document.querySelector('#publish_time-error'))).toContain(
      plainText(messages.pages.errors.scheduleTimeInvalid),
    );
    expect(document.querySelector('#publish_date')?.getAttribute('value')).toBe('27/11/2026');
    await expectValidHtml(unreadable.body, 'page form with a schedule refused');
    const past = await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/programmer`, {
      publish_date: '2026-11-26',
      publish_time: '10:59',
    });
    expect(past.statusCode).toBe(400);
    expect(textOf(parseHtml(past.body).querySelector('#publish_date-error'))).toContain(
      plainText(messages.pages.errors.schedulePast),
    );

    expect(
      (
        await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/programmer`, {
          publish_date: '2026-12-01',
          publish_time: '09:30',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/deprogrammer`, {})).statusCode,
    ).toBe(303);
    try {
      t.clock.set(new Date('2026-12-02T00:00:00Z'));
      await t.app.jobs.runner.runDue();
    } finally {
      t.clock.set(new Date('2026-11-26T10:00:00Z'));
    }
    const stored = await t.database.db
      .selectFrom('pages')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('draft');
    // A contributor may not schedule: publishing is not theirs.
    expect(
      (
        await post('contributor', `/gestion/pages/${id}`, `/gestion/pages/${id}/programmer`, {
          publish_date: '2026-12-01',
          publish_time: '09:30',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('previews a draft as the public would see it, to whoever may read it, never cached', async () => {
    const id = await createPage('contributor', {
      title: 'La semaine marocaine',
      slug: 'la-semaine-marocaine',
      summary: 'Une semaine d’échanges.',
      body_markdown: 'Au programme : **musique** et cuisine.',
    });
    const preview = await get(`/gestion/pages/${id}/apercu`, cookies.reader);
    expect(preview.response.statusCode).toBe(200);
    const document = preview.document;
    expect(textOf(document.querySelector('h1'))).toBe('La semaine marocaine');
    expect(document.querySelector('main strong')?.textContent).toBe('musique');
    expect(textOf(document.querySelector('.preview-banner'))).toContain(
      plainText(messages.pages.previewDraft),
    );
    expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(document.querySelector('link[rel="canonical"]')).toBeNull();
    // Placed under its parent, as it will be once published.
    expect(textOf(document.querySelector('.breadcrumb'))).toContain(
      'Tout savoir sur la Communauté de Communes',
    );
    expect(preview.response.headers['cache-control']).toContain('no-store');
    expect(preview.response.headers['x-cache']).toBeUndefined();
    await expectValidHtml(preview.response.body, 'preview of a draft');
    // The public still gets a 404, and a visitor cannot reach the preview.
    expect(
      (await get('/tout-savoir-sur-la-communaute-de-communes/la-semaine-marocaine')).response.statusCode,
    ).toBe(404);
    const visitor = await get(`/gestion/pages/${id}/apercu`);
    expect(visitor.response.statusCode).toBe(303);
    expect(visitor.response.headers.location).toMatch(/^\/connexion/);
  });

  it('finds a published page in the public search', async () => {
    const id = await createPage('editor', {
      title: 'Jumelage des bibliothèques',
      body_markdown: 'Des livres partagés.',
    });
    await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/publier`, {});
    const search = await get('/recherche?q=bibliotheque');
    expect(textOf(search.document.querySelector('.search-results'))).toContain('Jumelage des bibliothèques');
  });

  it('moves a page under another parent, which changes its address', async () => {
    const id = await createPage('editor', { title: 'Page mobile' });
    await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/publier`, {});
    const target = await t.database.db
      .selectFrom('pages')
      .select('id')
      .where('slug', '=', 'vivre-au-pays-des-ecrins')
      .executeTakeFirstOrThrow();
    const moved = await post(
      'editor',
      `/gestion/pages/${id}`,
      `/gestion/pages/${id}`,
      pageFields({ title: 'Page mobile', slug: 'page-mobile', parent_id: target.id, intention: 'publier' }),
    );
    expect(moved.statusCode).toBe(303);
    expect((await get('/vivre-au-pays-des-ecrins/page-mobile')).response.statusCode).toBe(200);
    expect((await get('/tout-savoir-sur-la-communaute-de-communes/page-mobile')).response.statusCode).toBe(
      404,
    );
    const history = await get(`/gestion/pages/${id}/historique`, cookies.reader);
    expect(textOf(history.document.querySelector('main'))).toContain('Déplacement');
  });

  it('refuses to put a page under its own sub-page', async () => {
    const parent = await createPage('editor', { title: 'Parent cyclique' });
    const child = await createPage('editor', { title: 'Enfant cyclique', parent_id: parent });
    const response = await post(
      'editor',
      `/gestion/pages/${parent}`,
      `/gestion/pages/${parent}`,
      pageFields({ title: 'Parent cyclique', parent_id: child }),
    );
    expect(response.statusCode).toBe(400);
    const document = parseHtml(response.body);
    expect(textOf(document.getElementById('parent_id-error'))).toContain('sous elle-même');
  });

  it('keeps what was typed and shows each message beside its field', async () => {
    const response = await post(
      'editor',
      '/gestion/pages/nouvelle',
      '/gestion/pages',
      pageFields({ title: '', position: 'douze', summary: 'x'.repeat(501) }),
    );
    expect(response.statusCode).toBe(400);
    const document = parseHtml(response.body);
    expect([...document.querySelectorAll('.error-summary a')].map((a) => a.getAttribute('href'))).toEqual([
      '#title',
      '#position',
      '#summary',
    ]);
    expect(textOf(document.getElementById('title-error'))).toContain('Saisissez le titre de la page');
    expect(document.getElementById('position')?.getAttribute('value')).toBe('douze');
    expect(document.getElementById('body_markdown')?.textContent).toContain('Une délégation est partie');
  });

  it('refuses an address the site reserves, or one already taken', async () => {
    const root = await t.database.db
      .selectFrom('pages')
      .select('id')
      .where('parent_id', 'is', null)
      .where('slug', '=', '')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    const reserved = await post(
      'editor',
      '/gestion/pages/nouvelle',
      '/gestion/pages',
      pageFields({ title: 'Recherche', slug: 'recherche', parent_id: root.id }),
    );
    expect(reserved.statusCode).toBe(400);
    expect(textOf(parseHtml(reserved.body).getElementById('slug-error'))).toContain('réservée');
    const taken = await post(
      'editor',
      '/gestion/pages/nouvelle',
      '/gestion/pages',
      pageFields({ title: 'Le territoire', slug: 'le-territoire' }),
    );
    expect(taken.statusCode).toBe(400);
    expect(textOf(parseHtml(taken.body).getElementById('slug-error'))).toContain('déjà cette adresse');
  });

  it('refuses a figure code naming no image', async () => {
    const response = await post(
      'editor',
      '/gestion/pages/nouvelle',
      '/gestion/pages',
      pageFields({ body_markdown: '{{figure:inconnue}}' }),
    );
    expect(response.statusCode).toBe(400);
    expect(textOf(parseHtml(response.body).getElementById('body_markdown-error'))).toContain('« inconnue »');
  });
});

describe('deleting and restoring', () => {
  it('takes a page with its sub-pages to the trash, and brings them back whole', async () => {
    const parent = await createPage('editor', { title: 'Section à supprimer' });
    const child = await createPage('editor', { title: 'Sous-page à supprimer', parent_id: parent });
    for (const id of [parent, child])
      await post('editor', `/gestion/pages/${id}`, `/gestion/pages/${id}/publier`, {});
    const childUrl = '/tout-savoir-sur-la-communaute-de-communes/section-a-supprimer/sous-page-a-supprimer';
    expect((await get(childUrl)).response.statusCode).toBe(200);

    const confirm = await get(`/gestion/pages/${parent}/supprimer`, cookies.editor);
    expect(textOf(confirm.document.querySelector('main'))).toContain('Sous-page à supprimer');
    const deleted = await post(
      'editor',
      `/gestion/pages/${parent}/supprimer`,
      `/gestion/pages/${parent}/supprimer`,
      {},
    );
    expect(deleted.statusCode).toBe(303);
    expect((await get(childUrl)).response.statusCode).toBe(404);
    expect((await get(`/gestion/pages/${child}`, cookies.editor)).response.statusCode).toBe(404);

    const trash = await get('/gestion/corbeille', cookies.editor);
    const row = [...trash.document.querySelectorAll('tbody tr')].find((tr) =>
      textOf(tr).includes('Section à supprimer'),
    );
    expect(textOf(row)).toContain('avec 1 sous-page');
    const action = row!.querySelector('form')!.getAttribute('action')!;
    const restored = await post('editor', '/gestion/corbeille', action, {});
    expect(restored.statusCode).toBe(303);

    const back = await get(childUrl);
    expect(back.response.statusCode).toBe(200);
    expect(textOf(back.document.querySelector('h1'))).toBe('Sous-page à supprimer');
    const history = await get(`/gestion/pages/${child}/historique`, cookies.editor);
    const text = textOf(history.document.querySelector('tbody'));
    expect(text).toContain('Restauration');
    expect(text).toContain('Mise à la corbeille');
    expect(text).toContain(account('editor').name);
  });

  it('refuses to delete a page other pages link to, and lists them', async () => {
    const target = await createPage('editor', { title: 'Cible des liens' });
    await post('editor', `/gestion/pages/${target}`, `/gestion/pages/${target}/publier`, {});
    const linking = await createPage('editor', {
      title: 'Page qui renvoie',
      body_markdown: 'Voir [la cible](/tout-savoir-sur-la-communaute-de-communes/cible-des-liens).',
    });
    const confirm = await get(`/gestion/pages/${target}/supprimer`, cookies.editor);
    expect(textOf(confirm.document.querySelector('main'))).toContain('Page qui renvoie');
    expect(confirm.document.querySelector(`main a[href="/gestion/pages/${linking}"]`)).not.toBeNull();
    const refused = await post(
      'editor',
      `/gestion/pages/${target}`,
      `/gestion/pages/${target}/supprimer`,
      {},
    );
    expect(refused.statusCode).toBe(400);
    expect(
      (await get('/tout-savoir-sur-la-communaute-de-communes/cible-des-liens')).response.statusCode,
    ).toBe(200);
  });

  it('never deletes the home page', async () => {
    const root = await t.database.db
      .selectFrom('pages')
      .select('id')
      .where('parent_id', 'is', null)
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    const response = await post(
      'admin',
      `/gestion/pages/${root.id}`,
      `/gestion/pages/${root.id}/supprimer`,
      {},
    );
    expect(response.statusCode).toBe(400);
    expect((await get('/')).response.statusCode).toBe(200);
  });

  it('lets only the admin empty the trash, for good', async () => {
    const id = await createPage('editor', { title: 'Page à purger' });
    await post('editor', `/gestion/pages/${id}/supprimer`, `/gestion/pages/${id}/supprimer`, {});
    expect((await post('editor', '/gestion/corbeille', '/gestion/corbeille/vider', {})).statusCode).toBe(403);
    expect((await post('admin', '/gestion/corbeille', '/gestion/corbeille/vider', {})).statusCode).toBe(303);
    const row = await t.database.db.selectFrom('pages').select('id').where('id', '=', id).executeTakeFirst();
    expect(row).toBeUndefined();
    const history = await get(`/gestion/pages/${id}/historique`, cookies.admin);
    expect(textOf(history.document.querySelector('tbody'))).toContain('Suppression définitive');
  });
});

/** The restore form's address of the trash row showing this title. */
async function trashRestoreAction(title: string): Promise<string> {
  const trash = await get('/gestion/corbeille', cookies.editor);
  const row = [...trash.document.querySelectorAll('tbody tr')].find((tr) => textOf(tr).includes(title));
  expect(row, title).toBeDefined();
  return row!.querySelector('form')!.getAttribute('action')!;
}

async function isLive(table: 'pages' | 'contact_cards', id: string): Promise<boolean> {
  const row = await t.database.db
    .selectFrom(table)
    .select('deleted_at')
    .where('id', '=', id)
    .executeTakeFirst();
  return !!row && row.deleted_at === null;
}

describe('restoring a page whose contact card is in the trash', () => {
  it('is refused, naming the page and the card, until the card comes back first', async () => {
    const serviceName = `Service des jumelages ${Date.now()}`;
    const created = await post('editor', '/gestion/contacts/nouvelle', '/gestion/contacts', {
      service_name: serviceName,
      person_name: '',
      organisation_name: '',
      phone: '',
      email: '',
      address: '',
      position: '1',
    });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    const cardId = created.headers.location!.split('/').pop()!;
    const title = 'Page avec une fiche contact';
    const pageId = await createPage('editor', { title, contact_card_id: cardId });
    await post('editor', `/gestion/pages/${pageId}`, `/gestion/pages/${pageId}/publier`, {});
    const url = '/tout-savoir-sur-la-communaute-de-communes/page-avec-une-fiche-contact';
    expect(textOf((await get(url)).document.querySelector('main'))).toContain(serviceName);

    expect(
      (await post('editor', `/gestion/pages/${pageId}/supprimer`, `/gestion/pages/${pageId}/supprimer`, {}))
        .statusCode,
    ).toBe(303);
    expect(
      (
        await post(
          'editor',
          `/gestion/contacts/${cardId}/supprimer`,
          `/gestion/contacts/${cardId}/supprimer`,
          {},
        )
      ).statusCode,
    ).toBe(303);

    const refused = await post('editor', '/gestion/corbeille', await trashRestoreAction(title), {});
    expect(refused.statusCode).toBe(409);
    expect(textOf(parseHtml(refused.body).querySelector('.error-summary'))).toBe(
      plainText(messages.trash.errors.contactCardInTrash(title, serviceName)),
    );
    expect(await isLive('pages', pageId)).toBe(false);
    expect((await get(url)).response.statusCode).toBe(404);

    for (const restoredTitle of [serviceName, title]) {
      const restored = await post(
        'editor',
        '/gestion/corbeille',
        await trashRestoreAction(restoredTitle),
        {},
      );
      expect(restored.statusCode, restoredTitle).toBe(303);
    }
    expect(await isLive('contact_cards', cardId)).toBe(true);
    expect(await isLive('pages', pageId)).toBe(true);
    expect(textOf((await get(url)).document.querySelector('main'))).toContain(serviceName);

    // Emptying the trash afterwards takes nothing live.
    expect((await post('admin', '/gestion/corbeille', '/gestion/corbeille/vider', {})).statusCode).toBe(303);
    expect(await isLive('contact_cards', cardId)).toBe(true);
    expect(await isLive('pages', pageId)).toBe(true);
    expect(textOf((await get(url)).document.querySelector('main'))).toContain(serviceName);
  });
});

describe('roles', () => {
  it('lets a contributor create and edit drafts, and change a published page only through its unpublished changes', async () => {
    const id = await createPage('contributor', { title: 'Proposition de contributeur' });
    const edit = await post(
      'contributor',
      `/gestion/pages/${id}`,
      `/gestion/pages/${id}`,
      pageFields({ title: 'Proposition revue' }),
    );
    expect(edit.statusCode).toBe(303);
    expect(
      (await post('contributor', `/gestion/pages/${id}`, `/gestion/pages/${id}/publier`, {})).statusCode,
    ).toBe(403);
    expect(
      (await post('contributor', `/gestion/pages/${id}`, `/gestion/pages/${id}/supprimer`, {})).statusCode,
    ).toBe(403);
    const cooperation = await t.database.db
      .selectFrom('pages')
      .select('id')
      .where('slug', '=', 'la-cooperation-decentralisee')
      .executeTakeFirstOrThrow();
    // A published page: the contributor's changes wait for an editor; asking to publish them is not enough.
    const proposed = await post(
      'contributor',
      `/gestion/pages/${cooperation.id}`,
      `/gestion/pages/${cooperation.id}`,
      pageFields({ title: 'Vandalisme', intention: 'publier' }),
    );
    expect(proposed.statusCode).toBe(303);
    expect(
      (
        await post(
          'contributor',
          `/gestion/pages/${cooperation.id}`,
          `/gestion/pages/${cooperation.id}/publier-modifications`,
          {},
        )
      ).statusCode,
    ).toBe(403);
    expect(textOf((await get(DEMO.cooperationPath)).document.querySelector('h1'))).toBe(
      DEMO.cooperationTitle,
    );
    // Discarded, the page is as the public sees it.
    expect(
      (
        await post(
          'contributor',
          `/gestion/pages/${cooperation.id}`,
          `/gestion/pages/${cooperation.id}/abandonner-modifications`,
          { version: (await openedVersion(`/gestion/pages/${cooperation.id}`, cookies.contributor!))! },
        )
      ).statusCode,
    ).toBe(303);
    const form = await get(`/gestion/pages/${cooperation.id}`, cookies.contributor);
    expect(form.document.querySelector('input[name="title"]')?.getAttribute('value')).toBe(
      DEMO.cooperationTitle,
    );
  });

  it('lets a reader read drafts but change nothing', async () => {
    const id = await createPage('editor', { title: 'Brouillon pour le lecteur' });
    const view = await get(`/gestion/pages/${id}`, cookies.reader);
    expect(view.response.statusCode).toBe(200);
    expect(view.document.querySelector('form.form')).toBeNull();
    expect(textOf(view.document.querySelector('main'))).toContain('Brouillon pour le lecteur');
    const refused = await post(
      'reader',
      '/gestion/pages',
      `/gestion/pages/${id}`,
      pageFields({ title: 'Non' }),
    );
    expect(refused.statusCode).toBe(403);
  });

  it('keeps the partner out of the pages', async () => {
    expect((await get('/gestion/pages', cookies.partner)).response.statusCode).toBe(403);
    expect((await get('/gestion', cookies.partner)).response.statusCode).toBe(200);
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/gestion/pages' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/connexion?retour=%2Fgestion%2Fpages');
  });

  it('never shows or changes a page of another workspace', async () => {
    const id = await createPage('editor', { title: 'Page du Pays des Écrins' });
    const other = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, {
      host: DEMO_SECOND.hostName,
    });
    const read = await t.app.inject({
      method: 'GET',
      url: `/gestion/pages/${id}`,
      headers: { cookie: other, host: DEMO_SECOND.hostName },
    });
    expect(read.statusCode).toBe(404);
    const token = await csrfFrom(t.app, '/gestion/pages', other, { host: DEMO_SECOND.hostName });
    const write = await postForm(
      t.app,
      `/gestion/pages/${id}/publier`,
      { token, cookie: other },
      {},
      { host: DEMO_SECOND.hostName },
    );
    expect(write.statusCode).toBe(404);
    const list = await t.app.inject({
      method: 'GET',
      url: '/gestion/pages',
      headers: { cookie: other, host: DEMO_SECOND.hostName },
    });
    expect(list.body).not.toContain('Page du Pays des Écrins');
  });
});
