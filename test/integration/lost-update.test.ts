import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_ACCOUNTS } from '../../src/db/seeds/demo.js';
import { DEMO_PROJECTS } from '../../src/db/seeds/demo-projects.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { parseHtml, plainText, textOf } from '../helpers/html.js';
import { formFieldsOf, openForm, signInAs } from '../helpers/session.js';

/**
 * No lost update, for every record edited in a form: two forms opened on the same version, the
 * first saved, the second refused (409) with the conflict described and what was typed kept; the
 * refused form, sent again as shown, is saved. A record kind added later adds its form here.
 */
let t: TestApp;
let admin: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'admin')!;
  admin = await signInAs(t.app, account.email, account.password);
  const db = t.database.db;
  const workspace = await db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', DEMO.workspaceSlug)
    .executeTakeFirstOrThrow();
  const row = async (query: Promise<{ id: string } | undefined>) => (await query)!.id;
  // The cooperation page: its text has quotes, which a form must send back as typed.
  ids.page = await row(
    db
      .selectFrom('pages')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('slug', '=', 'la-cooperation-decentralisee')
      .executeTakeFirst(),
  );
  ids.card = await row(
    db.selectFrom('contact_cards').select('id').where('workspace_id', '=', workspace.id).executeTakeFirst(),
  );
  ids.organisation = await row(
    db
      .selectFrom('organisations')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('gazetteer_key', '=', DEMO.places.partner)
      .executeTakeFirst(),
  );
  const convention = await db
    .selectFrom('conventions')
    .select(['id', 'partnership_id'])
    .where('workspace_id', '=', workspace.id)
    .executeTakeFirstOrThrow();
  ids.convention = convention.id;
  ids.partnership = convention.partnership_id;
  ids.project = await row(
    db
      .selectFrom('projects')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('title', '=', DEMO_PROJECTS.school)
      .executeTakeFirst(),
  );
  ids.transaction = await row(
    db
      .selectFrom('project_transactions')
      .select('id')
      .where('project_id', '=', ids.project)
      .executeTakeFirst(),
  );
  ids.result = await row(
    db.selectFrom('project_results').select('id').where('project_id', '=', ids.project).executeTakeFirst(),
  );
  ids.mission = await row(
    db.selectFrom('missions').select('id').where('project_id', '=', ids.project).executeTakeFirst(),
  );
  ids.image = await row(
    db
      .selectFrom('media')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('name', '=', DEMO.figureName)
      .executeTakeFirst(),
  );
  ids.document = await row(
    db.selectFrom('documents').select('id').where('workspace_id', '=', workspace.id).executeTakeFirst(),
  );
  const editor = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'editor')!;
  ids.membership = await row(
    db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('memberships.id as id')
      .where('memberships.workspace_id', '=', workspace.id)
      .where('users.email', '=', editor.email)
      .executeTakeFirst(),
  );
});
afterAll(async () => {
  await t?.close();
});

interface EditForm {
  kind: string;
  url: () => string;
  /** Where the form posts, when not to its own page. */
  action?: (url: string) => string;
  field: string;
  /** How the conflict names the field. */
  label: string;
  first: string;
  second: string;
}

const FORMS: EditForm[] = [
  {
    kind: 'page',
    url: () => `/gestion/pages/${ids.page}`,
    field: 'summary',
    label: messages.pages.fields.summary,
    first: 'Résumé A',
    second: 'Résumé B',
  },
  {
    kind: 'contact card',
    url: () => `/gestion/contacts/${ids.card}`,
    field: 'person_name',
    label: messages.contactCards.fields.person_name,
    first: 'Anne A',
    second: 'Bruno B',
  },
  {
    kind: 'organisation',
    url: () => `/gestion/organisations/${ids.organisation}`,
    field: 'address',
    label: messages.organisations.fields.address,
    first: 'Adresse A',
    second: 'Adresse B',
  },
  {
    kind: 'partnership',
    url: () => `/gestion/partenariats/${ids.partnership}`,
    field: 'description',
    label: messages.partnerships.fields.description,
    first: 'Présentation A',
    second: 'Présentation B',
  },
  {
    kind: 'project',
    url: () => `/gestion/projets/${ids.project}`,
    field: 'description',
    label: messages.projects.fields.description,
    first: 'Présentation A',
    second: 'Présentation B',
  },
  {
    kind: 'transaction',
    url: () => `/gestion/operations/${ids.transaction}`,
    field: 'description',
    label: messages.transactions.fields.description,
    first: 'Description A',
    second: 'Description B',
  },
  {
    kind: 'result',
    url: () => `/gestion/resultats/${ids.result}`,
    field: 'description',
    label: messages.results.fields.description,
    first: 'Description A',
    second: 'Description B',
  },
  {
    kind: 'mission',
    url: () => `/gestion/missions/${ids.mission}`,
    field: 'purpose',
    label: messages.missions.fields.purpose,
    first: 'Objet A',
    second: 'Objet B',
  },
  {
    kind: 'convention',
    url: () => `/gestion/conventions/${ids.convention}`,
    field: 'deliberation_reference',
    label: messages.conventions.fields.deliberation_reference,
    first: 'Délibération A',
    second: 'Délibération B',
  },
  {
    kind: 'image',
    url: () => `/gestion/images/${ids.image}`,
    field: 'caption',
    label: messages.media.fields.caption,
    first: 'Légende A',
    second: 'Légende B',
  },
  {
    kind: 'document',
    url: () => `/gestion/documents/${ids.document}`,
    field: 'title',
    label: messages.documents.fields.title,
    first: 'Convention A',
    second: 'Convention B',
  },
  {
    kind: 'site settings',
    url: () => '/gestion/parametres',
    field: 'publication_director',
    label: messages.history.fields.publication_director!,
    first: 'Alice A',
    second: 'Bernard B',
  },
  {
    kind: 'member’s role',
    url: () => `/gestion/utilisateurs/${ids.membership}`,
    action: (url) => `${url}/role`,
    field: 'role',
    label: messages.history.fields.role!,
    first: 'reader',
    second: 'contributor',
  },
];

/** Opens a form now, to send it later with one field changed, as a person in a browser tab does. */
async function openEditForm(form: EditForm) {
  const url = form.url();
  const action = form.action?.(url) ?? url;
  const opened = await openForm(t.app, url, { cookie: admin });
  const send = (body: string, value: string) => {
    const fields = formFieldsOf(body, url, action);
    fields.set(form.field, value);
    return t.app.inject({
      method: 'POST',
      url: action,
      headers: { cookie: opened.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: fields.toString(),
    });
  };
  return { url, action, submit: (value: string) => send(opened.response.body, value), send };
}

async function shownValue(url: string, action: string, field: string, response?: LightMyRequestResponse) {
  const body =
    response?.body ?? (await t.app.inject({ method: 'GET', url, headers: { cookie: admin } })).body;
  return formFieldsOf(body, url, action).get(field);
}

async function historyRows(url: string): Promise<number> {
  const response = await t.app.inject({
    method: 'GET',
    url: `${url}/historique`,
    headers: { cookie: admin },
  });
  expect(response.statusCode).toBe(200);
  return parseHtml(response.body).querySelectorAll('tbody tr').length;
}

describe('a save without a change', () => {
  it.each(FORMS)('records nothing for a $kind: same version, no history line', async (form) => {
    const opened = await openEditForm(form);
    const versionBefore = await shownValue(opened.url, opened.action, 'version');
    const rowsBefore = await historyRows(opened.url);
    const unchanged = (await shownValue(opened.url, opened.action, form.field)) ?? '';
    expect((await opened.submit(unchanged)).statusCode).toBe(303);
    expect(await shownValue(opened.url, opened.action, 'version')).toBe(versionBefore);
    expect(await historyRows(opened.url)).toBe(rowsBefore);
  });
});

describe('a save over a newer version', () => {
  it.each(FORMS)('is refused for a $kind, with the conflict described and the typing kept', async (form) => {
    const first = await openEditForm(form);
    const second = await openEditForm(form);

    expect((await first.submit(form.first)).statusCode).toBe(303);
    const refused = await second.submit(form.second);
    expect(refused.statusCode, refused.body.slice(0, 300)).toBe(409);
    const notice = parseHtml(refused.body).querySelector('[aria-labelledby="conflict-title"]');
    expect(textOf(notice?.querySelector('h2'))).toBe(plainText(messages.versions.conflictTitle));
    // The field changed meanwhile is named, with its value then and now.
    expect([...(notice?.querySelectorAll('dt') ?? [])].map((dt) => textOf(dt))).toEqual([
      plainText(form.label),
    ]);
    // What the second person typed is in the form shown again; the first person's save stands.
    expect(await shownValue(second.url, second.action, form.field, refused)).toBe(form.second);
    expect(await shownValue(first.url, first.action, form.field)).toBe(form.first);

    // Sent again as shown, it is a deliberate choice: saved.
    expect((await second.send(refused.body, form.second)).statusCode).toBe(303);
    expect(await shownValue(first.url, first.action, form.field)).toBe(form.second);
  });
});
