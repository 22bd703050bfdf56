import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, textOf } from '../../../test/helpers/html.js';
import { mailFilesTo } from '../../../test/helpers/mail.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { signInAs, submitForm } from '../../../test/helpers/session.js';
import { DEMO, DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';

/**
 * Review of changes to a published page: a contributor proposes them, the people who may publish
 * are told (dashboard, e-mail through the job queue), one of them sends them back with a comment
 * that the contributor reads, then publishes the next proposal. The public page changes only then.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
let pageId: string;
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const text = messages.pages;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['admin', 'editor', 'contributor']) {
    cookies[role] = await signInAs(t.app, account(role).email, account(role).password);
  }
  pageId = (
    await t.database.db
      .selectFrom('pages')
      .select('id')
      .where('slug', '=', DEMO.cooperationPath.split('/').pop()!)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, cookie?: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return { response, document: parseHtml(response.body) };
}

const publicTitle = async () => textOf((await get(DEMO.cooperationPath)).document.querySelector('h1'));

describe('review of changes to a published page', () => {
  it('goes from a contributor’s proposal to the reviewers, back with a comment, then to the public', async () => {
    const formUrl = `/gestion/pages/${pageId}`;
    const proposed = await submitForm(t.app, formUrl, cookies.contributor!, {
      title: 'La coopération avec Taliouine',
      intention: 'proposer',
    });
    expect(proposed.statusCode).toBe(303);
    expect(await publicTitle()).toBe(DEMO.cooperationTitle);

    // The reviewers hear of it by e-mail, through the queue; the author does not.
    expect(await mailFilesTo(t.config.dataDir, account('editor').email)).toHaveLength(0);
    await t.app.jobs.runner.runDue();
    for (const role of ['editor', 'admin']) {
      const mails = await mailFilesTo(t.config.dataDir, account(role).email);
      expect(mails, role).toHaveLength(1);
      expect(mails[0]!.subject).toContain('La coopération avec Taliouine');
      expect(mails[0]!.text).toContain(`/gestion/pages/${pageId}/modifications`);
      expect(mails[0]!.text).toContain(account('contributor').name);
    }
    expect(await mailFilesTo(t.config.dataDir, account('contributor').email)).toHaveLength(0);

    // On the editor's dashboard, under "À relire".
    const dashboard = await get('/gestion', cookies.editor);
    const review = dashboard.document.querySelector('[aria-labelledby="a-relire"]');
    expect(review?.querySelector(`a[href="${formUrl}/modifications"]`)).not.toBeNull();
    expect(textOf(review)).toContain(account('contributor').name);

    // The review screen: what changes, word by word.
    const changes = await get(`${formUrl}/modifications`, cookies.editor);
    expect(changes.response.statusCode).toBe(200);
    await expectValidHtml(changes.response.body, 'review of unpublished changes');
    const diff = changes.document.querySelector('dl.history-change');
    expect(textOf(diff?.querySelector('ins'))).toContain('avec Taliouine');
    expect(textOf(diff?.querySelector('del'))).toContain('décentralisée');

    // Sent back: a comment is required, and the contributor reads it.
    const empty = await submitForm(
      t.app,
      `${formUrl}/modifications`,
      cookies.editor!,
      { comment: '  ' },
      {
        action: `${formUrl}/renvoyer`,
      },
    );
    expect(empty.statusCode).toBe(400);
    expect(textOf(parseHtml(empty.body).getElementById('comment-error'))).toContain(
      text.errors.commentRequired,
    );
    const comment = 'Gardez le mot « décentralisée » : c’est le terme de la loi.';
    expect(
      (
        await submitForm(
          t.app,
          `${formUrl}/modifications`,
          cookies.editor!,
          { comment },
          {
            action: `${formUrl}/renvoyer`,
          },
        )
      ).statusCode,
    ).toBe(303);
    const contributorForm = await get(formUrl, cookies.contributor);
    expect(
      textOf(contributorForm.document.getElementById('modifications-en-attente')?.parentElement),
    ).toContain(comment);
    await expectValidHtml(contributorForm.response.body, 'page form with changes sent back');
    await expectValidHtml(dashboard.response.body, 'dashboard with changes to review');
    const contributorDashboard = await get('/gestion', cookies.contributor);
    await expectValidHtml(contributorDashboard.response.body, 'dashboard with changes sent back');
    expect(textOf(contributorDashboard.document.querySelector('[aria-labelledby="renvoyees"]'))).toContain(
      comment,
    );
    expect(
      (await get('/gestion', cookies.editor)).document.querySelector('[aria-labelledby="a-relire"]'),
    ).toBeNull();

    // Changed and proposed again, then published by the editor: only now the public page changes.
    await submitForm(t.app, formUrl, cookies.contributor!, {
      title: 'La coopération décentralisée avec Taliouine',
      intention: 'proposer',
    });
    expect(await publicTitle()).toBe(DEMO.cooperationTitle);
    const published = await submitForm(
      t.app,
      `${formUrl}/modifications`,
      cookies.editor!,
      {},
      {
        action: `${formUrl}/publier-modifications`,
      },
    );
    expect(published.statusCode).toBe(303);
    expect(await publicTitle()).toBe('La coopération décentralisée avec Taliouine');
    expect(
      (await get(formUrl, cookies.contributor)).document.getElementById('modifications-en-attente'),
    ).toBeNull();

    // The history tells the story.
    const history = textOf(
      (await get(`${formUrl}/historique`, cookies.editor)).document.querySelector('main'),
    );
    for (const action of ['update_draft', 'propose_changes', 'return_changes', 'publish_changes']) {
      expect(history).toContain(messages.history.actions[action]);
    }
  });

  it('refuses to publish changes saved after the reviewer opened them', async () => {
    const formUrl = `/gestion/pages/${pageId}`;
    await submitForm(t.app, formUrl, cookies.contributor!, { summary: 'Première proposition.' });
    const seenVersion = (await get(`${formUrl}/modifications`, cookies.editor)).document
      .querySelector(`form[action$="/publier-modifications"] input[name="version"]`)
      ?.getAttribute('value');
    expect(seenVersion).toBeTruthy();
    await submitForm(t.app, formUrl, cookies.contributor!, { summary: 'Seconde proposition, pas relue.' });
    const refused = await t.app.inject({
      method: 'POST',
      url: `${formUrl}/publier-modifications`,
      headers: { cookie: cookies.editor!, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: parseHtml((await get(`${formUrl}/modifications`, cookies.editor)).response.body)
          .querySelector('input[name="_csrf"]')!
          .getAttribute('value')!,
        version: seenVersion!,
      }).toString(),
    });
    expect(refused.statusCode).toBe(409);
    expect(textOf(parseHtml(refused.body).querySelector('[aria-labelledby="conflict-title"]'))).toContain(
      'Seconde proposition',
    );
    expect(textOf((await get(DEMO.cooperationPath)).document.querySelector('main'))).not.toContain(
      'Seconde proposition',
    );
  });
});
