import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs } from '../../../test/helpers/session.js';
import { DEMO, DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';
import { enqueueJob } from '../../platform/jobs.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const account = (role: string) => DEMO_ACCOUNTS.find((candidate) => candidate.role === role)!;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['admin', 'editor', 'reader', 'partner']) {
    cookies[role] = await signInAs(t.app, account(role).email, account(role).password);
  }
});
afterAll(async () => {
  await t?.close();
});

async function dashboardOf(role: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: '/gestion',
    headers: { cookie: cookies[role]! },
  });
  expect(response.statusCode).toBe(200);
  return { body: response.body, document: parseHtml(response.body) };
}

const section = (document: Document, id: string) =>
  document.querySelector(`section[aria-labelledby="${id}"]`);

describe('the dashboard', () => {
  it('shows the drafts, the scheduled publications and the last changes, with links to each', async () => {
    const cookie = cookies.editor!;
    const parent = await t.database.db
      .selectFrom('pages')
      .select('id')
      .where('slug', '=', 'tout-savoir-sur-la-communaute-de-communes')
      .executeTakeFirstOrThrow();
    const token = await csrfFrom(t.app, '/gestion/pages/nouvelle', cookie);
    const created = await postForm(
      t.app,
      '/gestion/pages',
      { token, cookie },
      {
        title: 'Le forum des associations',
        slug: '',
        parent_id: parent.id,
        position: '0',
        summary: '',
        body_markdown: 'Texte.',
        contact_card_id: '',
      },
    );
    const id = created.headers.location!.split('/').pop()!;
    expect(
      (
        await postForm(
          t.app,
          `/gestion/pages/${id}/programmer`,
          { token, cookie },
          {
            publish_date: '2026-12-05',
            publish_time: '09:00',
          },
        )
      ).statusCode,
    ).toBe(303);

    for (const role of ['editor', 'reader']) {
      const { document, body } = await dashboardOf(role);
      expect(section(document, 'brouillons')?.querySelector(`a[href="/gestion/pages/${id}"]`)).not.toBeNull();
      expect(textOf(section(document, 'programmees'))).toContain('Le forum des associations');
      expect(textOf(section(document, 'programmees'))).toContain('5 décembre 2026 à 9 h 00');
      const latest = section(document, 'dernieres-modifications')?.querySelector('tbody tr');
      expect(textOf(latest?.querySelector('td:nth-child(3)'))).toBe(messages.history.actions.schedule);
      expect(textOf(latest?.querySelector('td:nth-child(4)'))).toBe(
        plainText('Page « Le forum des associations »'),
      );
      expect(latest?.querySelector('a')?.getAttribute('href')).toBe(`/gestion/pages/${id}`);
      await expectValidHtml(body, `dashboard of the ${role}`);
    }
  });

  it('tells the administrators, and them only, of failed background jobs', async () => {
    const workspace = await t.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', DEMO.workspaceSlug)
      .executeTakeFirstOrThrow();
    await enqueueJob(t.database.db, t.clock, {
      kind: 'publish-page',
      workspaceId: workspace.id,
      maxAttempts: 1,
    });
    await t.app.jobs.runner.runDue();
    const admin = await dashboardOf('admin');
    expect(admin.document.querySelector('a[href="/gestion/taches"]')).not.toBeNull();
    expect(textOf(admin.document.querySelector('main .notice'))).toContain(
      plainText(messages.admin.dashboard.failedJobs(1)),
    );
    const editor = await dashboardOf('editor');
    expect(editor.document.querySelector('main .notice')).toBeNull();
    // A partner sees none of the content: only the partnership shared with its organisation.
    const partner = await dashboardOf('partner');
    expect(section(partner.document, 'brouillons')).toBeNull();
    const shared = [...partner.document.querySelectorAll('#partage-titre + ul a')].map((link) =>
      textOf(link),
    );
    expect(shared).toEqual([
      plainText(messages.partnerships.title(DEMO.workspaceName, 'Commune de Taliouine')),
    ]);
    expect(textOf(partner.document.querySelector('main'))).not.toContain(
      plainText(messages.admin.dashboard.partnerNothingShared),
    );
  });
});
