import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs } from '../../../test/helpers/session.js';
import type { Role } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { DEMO_MISSION, DEMO_PROJECTS } from '../../db/seeds/demo-projects.js';
import { messages } from '../../platform/i18n/fr.js';

const text = messages.missions;

let t: TestApp;
const ids = {
  partnership: '',
  twinning: '',
  school: '',
  taliouine: '',
  authority: '',
  figure: '',
  payment: '',
};
const cookies = {} as Record<'editor' | 'reader' | 'partner', string>;
const pages: Array<[string, string]> = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['editor', 'reader', 'partner'] as const) {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === (role as Role))!;
    cookies[role] = await signInAs(t.app, account.email, account.password);
  }
  const db = t.database.db;
  const school = await db
    .selectFrom('projects')
    .select(['id', 'partnership_id'])
    .where('title', '=', DEMO_PROJECTS.school)
    .executeTakeFirstOrThrow();
  ids.school = school.id;
  ids.partnership = school.partnership_id;
  ids.twinning = (
    await db.selectFrom('partnerships').select('id').where('kind', '=', 'twinning').executeTakeFirstOrThrow()
  ).id;
  ids.taliouine = (
    await db
      .selectFrom('organisations')
      .select('id')
      .where('gazetteer_key', '=', DEMO.places.partner)
      .executeTakeFirstOrThrow()
  ).id;
  ids.authority = (
    await db
      .selectFrom('organisations')
      .select('id')
      .where('gazetteer_key', '=', DEMO.places.authority)
      .executeTakeFirstOrThrow()
  ).id;
  ids.figure = (
    await db.selectFrom('media').select('id').where('name', '=', DEMO.figureName).executeTakeFirstOrThrow()
  ).id;
  ids.payment = (
    await db
      .selectFrom('project_transactions')
      .select('id')
      .where('project_id', '=', school.id)
      .where('transaction_date', '=', '2025-03-20')
      .executeTakeFirstOrThrow()
  ).id;
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

function mission(): Record<string, string> {
  return {
    title: 'Accueil des élus de Taliouine aux Écrins',
    partnership_id: ids.partnership,
    project_id: ids.school,
    direction: 'incoming',
    start_date: '2026-06-15',
    end_date: '2026-06-19',
    purpose: 'Visiter les écoles du Pays des Écrins et le collège de L’Argentière-la-Bessée.',
    report: 'Les élus ont visité trois écoles et signé le programme d’échanges 2026-2027.',
    place_0: ids.authority,
    participant_name_0: 'Lahcen Amrani',
    participant_role_0: 'Président du conseil communal',
    participant_organisation_0: ids.taliouine,
    participant_name_1: 'Fatima Ouhmad',
    participant_role_1: 'Conseillère chargée de l’éducation',
    photo_0: ids.figure,
    photo_caption_0: 'Les élus de Taliouine dans une classe de Vallouise',
    cost_0: ids.payment,
  };
}

describe('missions, with their places, participants, photos and costs, without JavaScript', () => {
  let url: string;

  it('are recorded from one form and shown with their photos', async () => {
    const form = await get(`/gestion/missions/nouvelle?partenariat=${ids.partnership}`, 'editor');
    expect(form.response.statusCode).toBe(200);
    pages.push(['a new mission', form.response.body]);
    const created = await post('editor', '/gestion/missions', mission());
    expect(created.response.statusCode).toBe(303);
    url = created.response.headers.location as string;
    const page = await get(url, 'editor');
    pages.push(['a mission', page.response.body]);
    const figure = page.document.querySelector('#photos-titre ~ figure');
    expect(figure?.querySelector('img')?.getAttribute('alt')).toContain('Dessin d’une école');
    expect(textOf(figure?.querySelector('figcaption'))).toBe(
      'Les élus de Taliouine dans une classe de Vallouise',
    );
    expect(page.document.querySelector<HTMLInputElement>('[name="participant_name_1"]')?.value).toBe(
      'Fatima Ouhmad',
    );
    const partnership = await get(`/gestion/partenariats/${ids.partnership}`, 'editor');
    expect(textOf(partnership.document.querySelector('#missions-titre ~ ul'))).toContain(
      'Accueil des élus de Taliouine',
    );
  });

  it('refuses each rule beside its field, and writes nothing', async () => {
    const before = await t.database.db
      .selectFrom('missions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ end_date: '2026-06-14' }, 'end_date', text.errors.endBeforeStart],
      // The test clock reads 26 November 2026: no report of a mission still to come.
      [{ start_date: '2027-03-01', end_date: '2027-03-05' }, 'report', text.errors.reportBeforeStart],
      [{ partnership_id: ids.twinning, cost_0: '' }, 'project_id', text.errors.projectNotOfPartnership],
      [{ partnership_id: ids.twinning, project_id: '' }, 'cost_0', text.errors.costUnknown],
      [{ participant_name_1: '' }, 'participant_name_1', text.errors.participantNameRequired],
      [{ title: '' }, 'title', text.errors.titleRequired],
    ];
    for (const [change, field, message] of cases) {
      const refused = await post('editor', '/gestion/missions', { ...mission(), ...change });
      expect(refused.response.statusCode, field).toBe(400);
      expect(textOf(refused.document.querySelector(`#${field}-error`)), field).toContain(plainText(message));
    }
    pages.push([
      'a mission refused',
      (await post('editor', '/gestion/missions', { ...mission(), end_date: '2026-06-14' })).response.body,
    ]);
    const after = await t.database.db
      .selectFrom('missions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps its history and refuses a save over a newer version', async () => {
    const opened = await get(url, 'editor');
    const version = opened.document.querySelector<HTMLInputElement>('input[name="version"]')!.value;
    expect(
      (await post('editor', url, { ...mission(), participant_role_1: 'Adjointe à l’éducation', version }))
        .response.statusCode,
    ).toBe(303);
    expect(
      (await post('editor', url, { ...mission(), title: 'Autre titre', version })).response.statusCode,
    ).toBe(409);
    const history = await get(`${url}/historique`, 'editor');
    expect(history.response.statusCode).toBe(200);
    pages.push(['the history of a mission', history.response.body]);
  });

  it('is read by the partner of a shared partnership, and only then', async () => {
    const list = await get('/gestion/missions', 'partner');
    const titles = [...list.document.querySelectorAll('main table tbody a')].map((a) => textOf(a));
    expect(titles).toEqual(
      expect.arrayContaining([DEMO_MISSION.title, 'Accueil des élus de Taliouine aux Écrins']),
    );
    const page = await get(url, 'partner');
    expect(page.response.statusCode).toBe(200);
    expect(page.document.querySelector('form.form')).toBeNull();
    expect(textOf(page.document.querySelector('main'))).toContain('signé le programme d’échanges');
    pages.push(['a mission read by the partner', page.response.body]);
    const twinning = await post('editor', '/gestion/missions', {
      title: 'Tournoi de ski à Oulx',
      partnership_id: ids.twinning,
      direction: 'outgoing',
      start_date: '2026-02-10',
      end_date: '2026-02-12',
    });
    expect(twinning.response.statusCode).toBe(303);
    expect((await get(twinning.response.headers.location as string, 'partner')).response.statusCode).toBe(
      404,
    );
    expect((await post('partner', url, mission())).response.statusCode).toBe(403);
  });

  it('keeps the partnership, its project and its photo out of the trash while it is live', async () => {
    const partnership = await post('editor', `/gestion/partenariats/${ids.twinning}/supprimer`, {});
    expect(partnership.response.statusCode).toBe(400);
    expect(textOf(partnership.document.querySelector('.error-summary'))).toContain(
      plainText(text.errors.partnershipHasMissions),
    );
    // An image no page shows, among the mission's photos: the mission alone keeps it.
    const photo = await t.database.db
      .insertInto('media')
      .values({
        workspace_id: (
          await t.database.db
            .selectFrom('media')
            .select('workspace_id')
            .where('id', '=', ids.figure)
            .executeTakeFirstOrThrow()
        ).workspace_id,
        name: 'eleves-aux-ecrins',
        storage_key: 'test/eleves-aux-ecrins.svg',
        mime_type: 'image/svg+xml',
        width: 960,
        height: 640,
        byte_size: 100,
        alt_text: 'Des élèves de Taliouine dans une classe de Vallouise.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = (await get(url, 'editor')).document.querySelector<HTMLInputElement>(
      'input[name="version"]',
    )!.value;
    const withPhoto = await post('editor', url, { ...mission(), photo_1: photo.id, version });
    expect(withPhoto.response.statusCode).toBe(303);
    const image = await post('editor', `/gestion/images/${photo.id}/supprimer`, {});
    expect(image.response.statusCode).toBe(400);
    expect(textOf(image.document.querySelector('main'))).toContain(
      plainText(messages.media.deleteRefusedMissions(1)),
    );
  });

  it('is valid HTML on every page of the way', async () => {
    for (const [label, html] of pages) await expectValidHtml(html, label);
  });
});
