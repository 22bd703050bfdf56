import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, mergeCookies, postForm, signInAs } from '../../../test/helpers/session.js';
import { DEMO, DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';
import { enqueueJob, retryDelayMs } from '../../platform/jobs.js';

let t: TestApp;
let admin: string;
let editor: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  const account = (role: string) => DEMO_ACCOUNTS.find((candidate) => candidate.role === role)!;
  admin = await signInAs(t.app, account('admin').email, account('admin').password);
  editor = await signInAs(t.app, account('editor').email, account('editor').password);
  workspaceId = (
    await t.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', DEMO.workspaceSlug)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('failed jobs', () => {
  it('retries a failing job, then lists it for the administrators, who may run it again', async () => {
    // A scheduled publication naming no page: its handler fails every time.
    await enqueueJob(t.database.db, t.clock, { kind: 'publish-page', workspaceId, maxAttempts: 2 });
    expect(await t.app.jobs.runner.runDue()).toBe(1);
    const listedTooSoon = parseHtml((await get('/gestion/taches', admin)).body);
    expect(textOf(listedTooSoon.querySelector('main'))).toContain(plainText(messages.jobs.empty));
    t.clock.advance(retryDelayMs(1));
    expect(await t.app.jobs.runner.runDue()).toBe(1);

    const page = await get('/gestion/taches', admin);
    expect(page.statusCode).toBe(200);
    const rows = [...parseHtml(page.body).querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(1);
    const cells = [...rows[0]!.querySelectorAll('td')].map((cell) => textOf(cell));
    expect(cells[0]).toBe(plainText(messages.jobs.kinds['publish-page']!));
    expect(cells[2]).toBe('2');
    expect(cells[3]).toBe('publish-page: no page named');
    // Editors do not see it: what to do about a failed job is an administrator's call.
    expect((await get('/gestion/taches', editor)).statusCode).toBe(403);

    await expectValidHtml(page.body, 'failed jobs');
    const retry = rows[0]!.querySelector('form')!.getAttribute('action')!;
    const token = await csrfFrom(t.app, '/gestion/taches', admin);
    const retried = await postForm(t.app, retry, { token, cookie: admin }, {});
    expect(retried.statusCode).toBe(303);
    const after = parseHtml((await get('/gestion/taches', mergeCookies(admin, retried))).body);
    expect(textOf(after.querySelector('[role="status"]'))).toBe(plainText(messages.jobs.retried));
    expect(after.querySelectorAll('tbody tr')).toHaveLength(0);
    // Relaunched at once, its attempts counted afresh: it fails again, and waits for its retry.
    await t.app.jobs.runner.runDue();
    const job = await t.database.db
      .selectFrom('jobs')
      .select(['state', 'attempts'])
      .where('kind', '=', 'publish-page')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ state: 'queued', attempts: 1 });

    // Asked twice (a second tab): it is not failed any more, and the page says so.
    const again = await postForm(t.app, retry, { token, cookie: admin }, {});
    expect(again.statusCode).toBe(409);
    expect(textOf(parseHtml(again.body).querySelector('[role="alert"]'))).toBe(
      plainText(messages.jobs.notFound),
    );
  });
});
