import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs, submitForm } from '../../../test/helpers/session.js';
import type { Role } from '../../db/schema.js';
import { DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { DEMO_MISSION, DEMO_PROJECTS } from '../../db/seeds/demo-projects.js';
import { messages } from '../../platform/i18n/fr.js';

/**
 * The review of a project's children (step 8 on step 6): a contributor's changes to a
 * transaction, a result or a mission wait aside until an editor applies them or sends them
 * back with a comment, exactly as a project's do (projects.int.test.ts).
 */
let t: TestApp;
const cookies = {} as Record<'editor' | 'contributor', string>;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['editor', 'contributor'] as const) {
    const account = DEMO_ACCOUNTS.find((a) => a.role === (role as Role))!;
    cookies[role] = await signInAs(t.app, account.email, account.password);
  }
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
  return postForm(t.app, url, { token, cookie: cookies[who] }, fields);
}

interface Child {
  kind: string;
  table: 'project_transactions' | 'project_results' | 'missions';
  recordType: string;
  /** The child of the demo this test edits. */
  find: () => Promise<string>;
  address: (id: string) => string;
  /** The field the contributor changes, in the form and in the table. */
  field: string;
  column: 'description' | 'title' | 'purpose';
  proposed: string;
  label: string;
}

const school = () =>
  t.database.db
    .selectFrom('projects')
    .select('id')
    .where('title', '=', DEMO_PROJECTS.school)
    .executeTakeFirstOrThrow();

const CHILDREN: Child[] = [
  {
    kind: 'a transaction',
    table: 'project_transactions',
    recordType: 'project_transaction',
    find: async () =>
      (
        await t.database.db
          .selectFrom('project_transactions')
          .select('id')
          .where('project_id', '=', (await school()).id)
          .where('currency', '=', 'MAD')
          .executeTakeFirstOrThrow()
      ).id,
    address: (id) => `/gestion/operations/${id}`,
    field: 'description',
    column: 'description',
    proposed: 'Mobilier scolaire livré par l’entreprise de Taliouine',
    label: messages.transactions.fields.description,
  },
  {
    kind: 'a result',
    table: 'project_results',
    recordType: 'project_result',
    find: async () =>
      (
        await t.database.db
          .selectFrom('project_results')
          .select('id')
          .where('project_id', '=', (await school()).id)
          .executeTakeFirstOrThrow()
      ).id,
    address: (id) => `/gestion/resultats/${id}`,
    field: 'title',
    column: 'title',
    proposed: 'Des élèves mieux accueillis à l’école de Taliouine',
    label: messages.results.fields.title,
  },
  {
    kind: 'a mission',
    table: 'missions',
    recordType: 'mission',
    find: async () =>
      (
        await t.database.db
          .selectFrom('missions')
          .select('id')
          .where('title', '=', DEMO_MISSION.title)
          .executeTakeFirstOrThrow()
      ).id,
    address: (id) => `/gestion/missions/${id}`,
    field: 'purpose',
    column: 'purpose',
    proposed: 'Voir le mobilier livré et rencontrer les enseignants.',
    label: messages.missions.fields.purpose,
  },
];

describe.each(CHILDREN)('changes a contributor proposes to $kind', (child) => {
  it('wait aside until an editor applies them, or sends them back with a comment', async () => {
    const id = await child.find();
    const url = child.address(id);
    const stored = async () =>
      String(
        (
          await t.database.db
            .selectFrom(child.table)
            .select(child.column)
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        )[child.column as keyof object],
      );
    const before = await stored();

    const proposed = await submitForm(t.app, url, cookies.contributor, { [child.field]: child.proposed });
    expect(proposed.statusCode, proposed.body.slice(0, 300)).toBe(303);
    // Nothing changed yet; the contributor's form goes on from the proposal.
    expect(await stored()).toBe(before);
    const forContributor = await get(url, 'contributor');
    const shown = forContributor.document.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      `#${child.field}`,
    );
    expect(shown?.value ?? textOf(shown)).toBe(child.proposed);

    // The editor sees it on the dashboard and on the record's page, with what it changes.
    const dashboard = await get('/gestion', 'editor');
    expect(
      [...dashboard.document.querySelectorAll('#projets-a-relire ~ ul a')].map((a) => a.getAttribute('href')),
    ).toContain(url);
    const forEditor = await get(url, 'editor');
    const notice = forEditor.document.querySelector('[aria-labelledby="relecture"]');
    expect([...(notice?.querySelectorAll('li') ?? [])].map((li) => textOf(li))).toEqual([
      plainText(child.label),
    ]);
    await expectValidHtml(forEditor.response.body, `${child.kind} with changes to review`);

    // Sent back: a comment is required, then shown to the author.
    const noComment = await post('editor', `${url}/renvoyer`, { comment: '' });
    expect(noComment.statusCode).toBe(400);
    expect(textOf(parseHtml(noComment.body).querySelector('#comment-error'))).toContain(
      plainText(messages.review.commentRequired),
    );
    expect(
      (await post('editor', `${url}/renvoyer`, { comment: 'Précisez, s’il vous plaît.' })).statusCode,
    ).toBe(303);
    const returned = await get(url, 'contributor');
    expect(textOf(returned.document.querySelector('[aria-labelledby="relecture"]'))).toContain(
      'Précisez, s’il vous plaît.',
    );
    await expectValidHtml(returned.response.body, `${child.kind} sent back to its author`);

    // Proposed again, then applied; an apply over a newer version is refused, and a contributor may not apply.
    expect(
      (await submitForm(t.app, url, cookies.contributor, { [child.field]: `${child.proposed} !` }))
        .statusCode,
    ).toBe(303);
    const opened = (await get(url, 'editor')).document.querySelector<HTMLInputElement>(
      '[action$="/appliquer"] [name="version"]',
    )!.value;
    expect((await post('contributor', `${url}/appliquer`, { version: opened })).statusCode).toBe(403);
    expect(
      (await post('editor', `${url}/appliquer`, { version: String(Number(opened) - 1) })).statusCode,
    ).toBe(409);
    expect(await stored()).toBe(before);
    expect((await post('editor', `${url}/appliquer`, { version: opened })).statusCode).toBe(303);
    expect(await stored()).toBe(`${child.proposed} !`);
    expect((await get(url, 'editor')).document.querySelector('[aria-labelledby="relecture"]')).toBeNull();
    // Applying again finds nothing to apply.
    const twice = await post('editor', `${url}/appliquer`, {
      version: (await get(url, 'editor')).document.querySelector<HTMLInputElement>('[name="version"]')!.value,
    });
    expect(twice.statusCode).toBe(400);
    expect(textOf(parseHtml(twice.body).querySelector('.error-summary'))).toContain(
      plainText(messages.review.nothingProposed),
    );

    // The history tells each step.
    const actions = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', child.recordType)
      .where('record_id', '=', id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'propose_changes',
      'return_changes',
      'propose_changes',
      'apply_changes',
    ]);
    const history = await get(`${url}/historique`, 'editor');
    expect(textOf(history.document.querySelector('main'))).toContain(
      plainText(messages.history.actions.apply_changes!),
    );
  });
});

describe('an editor saves at once', () => {
  it('changes a child without a review, and leaves nothing to apply', async () => {
    const child = CHILDREN[0]!;
    const id = await child.find();
    const saved = await submitForm(t.app, child.address(id), cookies.editor, {
      description: 'Réglé à la livraison',
    });
    expect(saved.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('project_transactions')
      .select('description')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('Réglé à la livraison');
    const drafts = await t.database.db
      .selectFrom('record_drafts')
      .select('record_id')
      .where('record_id', '=', id)
      .execute();
    expect(drafts).toEqual([]);
  });
});

describe('changes proposed to a child are checked again when applied', () => {
  it('refuses a transaction whose document went away meanwhile, and keeps the proposal', async () => {
    const child = CHILDREN[0]!;
    const id = await child.find();
    const url = child.address(id);
    const { workspace_id } = await t.database.db
      .selectFrom('project_transactions')
      .select('workspace_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const now = new Date();
    const invoice = await t.database.db
      .insertInto('documents')
      .values({
        workspace_id,
        name: 'facture-mobilier',
        title: 'Facture du mobilier scolaire',
        language: 'fr',
        document_date: '2025-10-01',
        storage_key: `${workspace_id}/documents/facture-mobilier.pdf`,
        mime_type: 'application/pdf',
        extension: 'pdf',
        byte_size: 1000,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await submitForm(t.app, url, cookies.contributor, { document_id: invoice.id })).statusCode).toBe(
      303,
    );
    await t.database.db.deleteFrom('documents').where('id', '=', invoice.id).execute();

    const version = (await get(url, 'editor')).document.querySelector<HTMLInputElement>(
      '[action$="/appliquer"] [name="version"]',
    )!.value;
    const refused = await post('editor', `${url}/appliquer`, { version });
    expect(refused.statusCode).toBe(400);
    expect(textOf(parseHtml(refused.body).querySelector('.error-summary'))).toContain(
      plainText(messages.transactions.errors.documentUnknown),
    );
    const row = await t.database.db
      .selectFrom('project_transactions')
      .select('document_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.document_id).toBeNull();
    // The refusal undid the taking: the proposal still waits, for the editor to send it back.
    expect(parseHtml(refused.body).querySelector('[action$="/renvoyer"]')).not.toBeNull();
  });
});
