import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs, submitForm } from '../../../test/helpers/session.js';
import type { Role } from '../../db/schema.js';
import { DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { DEMO_PROJECTS } from '../../db/seeds/demo-projects.js';
import { messages } from '../../platform/i18n/fr.js';

const text = messages.results;

let t: TestApp;
let saffron: string;
const cookies = {} as Record<'editor' | 'reader' | 'partner', string>;
const pages: Array<[string, string]> = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['editor', 'reader', 'partner'] as const) {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === (role as Role))!;
    cookies[role] = await signInAs(t.app, account.email, account.password);
  }
  saffron = (
    await t.database.db
      .selectFrom('projects')
      .select('id')
      .where('title', '=', DEMO_PROJECTS.saffron)
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

const RESULT = {
  type: '2',
  title: 'Des revenus pour les cultivatrices de safran',
  description: 'La coopérative vend sa récolte à un prix juste.',
  indicator_title_0: 'Revenu annuel moyen d’une cultivatrice',
  indicator_measure_0: '1',
  indicator_unit_0: 'MAD',
  indicator_baseline_year_0: '2025',
  indicator_baseline_0: '9 000',
  indicator_target_0: '12 000',
  indicator_title_1: 'Part de la récolte vendue par la coopérative',
  indicator_measure_1: '2',
  indicator_unit_1: '%',
  indicator_baseline_1: '20',
  indicator_target_1: '60',
  period_indicator_0: '0',
  period_start_0: '2026-01-01',
  period_end_0: '2026-06-30',
  period_actual_0: '10 250,5',
  period_indicator_1: '1',
  period_start_1: '2026-01-01',
  period_end_1: '2026-06-30',
  period_actual_1: '35',
  period_comment_1: 'Première récolte vendue en commun.',
};

describe('results, their indicators and the values reached', () => {
  let url: string;

  it('are recorded from one form without JavaScript, and shown on the project', async () => {
    const form = await get(`/gestion/projets/${saffron}/resultats/nouveau`, 'editor');
    expect(form.response.statusCode).toBe(200);
    pages.push(['a new result', form.response.body]);
    const created = await post('editor', `/gestion/projets/${saffron}/resultats`, RESULT);
    expect(created.response.statusCode).toBe(303);
    url = created.response.headers.location as string;
    const page = await get(url, 'editor');
    pages.push(['a result', page.response.body]);
    expect(page.document.querySelector<HTMLInputElement>('[name="period_actual_0"]')?.value).toBe('10250,5');
    expect(
      page.document.querySelector('[name="period_indicator_1"] option[selected]')?.getAttribute('value'),
    ).toBe('1');
    const project = await get(`/gestion/projets/${saffron}`, 'editor');
    const listed = textOf(project.document.querySelector('#resultats-titre ~ ul'));
    expect(listed).toContain('Des revenus pour les cultivatrices de safran');
    expect(listed).toContain('départ : 20 % ; cible : 60 %');
    expect(listed).toContain('35 %');
  });

  it('refuses each bad row beside its field', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ period_indicator_0: '' }, 'period_indicator_0', text.errors.periodIndicatorRequired],
      [{ period_end_0: '2025-12-31' }, 'period_end_0', text.errors.endBeforeStart],
      [{ indicator_target_1: '160' }, 'indicator_target_1', text.errors.percentageInvalid],
      [{ indicator_baseline_0: 'neuf mille' }, 'indicator_baseline_0', text.errors.valueInvalid],
      [{ indicator_title_0: '' }, 'indicator_title_0', text.errors.indicatorTitleRequired],
      // The test clock reads 26 November 2026: a period of 2027 has no value reached yet.
      [
        { period_start_1: '2027-01-01', period_end_1: '2027-06-30' },
        'period_actual_1',
        text.errors.actualInFuture,
      ],
    ];
    for (const [change, field, message] of cases) {
      const refused = await post('editor', `/gestion/projets/${saffron}/resultats`, { ...RESULT, ...change });
      expect(refused.response.statusCode, field).toBe(400);
      expect(textOf(refused.document.querySelector(`#${field}-error`)), field).toContain(plainText(message));
    }
    const last = await post('editor', `/gestion/projets/${saffron}/resultats`, {
      ...RESULT,
      period_end_0: '2025-12-31',
    });
    pages.push(['a result refused', last.response.body]);
  });

  it('keeps its history and refuses a save over a newer version', async () => {
    const saved = await submitForm(t.app, url, cookies.editor, { period_actual_1: '40' });
    expect(saved.statusCode).toBe(303);
    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('record_type', '=', 'project_result')
      .where('record_id', '=', url.split('/').pop()!)
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.action)).toEqual(['create', 'update']);
    const after = typeof events[1]!.after === 'string' ? JSON.parse(events[1]!.after) : events[1]!.after;
    expect(after.periods[1].actual).toBe(40);
    const history = await get(`${url}/historique`, 'editor');
    expect(history.response.statusCode).toBe(200);
    pages.push(['the history of a result', history.response.body]);
    const stale = await post('editor', url, { ...RESULT, version: '1' });
    expect(stale.response.statusCode).toBe(409);
  });

  it('is read by the partner of a shared project, without a form', async () => {
    const page = await get(url, 'partner');
    expect(page.response.statusCode).toBe(200);
    expect(page.document.querySelector('form.form')).toBeNull();
    expect(textOf(page.document.querySelector('main'))).toContain('40 %');
    pages.push(['a result read by the partner', page.response.body]);
    expect((await post('partner', url, RESULT)).response.statusCode).toBe(403);
  });

  it('is valid HTML on every page of the way', async () => {
    for (const [label, html] of pages) await expectValidHtml(html, label);
  });
});
