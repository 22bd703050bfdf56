import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_ACCOUNTS } from '../../src/db/seeds/demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openForm, signInAs } from '../helpers/session.js';

/**
 * Bad input never gets a 500: every route the server registers, fed as an admin with what a
 * careless or hostile client sends — fields twice, huge values, control characters, wrong types,
 * malformed ids — answers with a French page of its own (2xx, 3xx or 4xx).
 */
let t: TestApp;
let admin: string;
const real: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const account = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
  admin = await signInAs(t.app, account.email, account.password);
  const db = t.database.db;
  real.page = (
    await db.selectFrom('pages').select('id').where('slug', '=', 'le-territoire').executeTakeFirstOrThrow()
  ).id;
  real.media = (await db.selectFrom('media').select('id').executeTakeFirstOrThrow()).id;
  real.card = (await db.selectFrom('contact_cards').select('id').executeTakeFirstOrThrow()).id;
  const reader = DEMO_ACCOUNTS.find((a) => a.role === 'reader')!;
  real.membership = (
    await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('memberships.id')
      .where('users.email', '=', reader.email)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const ids = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '%00', "'; DROP TABLE pages; --"];

function urlsFor(url: string): string[] {
  if (!url.includes(':') && !url.includes('*')) return [url];
  const realId = url.startsWith('/gestion/utilisateurs')
    ? real.membership!
    : url.startsWith('/gestion/images') || url.startsWith('/medias')
      ? real.media!
      : url.startsWith('/gestion/contacts')
        ? real.card!
        : real.page!;
  return [realId, ...ids].map((id) =>
    url
      .replace('/assets/*', '/assets/../../package.json')
      .replace('/*', `/${encodeURIComponent(id)}`)
      .replace(':file', encodeURIComponent(id))
      .replace(':token', encodeURIComponent(id))
      .replace(':deletionId', encodeURIComponent(id))
      .replace(':id', encodeURIComponent(id)),
  );
}

/** Bodies no browser would send from our forms. */
const hostileBodies = [
  'title=a&title=b&slug=x&slug=y&role=admin&role=reader&email=a%40b.fr&email=c%40d.fr',
  `title=${'é'.repeat(20_000)}&summary=${'x'.repeat(30_000)}&alt_text=${'y'.repeat(5_000)}`,
  'title=%00%01%02&slug=..%2F..&body_markdown=%7B%7Bfigure%3A..%2F..%7D%7D&host_names=%0D%0Aevil&position=1e309',
  'parent_id=not-a-uuid&contact_card_id=%27&tools=unknown&misc_label_1=x&misc_href_1=javascript%3Aalert(1)',
  'page=%2F..%2F..&destinataire=%0D%0A&nom=%E2%80%A8&message=%00',
];

describe('hostile input', () => {
  it('never answers 5xx on any GET route, whatever the id or the query', async () => {
    const failures: string[] = [];
    for (const route of t.app.routeCatalogue.filter((r) => r.method === 'GET')) {
      for (const url of urlsFor(route.url)) {
        for (const query of [
          '',
          '?q=%00%FF&page=%2F..&retour=%2F%2Fevil.example&version=impression&q=a&q=b',
        ]) {
          const response = await t.app.inject({
            method: 'GET',
            url: `${url}${query}`,
            headers: { cookie: admin },
          });
          if (response.statusCode >= 500) failures.push(`GET ${url}${query}: ${response.statusCode}`);
          else if (
            response.statusCode !== 200 &&
            !String(response.headers['content-type']).startsWith('text/html')
          ) {
            if (response.statusCode < 300 || response.statusCode >= 400) {
              failures.push(`GET ${url}${query}: ${response.statusCode} ${response.headers['content-type']}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('never answers 5xx on any POST route, and always in French HTML', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of t.app.routeCatalogue.filter((r) => r.method === 'POST')) {
      if (route.url === '/deconnexion') continue; // it would end the session the next posts use
      for (const url of urlsFor(route.url)) {
        for (const body of hostileBodies) {
          const { token } = await openForm(t.app, '/connexion', { cookie: admin });
          const response = await t.app.inject({
            method: 'POST',
            url,
            headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
            payload: `_csrf=${encodeURIComponent(token)}&${body}`,
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const html = String(response.headers['content-type']).startsWith('text/html; charset=utf-8');
          if (response.statusCode >= 500 || (response.statusCode !== 303 && !html)) {
            failures.push(
              `POST ${url} [${body.slice(0, 40)}]: ${response.statusCode} ${response.body.slice(0, 120)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The bodies reached the handlers: forms refused them field by field (400), not the CSRF check (403).
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
  });

  it('refuses a body over the limit with the French 413 page', async () => {
    const { token } = await openForm(t.app, '/connexion', { cookie: admin });
    const response = await t.app.inject({
      method: 'POST',
      url: '/gestion/pages',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}&body_markdown=${'x'.repeat(2_000_000)}`,
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Envoi trop volumineux');
  });

  it('refuses a JSON body on a form route in French, not with a crash', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/envoyer-a-un-ami?page=${encodeURIComponent(DEMO.cooperationPath)}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"destinataire": ["a@b.fr"], "__proto__": {"x": 1}}',
    });
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});
