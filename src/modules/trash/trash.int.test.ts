import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { openForm, postForm, signInAs } from '../../../test/helpers/session.js';
import { DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';

const EDITOR = DEMO_ACCOUNTS.find((account) => account.role === 'editor')!;
const SECTION_PATH = '/tout-savoir-sur-la-communaute-de-communes';

let t: TestApp;
let editor: string;
let sectionId: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = await signInAs(t.app, EDITOR.email, EDITOR.password);
  const section = await t.database.db
    .selectFrom('pages')
    .select('id')
    .where('slug', '=', SECTION_PATH.slice(1))
    .executeTakeFirstOrThrow();
  sectionId = section.id;
});
afterAll(async () => {
  await t?.close();
});

function get(url: string, cookie?: string) {
  return t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

/** Posts a form of the back office as the editor, with the CSRF token of the page it sits on. */
async function post(pageUrl: string, action: string, fields: Record<string, string> = {}) {
  const form = await openForm(t.app, pageUrl, { cookie: editor });
  return postForm(t.app, action, form, fields);
}

/** A page created and published through the back-office forms; returns its id. */
async function publishedPage(title: string, slug: string, parentId: string): Promise<string> {
  const created = await post('/gestion/pages/nouvelle', '/gestion/pages', {
    title,
    slug,
    parent_id: parentId,
    position: '9',
    summary: '',
    body_markdown: `Le texte de « ${title} ».`,
    contact_card_id: '',
  });
  expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
  const id = created.headers.location!.split('/').pop()!;
  const published = await post(`/gestion/pages/${id}`, `/gestion/pages/${id}/publier`);
  expect(published.statusCode).toBe(303);
  return id;
}

async function deleteThroughForm(pageId: string): Promise<void> {
  const confirm = `/gestion/pages/${pageId}/supprimer`;
  const deleted = await post(confirm, confirm);
  expect(deleted.statusCode).toBe(303);
}

/** The trash row of a page, as the database holds it. */
async function trashState(pageId: string) {
  return t.database.db
    .selectFrom('pages')
    .select(['parent_id', 'slug', 'title', 'deleted_at', 'deletion_id'])
    .where('id', '=', pageId)
    .executeTakeFirstOrThrow();
}

/** The restore button's address of the trash row showing this title. */
async function restoreActionOf(title: string): Promise<string> {
  const trash = parseHtml((await get('/gestion/corbeille', editor)).body);
  const row = [...trash.querySelectorAll('tbody tr')].find((tr) => textOf(tr.querySelector('td')) === title);
  expect(row, `trash row of « ${title} »`).toBeDefined();
  return row!.querySelector('form')!.getAttribute('action')!;
}

function refusalOf(response: LightMyRequestResponse): string {
  return textOf(parseHtml(response.body).querySelector('main .error-summary[role="alert"]'));
}

function trashTitlesIn(response: LightMyRequestResponse): string[] {
  return [...parseHtml(response.body).querySelectorAll('tbody tr')].map((tr) =>
    textOf(tr.querySelector('td')),
  );
}

async function restoreEventsOf(pageId: string) {
  return t.database.db
    .selectFrom('audit_events')
    .select('id')
    .where('record_type', '=', 'page')
    .where('record_id', '=', pageId)
    .where('action', '=', 'restore')
    .execute();
}

describe('restoring from the trash', () => {
  it('refuses to bring back a sub-page while its parent page is still in the trash, and says so', async () => {
    const parentTitle = 'Rubrique des échanges';
    const childTitle = 'Échanges de printemps';
    const parentId = await publishedPage(parentTitle, 'rubrique-des-echanges', sectionId);
    const childId = await publishedPage(childTitle, 'echanges-de-printemps', parentId);
    const childUrl = `${SECTION_PATH}/rubrique-des-echanges/echanges-de-printemps`;
    expect((await get(childUrl)).statusCode).toBe(200);
    // The sub-page first, then its parent: two deletions, two rows in the trash.
    await deleteThroughForm(childId);
    await deleteThroughForm(parentId);
    const childBefore = await trashState(childId);
    const parentBefore = await trashState(parentId);
    expect(childBefore.deleted_at).not.toBeNull();
    expect(parentBefore.deleted_at).not.toBeNull();
    expect(childBefore.deletion_id).not.toBe(parentBefore.deletion_id);

    const action = await restoreActionOf(childTitle);
    expect(action).toBe(`/gestion/corbeille/${childBefore.deletion_id}/restaurer`);
    const refused = await post('/gestion/corbeille', action);

    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refusalOf(refused)).toBe(plainText(messages.trash.errors.parentInTrash(childTitle)));
    expect(textOf(parseHtml(refused.body).querySelector('title'))).toContain(
      plainText(messages.form.pageTitleError(messages.trash.pageTitle)),
    );
    // The trash is shown again, both deletions still listed.
    expect(trashTitlesIn(refused)).toEqual(expect.arrayContaining([parentTitle, childTitle]));

    // Nothing changed: both pages are still in the trash, as they were, and off the public site.
    expect(await trashState(childId)).toEqual(childBefore);
    expect(await trashState(parentId)).toEqual(parentBefore);
    expect(await restoreEventsOf(childId)).toEqual([]);
    expect((await get(childUrl)).statusCode).toBe(404);

    // As the message says: the parent first, then the sub-page comes back where it was.
    expect((await post('/gestion/corbeille', await restoreActionOf(parentTitle))).statusCode).toBe(303);
    expect((await post('/gestion/corbeille', await restoreActionOf(childTitle))).statusCode).toBe(303);
    expect((await get(childUrl)).statusCode).toBe(200);
  });

  it('refuses to bring back a page whose address another page has taken since, and says so', async () => {
    const oldTitle = 'Jumelage avec Taliouine';
    const newTitle = 'Nouveau jumelage';
    const url = `${SECTION_PATH}/jumelage`;
    const oldId = await publishedPage(oldTitle, 'jumelage', sectionId);
    await deleteThroughForm(oldId);
    // The address is free again once the page is in the trash: another page takes it.
    const newId = await publishedPage(newTitle, 'jumelage', sectionId);
    const oldBefore = await trashState(oldId);
    const newBefore = await trashState(newId);
    expect(oldBefore.deleted_at).not.toBeNull();
    expect(newBefore).toMatchObject({ parent_id: sectionId, slug: 'jumelage', deleted_at: null });

    const refused = await post('/gestion/corbeille', await restoreActionOf(oldTitle));

    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refusalOf(refused)).toBe(plainText(messages.trash.errors.addressTaken(oldTitle)));
    expect(trashTitlesIn(refused)).toContain(oldTitle);

    // Nothing changed: the old page stays in the trash, the new one keeps the address.
    expect(await trashState(oldId)).toEqual(oldBefore);
    expect(await trashState(newId)).toEqual(newBefore);
    expect(await restoreEventsOf(oldId)).toEqual([]);
    const shown = await get(url);
    expect(shown.statusCode).toBe(200);
    expect(textOf(parseHtml(shown.body).querySelector('h1'))).toBe(newTitle);
  });
});
