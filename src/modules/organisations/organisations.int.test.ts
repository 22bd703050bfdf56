import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, mergeCookies, postForm, signInAs } from '../../../test/helpers/session.js';
import type { Role, Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';
import { isValidIatiRef, isValidSiren } from './organisations.schemas.js';

const text = messages.organisations;
const SECOND_HOST = { host: DEMO_SECOND.hostName };

function demo(role: Role) {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!;
}

let t: TestApp;
let workspace: Workspace;
const cookies = {} as Record<'admin' | 'editor' | 'contributor' | 'reader' | 'partner' | 'second', string>;

beforeAll(async () => {
  t = await createTestApp();
  workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  for (const role of ['admin', 'editor', 'contributor', 'reader', 'partner'] as const) {
    cookies[role] = await signInAs(t.app, demo(role).email, demo(role).password);
  }
  cookies.second = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, SECOND_HOST);
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, who: keyof typeof cookies, options: { host?: string } = {}) {
  const response = await t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: cookies[who], ...(options.host ? { host: options.host } : {}) },
  });
  return { response, document: parseHtml(response.body) };
}

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

/** The fields of the organisation form as the page shows them (what a browser would send back). */
function formFields(document: Document): Record<string, string> {
  const form = document.querySelector('form.form[method="post"]')!;
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input[name], textarea[name]')) {
    const element = input as HTMLInputElement;
    if (element.name !== '_csrf')
      fields[element.name] = element.tagName === 'TEXTAREA' ? (element.textContent ?? '') : element.value;
  }
  for (const select of form.querySelectorAll('select[name]')) {
    const selected = select.querySelector('option[selected]') ?? select.querySelector('option');
    fields[(select as HTMLSelectElement).name] = (selected as HTMLOptionElement).value;
  }
  return fields;
}

const byHand = {
  name: 'Association Écrins Solidarité',
  kind: 'ngo',
  country_code: 'FR',
  languages: 'fr',
  iati_type: '22',
};

describe('the gazetteer picker, without JavaScript', () => {
  it('finds the CC du Pays des Écrins from "pays des ecrins" and shows it is already the workspace’s', async () => {
    const { response, document } = await get('/gestion/organisations/ajouter?q=pays+des+ecrins', 'editor');
    expect(response.statusCode).toBe(200);
    const results = [...document.querySelectorAll('.place-results li')];
    expect(textOf(results[0]!)).toContain('CC du Pays des Ecrins');
    // The demo's own authority was made from that place: no second copy is offered.
    expect(results[0]!.querySelector('a')?.textContent).toBe(text.picker.alreadyHere);
    await expectValidHtml(response.body, 'the picker with results');
  });

  it('turns a gazetteer commune into an organisation on first use, and finds it the second time', async () => {
    const { document } = await get('/gestion/organisations/ajouter?q=vallouise', 'contributor');
    const form = document.querySelector('.place-results form')!;
    const key = (form.querySelector('input[name="place"]') as HTMLInputElement).value;
    expect(key).toBe('commune:05101');
    const first = await post('contributor', '/gestion/organisations/ajouter', { place: key });
    expect(first.response.statusCode).toBe(303);
    const location = first.response.headers.location as string;
    const page = await get(location, 'contributor');
    expect(page.document.querySelector('h1')?.textContent).toBe(text.editTitle('Vallouise-Pelvoux'));
    expect(formFields(page.document)).toMatchObject({
      kind: 'commune',
      insee_code: '05101',
      siren: '200064657',
      iati_type: '11',
    });
    const second = await post('contributor', '/gestion/organisations/ajouter', { place: key });
    expect(second.response.headers.location).toBe(location);
    const again = await get('/gestion/organisations/ajouter?q=vallouise', 'contributor');
    expect(again.document.querySelector('.place-results li a')?.getAttribute('href')).toBe(location);
  });

  it('lists the 8 member communes of the CC', async () => {
    const id = (
      await t.database.db
        .selectFrom('organisations')
        .select('id')
        .where('workspace_id', '=', workspace.id)
        .where('gazetteer_key', '=', DEMO.places.authority)
        .executeTakeFirstOrThrow()
    ).id;
    const { response, document } = await get(`/gestion/organisations/${id}`, 'reader');
    expect(response.statusCode).toBe(200);
    expect(document.querySelector('#membres-titre')?.textContent).toBe(text.members(8));
    expect(document.querySelectorAll('#membres-titre + ul li')).toHaveLength(8);
    await expectValidHtml(response.body, 'an EPCI read by a reader');
  });

  it('finds Taliouine, typed with a letter missing', async () => {
    const { document } = await get('/gestion/organisations/ajouter?q=taliouin', 'editor');
    const first = document.querySelector('.place-results li')!;
    expect(textOf(first)).toContain('Taliouine');
    expect(textOf(first)).toContain('Maroc');
  });

  it('says in French when the query is too short or finds nothing', async () => {
    const short = await get('/gestion/organisations/ajouter?q=x', 'editor');
    expect(textOf(short.document.querySelector('#q-error')!)).toContain(plainText(text.picker.tooShort));
    const none = await get('/gestion/organisations/ajouter?q=zzqqxxw', 'editor');
    expect(textOf(none.document.querySelector('#resultats-titre')!)).toBe(
      plainText(text.picker.results(0, 'zzqqxxw')),
    );
    const unknown = await post('editor', '/gestion/organisations/ajouter', { place: 'commune:99999' });
    expect(unknown.response.statusCode).toBe(400);
    expect(textOf(unknown.document.querySelector('#q-error')!)).toContain(
      plainText(text.errors.unknownPlace),
    );
  });
});

describe('an organisation typed by hand', () => {
  it('is created with its contacts, then edited, and the history reads the change', async () => {
    const created = await post('contributor', '/gestion/organisations', {
      ...byHand,
      contact_name_0: 'Claire Martin',
      contact_role_0: 'Présidente',
      contact_email_0: 'claire@example.org',
      contact_phone_0: '04 92 23 11 17',
    });
    expect(created.response.statusCode).toBe(303);
    const location = created.response.headers.location as string;
    const page = await get(location, 'contributor');
    const fields = formFields(page.document);
    expect(fields).toMatchObject({
      name: byHand.name,
      contact_name_0: 'Claire Martin',
      contact_phone_0: '04 92 23 11 17',
    });
    const saved = await post('contributor', location, {
      ...fields,
      population: '1 200',
      contact_name_1: 'Paul Roux',
    });
    expect(saved.response.statusCode).toBe(303);
    const history = await get(`${location}/historique`, 'reader');
    const text = textOf(history.document.querySelector('main')!);
    expect(text).toContain('Paul Roux');
    expect(text).toContain('Population');
  });

  it('refuses bad input beside each field, in French, and keeps what was typed', async () => {
    const { response, document } = await post('editor', '/gestion/organisations', {
      ...byHand,
      siren: '240500463',
      iati_ref: 'ZZ-123',
      latitude: '44,78',
      website: 'pas une adresse',
      languages: 'français',
      contact_email_0: 'claire@example.org',
    });
    expect(response.statusCode).toBe(400);
    const errorOf = (id: string) => textOf(document.querySelector(`#${id}-error`)!);
    expect(errorOf('siren')).toContain(plainText(text.errors.sirenInvalid));
    expect(errorOf('iati_ref')).toContain(plainText(text.errors.iatiRefInvalid));
    expect(errorOf('longitude')).toContain(plainText(text.errors.positionHalf));
    expect(errorOf('website')).toContain(plainText(text.errors.websiteInvalid));
    expect(errorOf('languages')).toContain(plainText(text.errors.languagesInvalid));
    expect(errorOf('contact_name_0')).toContain(plainText(text.errors.contactNameRequired));
    expect((document.querySelector('#latitude') as HTMLInputElement).value).toBe('44,78');
    await expectValidHtml(response.body, 'the form with errors');
  });

  it('refuses a French kind abroad and a foreign local authority in France', async () => {
    const abroad = await post('editor', '/gestion/organisations', {
      ...byHand,
      kind: 'commune',
      country_code: 'MA',
    });
    expect(textOf(abroad.document.querySelector('#country_code-error')!)).toContain(
      plainText(text.errors.frenchKindAbroad),
    );
    const home = await post('editor', '/gestion/organisations', {
      ...byHand,
      kind: 'foreign_local_authority',
    });
    expect(textOf(home.document.querySelector('#country_code-error')!)).toContain(
      plainText(text.errors.foreignKindInFrance),
    );
  });

  it('goes to the trash and comes back; the workspace’s own organisation may not go', async () => {
    const created = await post('editor', '/gestion/organisations', { ...byHand, name: 'À supprimer' });
    const location = created.response.headers.location as string;
    const deleted = await post('editor', `${location}/supprimer`, {});
    expect(deleted.response.statusCode).toBe(303);
    expect((await get(location, 'editor')).response.statusCode).toBe(404);
    const trash = await get('/gestion/corbeille', 'editor');
    expect(textOf(trash.document.querySelector('main')!)).toContain('À supprimer');
    const { deletion_id } = await t.database.db
      .selectFrom('organisations')
      .select('deletion_id')
      .where('name', '=', 'À supprimer')
      .executeTakeFirstOrThrow();
    const restored = await post('editor', `/gestion/corbeille/${deletion_id}/restaurer`, {});
    expect(restored.response.statusCode).toBe(303);
    expect((await get(location, 'editor')).response.statusCode).toBe(200);
    const history = await get(`${location}/historique`, 'editor');
    expect(textOf(history.document.querySelector('main')!)).toContain(messages.history.actions.restore!);
    const own = workspace.organisation_id!;
    const refused = await post('admin', `/gestion/organisations/${own}/supprimer`, {});
    expect(refused.response.statusCode).toBe(400);
    // Taliouine: a partner account represents it, a partnership and a convention name it.
    const taliouine = await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('gazetteer_key', '=', DEMO.places.partner)
      .executeTakeFirstOrThrow();
    const plan = await get(`/gestion/organisations/${taliouine.id}/supprimer`, 'editor');
    const reasons = [...plan.document.querySelectorAll('main ul li')].map((li) => textOf(li));
    expect(reasons).toEqual([
      plainText(text.deleteReasons.partnerAccounts(1)),
      plainText(text.deleteReasons.partnerships(1)),
      plainText(text.deleteReasons.conventions(1)),
      // The school and the saffron projects name it.
      plainText(text.deleteReasons.projects(2)),
      // The school visit went there, and its director took part.
      plainText(text.deleteReasons.missions(1)),
    ]);
    expect(plan.document.querySelector('main form')).toBeNull();
    await expectValidHtml(plan.response.body, 'an organisation’s refused deletion');
    expect(
      (await post('editor', `/gestion/organisations/${taliouine.id}/supprimer`, {})).response.statusCode,
    ).toBe(400);
  });
});

describe('who may do what', () => {
  it('a reader reads, and may neither add nor edit', async () => {
    expect((await get('/gestion/organisations', 'reader')).response.statusCode).toBe(200);
    expect((await get('/gestion/organisations/ajouter', 'reader')).response.statusCode).toBe(403);
    const own = workspace.organisation_id!;
    const page = await get(`/gestion/organisations/${own}`, 'reader');
    expect(page.document.querySelector('form.form')).toBeNull();
    expect(textOf(page.document.querySelector('.notice')!)).toBe(plainText(text.readOnly));
  });

  it('another workspace sees none of these organisations', async () => {
    const own = workspace.organisation_id!;
    expect((await get(`/gestion/organisations/${own}`, 'second', SECOND_HOST)).response.statusCode).toBe(404);
    const list = await get('/gestion/organisations', 'second', SECOND_HOST);
    expect(textOf(list.document.querySelector('main')!)).not.toContain('Taliouine');
  });
});

describe('identifiers', () => {
  it('checks a SIREN’s key and an IATI identifier’s agency', () => {
    expect(isValidSiren('240500462')).toBe(true);
    expect(isValidSiren('240500463')).toBe(false);
    expect(isValidIatiRef('FR-RCS-240500462')).toBe(true);
    expect(isValidIatiRef('XM-DAC-41114')).toBe(true);
    expect(isValidIatiRef('ZZ-123')).toBe(false);
    expect(isValidIatiRef('FR-RCS')).toBe(false);
  });
});
