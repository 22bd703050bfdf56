import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs } from '../../../test/helpers/session.js';
import { DEMO_ACCOUNTS, DEMO_CONVENTION } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';

const text = messages.utilityBudgets;

let t: TestApp;
let editor: string;
let partnership: string;

beforeAll(async () => {
  t = await createTestApp();
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'editor')!;
  editor = await signInAs(t.app, account.email, account.password);
  partnership = (
    await t.database.db
      .selectFrom('conventions')
      .select('partnership_id')
      .where('title', '=', DEMO_CONVENTION.title)
      .executeTakeFirstOrThrow()
  ).partnership_id;
});
afterAll(async () => {
  await t?.close();
});

async function post(url: string, fields: Record<string, string>) {
  const token = await csrfFrom(t.app, '/gestion', editor);
  const response = await postForm(t.app, url, { token, cookie: editor }, fields);
  return { response, document: parseHtml(response.body) };
}

const errorOf = (document: Document, field: string) => textOf(document.querySelector(`#${field}-error`));

describe('the 1 % of the water, waste and energy budgets', () => {
  let project: string;

  it('records a service’s budget of a year, and shows its ceiling', async () => {
    const refused = [
      [{ year: '26', domain: 'water_sanitation', amount: '2 500 000' }, 'year', text.errors.yearInvalid],
      [{ year: '2026', domain: 'water_sanitation', amount: '0' }, 'amount', text.errors.amountInvalid],
    ] as const;
    for (const [fields, field, message] of refused) {
      const answer = await post('/gestion/budgets-annexes', fields);
      expect(answer.response.statusCode, field).toBe(400);
      expect(errorOf(answer.document, field)).toContain(plainText(message));
    }
    expect(
      (
        await post('/gestion/budgets-annexes', {
          year: '2026',
          domain: 'water_sanitation',
          amount: '2 500 000',
        })
      ).response.statusCode,
    ).toBe(303);
    const twice = await post('/gestion/budgets-annexes', {
      year: '2026',
      domain: 'water_sanitation',
      amount: '1 000',
    });
    expect(errorOf(twice.document, 'year')).toContain(
      plainText(text.errors.yearTaken(2026, text.domains.water_sanitation)),
    );
    const page = await t.app.inject({
      method: 'GET',
      url: '/gestion/budgets-annexes',
      headers: { cookie: editor },
    });
    const row = textOf(parseHtml(page.body).querySelector('main tbody tr'));
    expect(row).toContain('2 500 000,00 €');
    expect(row).toContain('25 000,00 €');
    await expectValidHtml(page.body, 'the service budgets');
  });

  it('refuses beside the amount a payment that passes 1 % of that year’s budget', async () => {
    const created = await post('/gestion/projets', {
      title: 'Adduction d’eau potable à Taliouine',
      partnership_id: partnership,
      kind: 'sustainable_economy',
      status: '2',
      eapd_category: 'water_sanitation',
    });
    expect(created.response.statusCode).toBe(303);
    project = created.response.headers.location as string;
    const pay = (fields: Record<string, string>) =>
      post(`${project}/operations`, { type: '3', currency: 'EUR', ...fields });
    expect((await pay({ transaction_date: '2026-05-04', amount: '20 000' })).response.statusCode).toBe(303);
    const over = await pay({ transaction_date: '2026-09-01', amount: '6 000' });
    expect(over.response.statusCode).toBe(400);
    expect(errorOf(over.document, 'amount')).toContain(
      plainText(
        text.errors.overOnePercent(text.domains.water_sanitation, 2026, '25 000,00 €', '26 000,00 €'),
      ),
    );
    await expectValidHtml(over.response.body, 'a payment over the 1 %');
    // Within the ceiling once converted: 50 000 MAD at 0,0935 = 4 675 €.
    expect(
      (await pay({ transaction_date: '2026-09-01', amount: '50 000', currency: 'MAD' })).response.statusCode,
    ).toBe(303);
    // Money received does not count.
    expect(
      (await pay({ type: '1', transaction_date: '2026-09-02', amount: '90 000' })).response.statusCode,
    ).toBe(303);
    // Another year has its own budget, to be recorded first.
    const earlier = await pay({ transaction_date: '2025-12-15', amount: '100' });
    expect(earlier.response.statusCode).toBe(400);
    expect(errorOf(earlier.document, 'amount')).toContain(
      plainText(text.errors.noBudget(text.domains.water_sanitation, 2025)),
    );
  });
});
