import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../src/db/seeds/demo.js';
import { hashToken, newToken } from '../../src/platform/auth/tokens.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { parseHtml, plainText, textOf } from '../helpers/html.js';
import { concreteUrl, findRealIds } from '../helpers/routes.js';
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

/** A form of a page as a browser would send it untouched: its fields and their values. */
interface PageForm {
  page: string;
  action: string;
  multipart: boolean;
  fields: Array<[string, string]>;
  /** Fields a person types into: (name, id). */
  textFields: Array<{ name: string; id: string }>;
}

const TYPED = new Set(['text', 'email', 'password', 'search', 'url', 'tel', 'number']);

function formsOf(page: string, html: string): PageForm[] {
  const document = parseHtml(html);
  return [...document.querySelectorAll('main form')]
    .filter((form) => (form.getAttribute('method') ?? '').toLowerCase() === 'post')
    .map((form) => {
      const fields: Array<[string, string]> = [];
      const textFields: PageForm['textFields'] = [];
      for (const element of form.querySelectorAll('input[name], textarea[name], select[name]')) {
        const name = element.getAttribute('name')!;
        const tag = element.tagName.toLowerCase();
        const type = (element.getAttribute('type') ?? 'text').toLowerCase();
        if (tag === 'select') {
          const option = element.querySelector('option[selected]') ?? element.querySelector('option');
          fields.push([name, option?.getAttribute('value') ?? '']);
        } else if (tag === 'textarea') {
          fields.push([name, element.textContent ?? '']);
        } else if (type === 'checkbox' || type === 'radio') {
          if (element.hasAttribute('checked')) fields.push([name, element.getAttribute('value') ?? 'on']);
        } else if (type !== 'file' && type !== 'submit') {
          fields.push([name, element.getAttribute('value') ?? '']);
        }
        // The honeypot is for robots: hidden from people (aria-hidden), never read back to them.
        const forRobots = element.closest('[aria-hidden="true"]') !== null;
        if ((tag === 'textarea' || (tag === 'input' && TYPED.has(type))) && !forRobots)
          textFields.push({ name, id: element.getAttribute('id') ?? name });
      }
      return {
        page,
        action: form.getAttribute('action') ?? page,
        multipart: form.getAttribute('enctype') === 'multipart/form-data',
        fields,
        textFields,
      };
    })
    .filter((form) => form.textFields.length > 0);
}

function multipartBody(fields: Array<[string, string]>) {
  const boundary = `----entente${randomUUID()}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Control characters (C0 but tab and line breaks, and DEL) typed into any text field of any form
 * the server shows: each form comes back with a French message beside that field, never a 5xx,
 * and nothing is written. The forms are found on the pages themselves, so a form added later is
 * fed too. A fresh app of its own: the tests above change records (the reader is anonymised).
 */
describe('control characters in every text field of every form', () => {
  let fresh: TestApp;
  let freshAdmin: string;
  beforeAll(async () => {
    fresh = await createTestApp();
    const account = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    freshAdmin = await signInAs(fresh.app, account.email, account.password);
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('are refused beside the field, in French (400), never a 5xx, and nothing is written', async () => {
    const db = fresh.database.db;
    const ids = await findRealIds(db);
    // Real links, so that their forms show: a reset link, and invitations for a new and a known address.
    // The admin's own account: a link for an account no test here changes.
    const owner = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    const workspace = await db
      .selectFrom('workspaces')
      .select('id')
      .where('is_default', '=', true)
      .executeTakeFirstOrThrow();
    const ownerId = (
      await db.selectFrom('users').select('id').where('email', '=', owner.email).executeTakeFirstOrThrow()
    ).id;
    const now = new Date(fresh.clock.now().getTime());
    const later = new Date(now.getTime() + 24 * 60 * 60 * 1000);
    const resetToken = newToken();
    await db
      .insertInto('auth_tokens')
      .values({
        token_hash: hashToken(resetToken),
        user_id: ownerId,
        workspace_id: workspace.id,
        purpose: 'password_reset',
        expires_at: later,
        created_at: now,
      })
      .execute();
    const invitationTokens: string[] = [];
    for (const email of ['nouvelle-personne@example.test', DEMO_SECOND.admin.email]) {
      const token = newToken();
      invitationTokens.push(token);
      await db
        .insertInto('invitations')
        .values({
          workspace_id: workspace.id,
          email,
          display_name: 'Invitée',
          role: 'reader',
          token_hash: hashToken(token),
          invited_by: ownerId,
          created_at: now,
          expires_at: later,
        })
        .execute();
    }
    const pages = new Set<string>();
    for (const route of fresh.app.routeCatalogue.filter((r) => r.method === 'GET')) {
      if (route.url === '/mot-de-passe/:token') pages.add(`/mot-de-passe/${resetToken}`);
      else if (route.url === '/invitation/:token')
        for (const token of invitationTokens) pages.add(`/invitation/${token}`);
      else pages.add(concreteUrl('GET', route.url, ids));
    }

    const forms: PageForm[] = [];
    for (const page of pages) {
      const response = await fresh.app.inject({ method: 'GET', url: page, headers: { cookie: freshAdmin } });
      if (String(response.headers['content-type']).startsWith('text/html'))
        forms.push(...formsOf(page, response.body));
    }
    // Every kind of form is there: sign-in, reset, new password, invitation (both ways), sharing,
    // pages, contact cards, image upload and edit, settings, invitations.
    const actions = new Set(
      forms.map((form) => form.action.replace(/[0-9a-f-]{36}|[A-Za-z0-9_-]{43}/g, ':id')),
    );
    for (const expected of [
      '/connexion',
      '/mot-de-passe-oublie',
      '/mot-de-passe/:id',
      '/invitation/:id',
      '/envoyer-a-un-ami',
      '/gestion/pages',
      '/gestion/pages/:id',
      '/gestion/contacts',
      '/gestion/contacts/:id',
      '/gestion/images',
      '/gestion/images/:id',
      '/gestion/parametres',
      '/gestion/utilisateurs/inviter',
    ])
      expect(actions, expected).toContain(expected);

    const auditBefore = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const failures: string[] = [];
    let checked = 0;
    for (const form of forms) {
      for (const field of form.textFields) {
        for (const control of ['\u0000', '\u0007', '\u001b', '\u007f']) {
          const { token, cookie } = await openForm(fresh.app, form.page, { cookie: freshAdmin });
          const values = form.fields.map(([name, value]): [string, string] => [
            name,
            name === '_csrf' ? token : name === field.name ? `avant${control}après` : value,
          ]);
          const encoded = form.multipart
            ? multipartBody(values)
            : {
                body: new URLSearchParams(values).toString(),
                contentType: 'application/x-www-form-urlencoded',
              };
          const response = await fresh.app.inject({
            method: 'POST',
            url: form.action,
            headers: { cookie, 'content-type': encoded.contentType },
            payload: encoded.body,
          });
          checked++;
          const document = parseHtml(response.body);
          const beside = textOf(document.getElementById(`${field.id}-error`));
          const label = `${form.action} ${field.name} U+${control.codePointAt(0)!.toString(16).padStart(4, '0')}`;
          if (response.statusCode !== 400) failures.push(`${label}: ${response.statusCode}`);
          else if (response.headers['content-type'] !== 'text/html; charset=utf-8')
            failures.push(`${label}: not HTML`);
          else if (!beside.includes(plainText(messages.form.controlCharacters)))
            failures.push(`${label}: beside the field « ${beside} »`);
          else if (!document.querySelector(`.error-summary a[href="#${field.id}"]`))
            failures.push(`${label}: not in the summary`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
    const auditAfter = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(auditAfter.n).toBe(auditBefore.n);
  }, 180_000);
});
