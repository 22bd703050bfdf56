import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs } from '../../../test/helpers/session.js';
import type { Role } from '../../db/schema.js';
import { DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { DEMO_PROJECTS } from '../../db/seeds/demo-projects.js';
import { messages } from '../../platform/i18n/fr.js';

const text = messages.exchangeRates;

let t: TestApp;
let school: string;
const cookies = {} as Record<'editor' | 'reader' | 'partner', string>;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['editor', 'reader', 'partner'] as const) {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === (role as Role))!;
    cookies[role] = await signInAs(t.app, account.email, account.password);
  }
  school = (
    await t.database.db
      .selectFrom('projects')
      .select('id')
      .where('title', '=', DEMO_PROJECTS.school)
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

/** The project's transactions as its page shows them: the amount, then in euros. */
async function schoolAmounts(who: keyof typeof cookies = 'editor') {
  const page = await get(`/gestion/projets/${school}`, who);
  const rows = [...page.document.querySelectorAll('table')]
    .find((table) => table.querySelector('#tableau-operations'))!
    .querySelectorAll('tbody tr');
  const totals = [...page.document.querySelectorAll('table')]
    .find((table) => table.querySelector('#tableau-totaux'))!
    .querySelectorAll('tbody tr');
  return {
    page,
    rows: [...rows].map((row) => [...row.querySelectorAll('.number')].map((cell) => textOf(cell))),
    totals: [...totals].map((row) => [...row.children].map((cell) => textOf(cell))),
  };
}

describe('amounts in euros at the rate of their date', () => {
  it('shows each transaction in euros with the rate used, and the totals by type', async () => {
    const { page, rows, totals } = await schoolAmounts();
    expect(rows).toEqual([
      ['12 500,00 MAD', '1 151,25 € (1 MAD = 0,0921 € (taux du 1er janvier 2025))'],
      // The mission's travel, in euros.
      ['1 850,00 €', '1 850,00 €'],
      ['8 000,00 €', '8 000,00 €'],
    ]);
    expect(totals).toEqual([
      ['Dépense', '3 001,25 €', '2'],
      ['Versement', '8 000,00 €', '1'],
    ]);
    await expectValidHtml(page.response.body, 'a project with its amounts in euros');
    // The partner reads them too.
    expect((await schoolAmounts('partner')).rows).toEqual(rows);
  });

  it('refuses a rate beside its field: the euro, nothing, a day already rated', async () => {
    const page = await get('/gestion/taux-de-change', 'editor');
    expect(page.response.statusCode).toBe(200);
    await expectValidHtml(page.response.body, 'the exchange rates');
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { currency: 'EUR', valid_from: '2026-06-01', euros_per_unit: '1' },
        'currency',
        text.errors.currencyInvalid,
      ],
      [
        { currency: 'MAD', valid_from: '2026-06-01', euros_per_unit: '0' },
        'euros_per_unit',
        text.errors.rateInvalid,
      ],
      [
        { currency: 'MAD', valid_from: '31/02/2026', euros_per_unit: '0,09' },
        'valid_from',
        text.errors.dateInvalid,
      ],
      [
        { currency: 'MAD', valid_from: '2026-01-01', euros_per_unit: '0,09' },
        'valid_from',
        text.errors.dayTaken('MAD'),
      ],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await post('editor', '/gestion/taux-de-change', fields);
      expect(refused.response.statusCode, field).toBe(400);
      expect(textOf(refused.document.querySelector(`#${field}-error`)), field).toContain(plainText(message));
      await expectValidHtml(refused.response.body, `a rate refused: ${field}`);
    }
  });

  it('applies a rate removed or added from its day on', async () => {
    const rate2025 = await t.database.db
      .selectFrom('exchange_rates')
      .select('id')
      .where('valid_from', '=', '2025-01-01')
      .executeTakeFirstOrThrow();
    expect(
      (await post('editor', `/gestion/taux-de-change/${rate2025.id}/supprimer`, {})).response.statusCode,
    ).toBe(303);
    const without = await schoolAmounts();
    expect(without.rows[0]).toEqual(['12 500,00 MAD', plainText(text.noRate('MAD'))]);
    expect(textOf(without.page.document.querySelector('[aria-labelledby="operations-titre"]'))).toContain(
      plainText(text.missing(1)),
    );
    const added = await post('editor', '/gestion/taux-de-change', {
      currency: 'MAD',
      valid_from: '01/10/2025',
      euros_per_unit: '0,0925',
    });
    expect(added.response.statusCode).toBe(303);
    expect((await schoolAmounts()).rows[0]).toEqual([
      '12 500,00 MAD',
      '1 156,25 € (1 MAD = 0,0925 € (taux du 1er octobre 2025))',
    ]);
  });

  it('is read by readers, changed by editors only, and not shown to a partner', async () => {
    expect((await get('/gestion/taux-de-change', 'reader')).response.statusCode).toBe(200);
    expect(
      (
        await post('reader', '/gestion/taux-de-change', {
          currency: 'MAD',
          valid_from: '2026-07-01',
          euros_per_unit: '1',
        })
      ).response.statusCode,
    ).toBe(403);
    expect((await get('/gestion/taux-de-change', 'partner')).response.statusCode).toBe(403);
  });
});
