import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { changeSides, parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, mergeCookies, postForm, signInAs } from '../../../test/helpers/session.js';
import type { Role, Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../db/seeds/demo.js';
import type { Actor } from '../../platform/auth/actor.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';
import {
  listTrashedContactCards,
  purgeContactCards,
  restoreContactCardDeletion,
} from './contact-cards.service.js';

const text = messages.contactCards;
const SECOND_HOST = { host: DEMO_SECOND.hostName };

function demo(role: Role) {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!;
}

let t: TestApp;
let workspace: Workspace;
let demoCardId: string;
const cookies = {} as Record<'admin' | 'editor' | 'contributor' | 'reader' | 'second', string>;

beforeAll(async () => {
  t = await createTestApp();
  workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  demoCardId = (
    await t.database.db
      .selectFrom('contact_cards')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow()
  ).id;
  for (const role of ['admin', 'editor', 'contributor', 'reader'] as const) {
    cookies[role] = await signInAs(t.app, demo(role).email, demo(role).password);
  }
  cookies.second = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, SECOND_HOST);
});
afterAll(async () => {
  await t?.close();
});

function unique(): string {
  return randomBytes(4).toString('hex');
}

async function get(url: string, cookie?: string, options: { host?: string } = {}) {
  const response = await t.app.inject({
    method: 'GET',
    url,
    headers: { ...(cookie ? { cookie } : {}), ...(options.host ? { host: options.host } : {}) },
  });
  return { response, document: parseHtml(response.body) };
}

/** Posts a form as the given member, with a CSRF token taken from a page they may open. */
async function post(
  who: keyof typeof cookies,
  url: string,
  fields: Record<string, string>,
  options: { host?: string } = {},
) {
  const cookie = cookies[who];
  const token = await csrfFrom(t.app, '/gestion', cookie, options);
  const response = await postForm(t.app, url, { token, cookie }, fields, options);
  return { response, document: parseHtml(response.body), cookie: mergeCookies(cookie, response) };
}

/** The changes of one row of a history table: field label → "Avant : … Après : …". */
function changesOf(row: Element): Map<string, string> {
  return new Map(
    [...row.querySelectorAll('dt')].map((dt) => {
      const { before, after } = changeSides(dt.nextElementSibling);
      return [textOf(dt), `Avant : ${before} Après : ${after}`] as const;
    }),
  );
}

type CardFields = Record<
  'service_name' | 'person_name' | 'organisation_name' | 'phone' | 'email' | 'address' | 'position',
  string
>;

function cardFields(overrides: Partial<CardFields> = {}): CardFields {
  return {
    service_name: `Service des relations internationales ${unique()}`,
    person_name: 'Nadia Benali',
    organisation_name: 'Communauté de communes du Pays des Écrins',
    phone: '+33 (0)4 92 23 11 17',
    email: 'international@exemple.fr',
    address: '1 place de la Mairie\n05120 L’Argentière-la-Bessée',
    position: '2',
    ...overrides,
  };
}

/** Creates a card as the editor and returns its id, from the address the form redirects to. */
async function createCard(overrides: Partial<CardFields> = {}) {
  const fields = cardFields(overrides);
  const { response, cookie } = await post('editor', '/gestion/contacts', fields);
  expect(response.statusCode).toBe(303);
  const id = /^\/gestion\/contacts\/([0-9a-f-]{36})$/.exec(response.headers.location as string)?.[1];
  expect(id).toBeDefined();
  return { id: id!, fields, cookie };
}

async function publicContactText(): Promise<string> {
  const { response, document } = await get('/contact');
  expect(response.statusCode).toBe(200);
  return textOf(document.querySelector('main'));
}

async function actorFor(role: Role): Promise<Actor> {
  const user = await t.database.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', demo(role).email)
    .executeTakeFirstOrThrow();
  return { workspace, user, role };
}

describe('the list of contact cards', () => {
  it('lists the demo card with the number of pages that show it, and offers a new card to an editor', async () => {
    const { response, document } = await get('/gestion/contacts', cookies.editor);
    expect(response.statusCode).toBe(200);
    const row = [...document.querySelectorAll('tbody tr')].find((tr) =>
      textOf(tr).includes('Service Coopération décentralisée'),
    );
    expect(row).toBeDefined();
    expect(row!.querySelector('a')?.getAttribute('href')).toBe(`/gestion/contacts/${demoCardId}`);
    expect(textOf(row!.querySelector('td:last-child'))).toBe('1');
    expect(document.querySelector('a[href="/gestion/contacts/nouvelle"]')).not.toBeNull();
  });

  it('says so when a workspace has no card yet', async () => {
    const { response, document } = await get('/gestion/contacts', cookies.second, SECOND_HOST);
    expect(response.statusCode).toBe(200);
    expect(document.querySelector('table')).toBeNull();
    expect(textOf(document.querySelector('main'))).toContain(plainText(text.empty));
  });

  it('is readable by a contributor, without the link to create a card', async () => {
    const { response, document } = await get('/gestion/contacts', cookies.contributor);
    expect(response.statusCode).toBe(200);
    expect(document.querySelector('a[href="/gestion/contacts/nouvelle"]')).toBeNull();
  });
});

describe('creating and editing a card', () => {
  it('creates a card that the public contact page shows at once, with an audit event', async () => {
    const { id, fields, cookie } = await createCard();
    // The redirect's page carries the notice the post left in a cookie.
    const { document } = await get(`/gestion/contacts/${id}`, cookie);
    expect(textOf(document.querySelector('[role="status"]'))).toBe(plainText(text.created));
    expect(document.querySelector<HTMLInputElement>('#service_name')?.getAttribute('value')).toBe(
      fields.service_name,
    );
    expect(textOf(document.querySelector('#address'))).toBe(fields.address.replace(/\s+/g, ' '));
    expect(await publicContactText()).toContain(fields.service_name);

    const events = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('record_type', '=', 'contact_card')
      .where('record_id', '=', id)
      .execute();
    expect(events.map((event) => event.action)).toEqual(['create']);
    expect(events[0]!.workspace_id).toBe(workspace.id);
  });

  it('edits a card; the public site follows and the history names the author and the changed fields', async () => {
    const { id, fields } = await createCard();
    const renamed = `Service Europe et international ${unique()}`;
    const { response } = await post('editor', `/gestion/contacts/${id}`, {
      ...fields,
      service_name: renamed,
      phone: '04.92.23.11.18',
      version: '1',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/gestion/contacts/${id}`);
    const page = await publicContactText();
    expect(page).toContain(renamed);
    expect(page).not.toContain(fields.service_name);

    const { response: historyResponse, document } = await get(
      `/gestion/contacts/${id}/historique`,
      cookies.reader,
    );
    expect(historyResponse.statusCode).toBe(200);
    expect(textOf(document.querySelector('h1'))).toBe(plainText(messages.history.pageTitle(renamed)));
    const rows = [...document.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    const [update, create] = rows as [Element, Element];
    expect(textOf(update.querySelector('td:nth-child(2)'))).toBe('Étienne Éditeur');
    expect(textOf(update.querySelector('td:nth-child(3)'))).toBe(messages.history.actions.update);
    // Only what changed, each under its French label.
    expect(Object.fromEntries(changesOf(update))).toEqual({
      Service: `Avant : ${fields.service_name} Après : ${renamed}`,
      // Stored in E.164, whatever was typed.
      Téléphone: 'Avant : +33492231117 Après : +33492231118',
    });
    expect(textOf(create.querySelector('td:nth-child(3)'))).toBe(messages.history.actions.create);
    expect(textOf(create.querySelector('td:nth-child(2)'))).toBe('Étienne Éditeur');
  });

  it('shows the form again with every message, linked from the summary, and what was typed', async () => {
    const typed = cardFields({
      service_name: '   ',
      phone: '04 92 23 11',
      email: 'pas-une-adresse',
      position: 'deuxième',
    });
    const { response, document } = await post('editor', '/gestion/contacts', typed);
    expect(response.statusCode).toBe(400);
    expect(textOf(document.querySelector('title'))).toMatch(/^Erreur : /);
    const summary = [...document.querySelectorAll('.error-summary a')].map((a) => [
      a.getAttribute('href'),
      textOf(a),
    ]);
    expect(summary).toEqual([
      ['#service_name', text.errors.serviceRequired],
      ['#phone', text.errors.phoneInvalid],
      ['#email', text.errors.emailInvalid],
      ['#position', text.errors.positionInvalid],
    ]);
    for (const [href, message] of summary) {
      const id = href!.slice(1);
      expect(document.getElementById(id)?.getAttribute('aria-describedby'), id).toContain(`${id}-error`);
      expect(textOf(document.getElementById(`${id}-error`))).toContain(message);
    }
    expect(document.querySelector('#phone')?.getAttribute('value')).toBe('04 92 23 11');
    expect(document.querySelector('#email')?.getAttribute('value')).toBe('pas-une-adresse');
    expect(document.querySelector('#person_name')?.getAttribute('value')).toBe('Nadia Benali');
    expect(textOf(document.querySelector('#address'))).toBe(
      '1 place de la Mairie 05120 L’Argentière-la-Bessée',
    );
  });

  it('refuses a service name longer than 120 characters and a phone longer than 30', async () => {
    const { response, document } = await post(
      'editor',
      '/gestion/contacts',
      cardFields({ service_name: 'S'.repeat(121), phone: '0'.repeat(31) }),
    );
    expect(response.statusCode).toBe(400);
    expect(textOf(document.querySelector('#service_name-error'))).toContain(
      plainText(text.errors.tooLong(text.lengthLabels.service_name, 120)),
    );
    expect(textOf(document.querySelector('#phone-error'))).toContain(
      plainText(text.errors.tooLong(text.lengthLabels.phone, 30)),
    );
  });

  it('accepts a card with only its service name', async () => {
    const { id } = await createCard({
      person_name: '',
      organisation_name: '',
      phone: '',
      email: '',
      address: '',
      position: '',
    });
    const card = await t.database.db
      .selectFrom('contact_cards')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(card).toMatchObject({ phone: '', email: '', position: 0 });
  });
});

/** The card of the public contact page that names this service. */
async function publicCard(serviceName: string): Promise<Element> {
  const { document } = await get('/contact');
  const card = [...document.querySelectorAll('.contact-card')].find((element) =>
    textOf(element.querySelector('.contact-card__service')).includes(serviceName),
  );
  expect(card, serviceName).toBeDefined();
  return card!;
}

describe('phone numbers and addresses', () => {
  const NBSP = '\u00a0';

  it('shows the demo card’s number in the national format, linked in E.164', async () => {
    const card = await publicCard('Service Coopération décentralisée');
    const link = card.querySelector('a[href^="tel:"]');
    expect(link?.getAttribute('href')).toBe('tel:+33492231117');
    expect(link?.textContent).toBe(`04${NBSP}92${NBSP}23${NBSP}11${NBSP}17`);
  });

  it('reads "+33 (0)4 …", stores it in E.164 and links tel:+33492231118, never tel:+330…', async () => {
    const { id, fields } = await createCard({ phone: '+33 (0)4 92 23 11 18' });
    const row = await t.database.db
      .selectFrom('contact_cards')
      .select('phone')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.phone).toBe('+33492231118');
    const card = await publicCard(fields.service_name);
    const link = card.querySelector('a[href^="tel:"]');
    expect(link?.getAttribute('href')).toBe('tel:+33492231118');
    expect(link?.textContent).toBe(`04${NBSP}92${NBSP}23${NBSP}11${NBSP}18`);
    // The form shows it back as a French reader writes it.
    const { document } = await get(`/gestion/contacts/${id}`, cookies.editor);
    expect(document.querySelector('#phone')?.getAttribute('value')).toBe('04 92 23 11 18');
  });

  it('shows a foreign number with its country code', async () => {
    const { fields } = await createCard({ phone: '+212 5 28 55 07 72' });
    const link = (await publicCard(fields.service_name)).querySelector('a[href^="tel:"]');
    expect(link?.getAttribute('href')).toBe('tel:+212528550772');
    expect(link?.textContent).toBe(`+212${NBSP}5${NBSP}28${NBSP}55${NBSP}07${NBSP}72`);
  });

  it('refuses a number that cannot be dialled, beside the field, keeps it and saves nothing', async () => {
    const before = await countCards();
    const typed = cardFields({ phone: '04 92 23 11' });
    const { response, document } = await post('editor', '/gestion/contacts', typed);
    expect(response.statusCode).toBe(400);
    expect(textOf(document.querySelector('#phone-error'))).toContain(plainText(text.errors.phoneInvalid));
    expect(document.querySelector('#phone')?.getAttribute('value')).toBe('04 92 23 11');
    expect(document.querySelector('.error-summary a[href="#phone"]')).not.toBeNull();
    expect(await countCards()).toBe(before);
    expect(await publicContactText()).not.toContain(typed.service_name);
  });

  it('links a number saved as typed before the rule, "+33 (0)4 …" included, in E.164', async () => {
    const { id, fields } = await createCard({ phone: '' });
    await t.database.db
      .updateTable('contact_cards')
      .set({ phone: '+33 (0)4 92 23 11 18' })
      .where('id', '=', id)
      .execute();
    const link = (await publicCard(fields.service_name)).querySelector('a[href^="tel:"]');
    expect(link?.getAttribute('href')).toBe('tel:+33492231118');
    expect(link?.textContent).toBe(`04${NBSP}92${NBSP}23${NBSP}11${NBSP}18`);
  });

  it('shows a stored text that is no number as it was, without a link, rather than fail', async () => {
    const { id, fields } = await createCard({ phone: '' });
    await t.database.db
      .updateTable('contact_cards')
      .set({ phone: 'standard : 12' })
      .where('id', '=', id)
      .execute();
    const card = await publicCard(fields.service_name);
    expect(card.querySelector('a[href^="tel:"]')).toBeNull();
    expect(textOf(card)).toContain('standard : 12');
  });

  it('keeps each line of a postal address on its own line', async () => {
    const { fields } = await createCard();
    const address = (await publicCard(fields.service_name)).querySelector('.contact-card__address');
    expect(address?.innerHTML.split(/<br\s*\/?>/)).toEqual(fields.address.split('\n'));
  });
});

describe('who may change a card', () => {
  it('refuses a contributor the new-card form and its post (403): a card is public at once', async () => {
    expect((await get('/gestion/contacts/nouvelle', cookies.contributor)).response.statusCode).toBe(403);
    const before = await countCards();
    const { response } = await post('contributor', '/gestion/contacts', cardFields());
    expect(response.statusCode).toBe(403);
    expect(await countCards()).toBe(before);
  });

  it('shows a contributor a card read-only and refuses their changes', async () => {
    const { response, document } = await get(`/gestion/contacts/${demoCardId}`, cookies.contributor);
    expect(response.statusCode).toBe(200);
    expect(document.querySelector('form.form')).toBeNull();
    expect(textOf(document.querySelector('.notice'))).toBe(plainText(text.readOnly));
    const edit = await post('contributor', `/gestion/contacts/${demoCardId}`, cardFields());
    expect(edit.response.statusCode).toBe(403);
  });

  it('refuses a reader every post: create, edit, delete', async () => {
    const { id } = await createCard();
    for (const url of ['/gestion/contacts', `/gestion/contacts/${id}`, `/gestion/contacts/${id}/supprimer`]) {
      const { response } = await post('reader', url, cardFields());
      expect(response.statusCode, url).toBe(403);
    }
    expect((await get(`/gestion/contacts/${id}/supprimer`, cookies.reader)).response.statusCode).toBe(403);
    const card = await t.database.db
      .selectFrom('contact_cards')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(card.deleted_at).toBeNull();
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const { response } = await get('/gestion/contacts');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/connexion/);
  });
});

describe('deleting and restoring a card', () => {
  it('refuses to delete the demo card while the cooperation page shows it, and lists that page', async () => {
    const cooperation = await t.database.db
      .selectFrom('pages')
      .select(['id', 'title'])
      .where('workspace_id', '=', workspace.id)
      .where('contact_card_id', '=', demoCardId)
      .executeTakeFirstOrThrow();
    expect(cooperation.title).toBe(DEMO.cooperationTitle);

    const { response, document } = await get(`/gestion/contacts/${demoCardId}/supprimer`, cookies.editor);
    expect(response.statusCode).toBe(200);
    expect(textOf(document.querySelector('main'))).toContain(plainText(text.deleteRefused));
    const links = [...document.querySelectorAll('main ul a')].map((a) => [a.getAttribute('href'), textOf(a)]);
    expect(links).toEqual([[`/gestion/pages/${cooperation.id}`, DEMO.cooperationTitle]]);
    expect(document.querySelector(`form[action="/gestion/contacts/${demoCardId}/supprimer"]`)).toBeNull();

    const refused = await post('editor', `/gestion/contacts/${demoCardId}/supprimer`, {});
    expect(refused.response.statusCode).toBe(400);
    expect(textOf(refused.document.querySelector('.error-summary'))).toContain(plainText(text.deleteRefused));
    expect(textOf(refused.document.querySelector('main ul'))).toContain(DEMO.cooperationTitle);
    const card = await t.database.db
      .selectFrom('contact_cards')
      .select('deleted_at')
      .where('id', '=', demoCardId)
      .executeTakeFirstOrThrow();
    expect(card.deleted_at).toBeNull();
    expect(
      textOf(parseHtml((await get(DEMO.cooperationPath)).response.body).querySelector('main')),
    ).toContain('Service Coopération décentralisée');
  });

  it('deletes a card to the trash, off the public site, and restores it whole', async () => {
    const { id, fields } = await createCard();
    const confirm = await get(`/gestion/contacts/${id}/supprimer`, cookies.editor);
    expect(confirm.response.statusCode).toBe(200);
    expect(confirm.document.querySelector(`form[action="/gestion/contacts/${id}/supprimer"]`)).not.toBeNull();

    const { response } = await post('editor', `/gestion/contacts/${id}/supprimer`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/gestion/contacts');
    expect(await publicContactText()).not.toContain(fields.service_name);
    expect((await get(`/gestion/contacts/${id}`, cookies.editor)).response.statusCode).toBe(404);
    const list = await get('/gestion/contacts', cookies.editor);
    expect(textOf(list.document.querySelector('main'))).not.toContain(fields.service_name);

    const editor = await actorFor('editor');
    const trashed = await listTrashedContactCards(t.deps, editor);
    const group = trashed.find((entry) => entry.title === fields.service_name);
    expect(group).toMatchObject({ count: 1, deleted_by_name: 'Étienne Éditeur' });

    const restored = await t.database.db
      .transaction()
      .execute((trx) => restoreContactCardDeletion(trx, editor, group!.deletion_id, t.clock.now()));
    expect(restored).toBe(1);
    expect(await publicContactText()).toContain(fields.service_name);
    const back = await get(`/gestion/contacts/${id}`, cookies.editor);
    expect(back.response.statusCode).toBe(200);
    expect(back.document.querySelector('#email')?.getAttribute('value')).toBe(fields.email);
    expect(textOf(back.document.querySelector('#address'))).toBe(fields.address.replace(/\s+/g, ' '));
    expect(
      (await listTrashedContactCards(t.deps, editor)).some((entry) => entry.title === fields.service_name),
    ).toBe(false);

    const history = await get(`/gestion/contacts/${id}/historique`, cookies.editor);
    const actions = [...history.document.querySelectorAll('tbody tr td:nth-child(3)')].map((cell) =>
      textOf(cell),
    );
    expect(actions).toEqual([
      messages.history.actions.restore,
      messages.history.actions.delete,
      messages.history.actions.create,
    ]);
  });

  it('restores nothing for a deletion that holds no card', async () => {
    const editor = await actorFor('editor');
    const count = await t.database.db
      .transaction()
      .execute((trx) =>
        restoreContactCardDeletion(trx, editor, '00000000-0000-4000-8000-000000000000', t.clock.now()),
      );
    expect(count).toBe(0);
  });

  it('purges trashed cards for an admin, with a trace, and refuses an editor', async () => {
    const { id, fields } = await createCard();
    await post('editor', `/gestion/contacts/${id}/supprimer`, {});
    const editor = await actorFor('editor');
    await expect(
      t.database.db.transaction().execute((trx) => purgeContactCards(trx, editor, t.clock.now())),
    ).rejects.toThrow(messages.admin.forbidden);

    const admin = await actorFor('admin');
    const purged = await t.database.db
      .transaction()
      .execute((trx) => purgeContactCards(trx, admin, t.clock.now()));
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(
      await t.database.db.selectFrom('contact_cards').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
    // The history outlives the card.
    const history = await get(`/gestion/contacts/${id}/historique`, cookies.admin);
    expect(history.response.statusCode).toBe(200);
    expect(textOf(history.document.querySelector('h1'))).toBe(
      plainText(messages.history.pageTitle(fields.service_name)),
    );
    expect(textOf(history.document.querySelector('tbody tr'))).toContain(messages.history.actions.purge);
  });

  it('shows the demo card’s history even though it has no event yet', async () => {
    const { response, document } = await get(`/gestion/contacts/${demoCardId}/historique`, cookies.reader);
    expect(response.statusCode).toBe(200);
    expect(textOf(document.querySelector('main'))).toContain(plainText(messages.history.empty));
  });
});

describe('workspace isolation', () => {
  it('gives the other workspace’s admin a 404 for this workspace’s card, whatever the screen', async () => {
    for (const url of [
      `/gestion/contacts/${demoCardId}`,
      `/gestion/contacts/${demoCardId}/supprimer`,
      `/gestion/contacts/${demoCardId}/historique`,
    ]) {
      const { response } = await get(url, cookies.second, SECOND_HOST);
      expect(response.statusCode, url).toBe(404);
    }
    for (const url of [`/gestion/contacts/${demoCardId}`, `/gestion/contacts/${demoCardId}/supprimer`]) {
      const { response } = await post('second', url, cardFields({ service_name: 'Détourné' }), SECOND_HOST);
      expect(response.statusCode, url).toBe(404);
    }
    const card = await t.database.db
      .selectFrom('contact_cards')
      .selectAll()
      .where('id', '=', demoCardId)
      .executeTakeFirstOrThrow();
    expect(card).toMatchObject({ service_name: 'Service Coopération décentralisée', deleted_at: null });
  });

  it('keeps a card made in the other workspace out of this one', async () => {
    const name = `Service du second espace ${unique()}`;
    const { response } = await post(
      'second',
      '/gestion/contacts',
      cardFields({ service_name: name }),
      SECOND_HOST,
    );
    expect(response.statusCode).toBe(303);
    const id = (response.headers.location as string).split('/').pop()!;
    expect((await get(`/gestion/contacts/${id}`, cookies.admin)).response.statusCode).toBe(404);
    expect((await get(`/gestion/contacts/${id}/historique`, cookies.admin)).response.statusCode).toBe(404);
    expect(
      textOf((await get('/gestion/contacts', cookies.admin)).document.querySelector('main')),
    ).not.toContain(name);
    expect(await publicContactText()).not.toContain(name);
  });

  it('refuses this workspace’s members on the other workspace’s host (403)', async () => {
    const { response } = await get('/gestion/contacts', cookies.admin, SECOND_HOST);
    expect(response.statusCode).toBe(403);
  });
});

async function countCards(): Promise<number> {
  const rows = await t.database.db
    .selectFrom('contact_cards')
    .select('id')
    .where('workspace_id', '=', workspace.id)
    .execute();
  return rows.length;
}

describe('the markup of every screen', () => {
  it('is valid HTML: list, empty list, forms, form with errors, deletion, refused deletion, history', async () => {
    const { id } = await createCard();
    const pages: Array<[string, string]> = [];
    for (const url of [
      '/gestion/contacts',
      '/gestion/contacts/nouvelle',
      `/gestion/contacts/${id}`,
      `/gestion/contacts/${id}/supprimer`,
      `/gestion/contacts/${demoCardId}/supprimer`,
      `/gestion/contacts/${id}/historique`,
    ]) {
      const { response } = await get(url, cookies.editor);
      expect(response.statusCode, url).toBe(200);
      pages.push([url, response.body]);
    }
    pages.push(['empty list', (await get('/gestion/contacts', cookies.second, SECOND_HOST)).response.body]);
    pages.push(['read-only card', (await get(`/gestion/contacts/${id}`, cookies.reader)).response.body]);
    const invalid = await post('editor', '/gestion/contacts', cardFields({ service_name: '', email: 'x' }));
    pages.push(['form with errors', invalid.response.body]);
    for (const [label, html] of pages) await expectValidHtml(html, label);
  });
});
