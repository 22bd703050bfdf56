import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { type FilePart, multipart } from '../../../test/helpers/multipart.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs, submitForm } from '../../../test/helpers/session.js';
import { DEMO, DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { simplePdf } from '../../db/seeds/pdf.js';
import { formatByteSize } from '../../platform/file-size.js';
import { messages } from '../../platform/i18n/fr.js';

const text = messages.documents;
let t: TestApp;
const cookies: Record<string, string> = {};
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['admin', 'editor', 'contributor']) {
    cookies[role] = await signInAs(t.app, account(role).email, account(role).password);
  }
});
afterAll(async () => {
  await t?.close();
});

async function upload(
  fields: Record<string, string>,
  file: FilePart | null,
): Promise<LightMyRequestResponse> {
  const token = await csrfFrom(t.app, '/gestion/documents/nouveau', cookies.editor!);
  const body = multipart({ _csrf: token, ...fields }, file);
  return t.app.inject({
    method: 'POST',
    url: '/gestion/documents',
    headers: { cookie: cookies.editor!, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const errorOf = (response: LightMyRequestResponse, field: string) =>
  textOf(parseHtml(response.body).getElementById(`${field}-error`));

/** A minimal ZIP file (an empty archive): neither an office document nor anything accepted. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('documents', () => {
  it('keeps a PDF, links it from a page with its type and size, and serves it intact as a download', async () => {
    const pdf = simplePdf('Rapport de mission 2025', ['Visite de l’école primaire de Taliouine.']);
    const sent = await upload(
      { title: 'Rapport de mission 2025', name: '', language: 'fr', document_date: '2025-04-10' },
      { fileName: 'rapport.pdf', content: pdf, contentType: 'application/pdf' },
    );
    expect(sent.statusCode, sent.body.slice(0, 300)).toBe(303);
    const form = await t.app.inject({
      method: 'GET',
      url: sent.headers.location!,
      headers: { cookie: cookies.editor! },
    });
    await expectValidHtml(form.body, 'document form');
    expect(textOf(parseHtml(form.body).querySelector('main code'))).toBe(
      '{{document:rapport-de-mission-2025}}',
    );

    // Placed in the cooperation page, published with it.
    const pageId = (
      await t.database.db
        .selectFrom('pages')
        .select(['id', 'body_markdown'])
        .where('slug', '=', 'la-cooperation-decentralisee')
        .executeTakeFirstOrThrow()
    ).id;
    const body = (
      await t.database.db
        .selectFrom('pages')
        .select('body_markdown')
        .where('id', '=', pageId)
        .executeTakeFirstOrThrow()
    ).body_markdown;
    const saved = await submitForm(t.app, `/gestion/pages/${pageId}`, cookies.editor!, {
      body_markdown: `${body}\n\nLire le {{document:rapport-de-mission-2025}} en entier.`,
      intention: 'publier',
    });
    expect(saved.statusCode).toBe(303);
    const page = parseHtml((await t.app.inject({ method: 'GET', url: DEMO.cooperationPath })).body);
    const link = [...page.querySelectorAll('main a')].find((a) =>
      a.getAttribute('href')?.startsWith('/documents/'),
    );
    expect(textOf(link)).toBe(plainText(`Rapport de mission 2025 (PDF, ${formatByteSize(pdf.length)})`));

    const file = await t.app.inject({ method: 'GET', url: link!.getAttribute('href')! });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      'attachment; filename="rapport-de-mission-2025.pdf"; filename*=UTF-8\'\'rapport-de-mission-2025.pdf',
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    // Under another file name, the same id answers nothing.
    expect(
      (await t.app.inject({ method: 'GET', url: link!.getAttribute('href')!.replace('.pdf', '.exe') }))
        .statusCode,
    ).toBe(404);

    // Used by a page: its deletion is refused, naming the page.
    const documentId = sent.headers.location!.split('/').pop()!;
    const confirm = await t.app.inject({
      method: 'GET',
      url: `/gestion/documents/${documentId}/supprimer`,
      headers: { cookie: cookies.editor! },
    });
    expect(parseHtml(confirm.body).querySelector('form[action$="/supprimer"]')).toBeNull();
    const token = await csrfFrom(t.app, `/gestion/documents/${documentId}`, cookies.editor!);
    const refused = await postForm(
      t.app,
      `/gestion/documents/${documentId}/supprimer`,
      { token, cookie: cookies.editor! },
      {},
    );
    expect(refused.statusCode).toBe(409);
    expect(textOf(parseHtml(refused.body).querySelector('main'))).toContain(DEMO.cooperationTitle);
  });

  it('reads the type from the bytes: a CSV in UTF-8 and the office formats pass, anything else is refused beside the file', async () => {
    const csv = await upload(
      { title: 'Budget 2025', name: 'budget-2025', language: 'fr', document_date: '' },
      {
        fileName: 'budget.csv',
        content: Buffer.from('poste;montant\nécole;12000\n', 'utf8'),
        contentType: 'text/csv',
      },
    );
    expect(csv.statusCode).toBe(303);
    const pngNamedPdf = await upload(
      { title: 'Faux PDF', language: 'fr' },
      { fileName: 'faux.pdf', content: PNG, contentType: 'application/pdf' },
    );
    expect(pngNamedPdf.statusCode).toBe(400);
    expect(errorOf(pngNamedPdf, 'file')).toContain(plainText(text.errors.fileType));
    const zip = await upload(
      { title: 'Archive', language: 'fr' },
      { fileName: 'a.docx', content: EMPTY_ZIP },
    );
    expect(errorOf(zip, 'file')).toContain(plainText(text.errors.fileType));
    const latin1Csv = await upload(
      { title: 'Tableau', language: 'fr' },
      { fileName: 't.csv', content: Buffer.from('poste;montant\nécole;1\n', 'latin1') },
    );
    expect(errorOf(latin1Csv, 'file')).toContain(plainText(text.errors.fileType));
    const tooLarge = await upload(
      { title: 'Trop lourd', language: 'fr' },
      {
        fileName: 'gros.pdf',
        content: Buffer.concat([simplePdf('Gros', []), Buffer.alloc(20 * 1024 * 1024)]),
      },
    );
    expect(tooLarge.statusCode).toBe(400);
    expect(errorOf(tooLarge, 'file')).toContain(plainText(text.errors.fileTooLarge));
    // Every message at once, what was typed kept.
    const nothing = await upload({ title: '', language: 'xx', document_date: '2025-02-30' }, null);
    expect(nothing.statusCode).toBe(400);
    await expectValidHtml(nothing.body, 'document upload with errors');
    expect(errorOf(nothing, 'file')).toContain(plainText(text.errors.fileRequired));
    expect(errorOf(nothing, 'title')).toContain(plainText(text.errors.titleRequired));
    expect(errorOf(nothing, 'document_date')).toContain(plainText(text.errors.dateInvalid));
  });

  it('refuses a page that names an unknown document, beside the text', async () => {
    const pageId = (
      await t.database.db
        .selectFrom('pages')
        .select('id')
        .where('slug', '=', 'la-cooperation-decentralisee')
        .executeTakeFirstOrThrow()
    ).id;
    const refused = await submitForm(t.app, `/gestion/pages/${pageId}`, cookies.editor!, {
      body_markdown: 'Voir {{document:inconnu}}.',
    });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused, 'body_markdown')).toContain(
      plainText(messages.pages.errors.unknownDocument('inconnu')),
    );
  });

  it('edits a document against its version, trashes it, restores it, and keeps its history', async () => {
    const sent = await upload(
      { title: 'Compte rendu du conseil', name: 'compte-rendu', language: 'fr' },
      { fileName: 'cr.pdf', content: simplePdf('Compte rendu', ['Séance du 3 mars.']) },
    );
    const id = sent.headers.location!.split('/').pop()!;
    const url = `/gestion/documents/${id}`;
    const edited = await submitForm(t.app, url, cookies.editor!, {
      title: 'Compte rendu du conseil communautaire',
    });
    expect(edited.statusCode).toBe(303);
    // A form opened before that save is refused, with what changed.
    const stale = await submitForm(t.app, url, cookies.admin!, { title: 'Autre titre', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(textOf(parseHtml(stale.body).querySelector('[aria-labelledby="conflict-title"]'))).toContain(
      'Compte rendu du conseil communautaire',
    );
    expect(
      (await submitForm(t.app, `${url}/supprimer`, cookies.editor!, {}, { action: `${url}/supprimer` }))
        .statusCode,
    ).toBe(303);
    expect(
      (await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.editor! } })).statusCode,
    ).toBe(404);
    const trash = parseHtml(
      (await t.app.inject({ method: 'GET', url: '/gestion/corbeille', headers: { cookie: cookies.editor! } }))
        .body,
    );
    const restore = [...trash.querySelectorAll('form[action$="/restaurer"]')].find((form) =>
      textOf(form).includes('Compte rendu du conseil communautaire'),
    );
    expect(restore).toBeTruthy();
    expect(
      (
        await submitForm(
          t.app,
          '/gestion/corbeille',
          cookies.editor!,
          {},
          { action: restore!.getAttribute('action')! },
        )
      ).statusCode,
    ).toBe(303);
    const history = await t.app.inject({
      method: 'GET',
      url: `${url}/historique`,
      headers: { cookie: cookies.editor! },
    });
    await expectValidHtml(history.body, 'document history');
    const steps = textOf(parseHtml(history.body).querySelector('tbody'));
    for (const action of ['create', 'update', 'delete', 'restore'])
      expect(steps).toContain(messages.history.actions[action]);
  });

  it('lists the workspace’s documents to a contributor, each with its code', async () => {
    const demo = await t.database.db
      .selectFrom('documents')
      .select('id')
      .where('name', '=', DEMO.documentName)
      .executeTakeFirstOrThrow();
    const list = await t.app.inject({
      method: 'GET',
      url: '/gestion/documents',
      headers: { cookie: cookies.contributor! },
    });
    expect(list.statusCode).toBe(200);
    await expectValidHtml(list.body, 'documents list');
    expect(list.body).toContain(`/gestion/documents/${demo.id}`);
  });
});
