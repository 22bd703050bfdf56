import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/db/seeds/demo.js';
import { DEMO_PROJECTS } from '../../src/db/seeds/demo-projects.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { adminNav, clickThrough, flash, signInThroughForm } from '../helpers/backoffice.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import {
  collectPageErrors,
  expectPageChecksPass,
  expectValidHtml,
  readText,
} from '../helpers/page-checks.js';
import { type RunningServer, startServer } from '../helpers/server.js';

const news = messages.projectUpdates;
const TITLE = 'بداية أشغال المكتبة';
const BODY = 'بدأت اليوم أشغال تهيئة مكتبة المدرسة الابتدائية بتالوين، بمشاركة جمعية الآباء.';

/**
 * Step 8's journey: Taliouine's partner account, without JavaScript, proposes news of the school
 * project in Arabic; an editor publishes it from the dashboard; the project's page shows it right
 * to left, in Arabic, to the editor and to the partner.
 */
describe('news of a project, from the partner’s Arabic to the project’s page', () => {
  let server: RunningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const main = (page: Page) => page.getByRole('main');
  const account = (role: 'editor' | 'partner') => DEMO_ACCOUNTS.find((candidate) => candidate.role === role)!;

  test('the partner proposes it in Arabic, an editor publishes it, the project shows it right to left', async () => {
    // The partner, without JavaScript.
    const partnerContext = await browser.newContext({ javaScriptEnabled: false });
    const partner = await partnerContext.newPage();
    const partnerErrors = collectPageErrors(partner);
    await signInThroughForm(partner, server.baseUrl, account('partner'));
    await clickThrough(partner, adminNav(partner).getByRole('link', { name: messages.admin.nav.projects }));
    await clickThrough(partner, main(partner).getByRole('link', { name: DEMO_PROJECTS.school }));
    const form = await clickThrough(partner, main(partner).getByRole('link', { name: news.propose }));
    await expectValidHtml(await form.text(), 'the news form, without JavaScript');
    // Its language comes first: Arabic, the school project's partner language.
    expect(await main(partner).getByLabel(news.fields.language).inputValue()).toBe('ar');
    await main(partner).getByLabel(news.fields.title).fill(TITLE);
    await main(partner).getByLabel(news.fields.body).fill(BODY);
    await clickThrough(partner, main(partner).getByRole('button', { name: news.create, exact: true }));
    expect(await readText(flash(partner))).toBe(news.proposed);
    expect(await readText(partner.locator('.status-box strong'))).toBe(news.statuses.proposed);
    expect(partnerErrors).toEqual([]);

    // The editor, with JavaScript (axe runs in the page): the dashboard lists it.
    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    const editorErrors = collectPageErrors(editor);
    await signInThroughForm(editor, server.baseUrl, account('editor'));
    const awaiting = editor.getByRole('region', { name: news.awaitingTitle, exact: true });
    const link = awaiting.getByRole('link', { name: TITLE });
    expect(await link.getAttribute('lang')).toBe('ar');
    const review = await clickThrough(editor, link);
    await expectPageChecksPass(editor, review, 'news to review, with its Arabic text');
    const project = await clickThrough(
      editor,
      main(editor).getByRole('button', { name: news.publish, exact: true }),
    );
    expect(await readText(flash(editor))).toBe(news.published);
    await expectPageChecksPass(editor, project, 'a project with news in Arabic');

    // The project's page shows it right to left, as the browser lays it out.
    const article = main(editor)
      .locator('article.project-update')
      .filter({ has: editor.getByRole('heading', { name: TITLE }) });
    const heading = article.getByRole('heading', { name: TITLE });
    expect(await heading.getAttribute('lang')).toBe('ar');
    expect(await heading.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    const text = article.locator('p.preserve-lines');
    expect(await readText(text)).toBe(BODY);
    expect(await text.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(editorErrors).toEqual([]);
    await editorContext.close();

    // The partner now reads it published on the project's page.
    await partner.reload();
    await clickThrough(
      partner,
      main(partner).getByRole('link', {
        name: `${messages.projects.backToProject} « ${DEMO_PROJECTS.school} »`,
      }),
    );
    const published = main(partner).getByRole('heading', { name: TITLE });
    expect(await published.getAttribute('dir')).toBe('rtl');
    await partnerContext.close();
  });
});
