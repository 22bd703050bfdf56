import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../src/db/seeds/demo.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import {
  axeViolations,
  collectPageErrors,
  expectPageChecksPass,
  htmlErrors,
  nextDocumentResponse,
  readText,
  readTexts,
} from '../helpers/page-checks.js';
import { type RunningServer, startServer } from '../helpers/server.js';

const SHARE_FORM_PATH = `/envoyer-a-un-ami?page=${encodeURIComponent(DEMO.cooperationPath)}`;

interface PublicPage {
  label: string;
  path: string;
  status: number;
  /** The page's main heading: proof that the page checked is the page meant, not an error page. */
  heading: string;
  /** Something only that page shows, when the heading is shared (the search pages). */
  shows?: string;
}

const PUBLIC_PAGES: PublicPage[] = [
  { label: 'home page', path: '/', status: 200, heading: 'Accueil' },
  { label: 'cooperation page', path: DEMO.cooperationPath, status: 200, heading: DEMO.cooperationTitle },
  {
    label: 'printable cooperation page',
    path: `${DEMO.cooperationPath}?version=impression`,
    status: 200,
    heading: DEMO.cooperationTitle,
  },
  { label: 'page three levels down', path: DEMO.partnerPath, status: 200, heading: DEMO.partnerTitle },
  {
    label: 'search with results',
    path: '/recherche?q=cooperation+decentralisee',
    status: 200,
    heading: messages.search.pageTitle,
    shows: 'correspond',
  },
  {
    label: 'search without result',
    path: '/recherche?q=zzzzqqq',
    status: 200,
    heading: messages.search.pageTitle,
    shows: messages.search.noResultTitle('zzzzqqq'),
  },
  {
    label: 'empty search',
    path: '/recherche?q=',
    status: 200,
    heading: messages.search.pageTitle,
    shows: messages.search.emptyQuery,
  },
  { label: 'contact page', path: '/contact', status: 200, heading: messages.contact.pageTitle },
  { label: 'site map', path: '/plan-du-site', status: 200, heading: messages.siteMap.pageTitle },
  { label: 'legal notice', path: '/mentions-legales', status: 200, heading: messages.legal.pageTitle },
  {
    label: 'accessibility statement',
    path: '/accessibilite',
    status: 200,
    heading: messages.accessibility.pageTitle,
  },
  { label: '404 page', path: '/cette-page-n-existe-pas', status: 404, heading: messages.notFound.pageTitle },
  { label: 'send-to-friend form', path: SHARE_FORM_PATH, status: 200, heading: messages.share.pageTitle },
];

describe('public pages: axe (WCAG 2.1 A and AA) and html-validate find nothing', () => {
  let server: RunningServer;
  let browser: TestBrowser;
  let context: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await browser.newContext();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // A check that finds nothing proves something only if it would find a fault: here are two.
  test('the checks report faults when a page has some', async () => {
    const faulty =
      '<!DOCTYPE html><html><head><title>Faute</title></head><body>' +
      '<main><img src="/assets/none.png"><input type="text" name="q"><p><div>bloc</div></p></main></body></html>';
    expect(await htmlErrors(faulty)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^wcag\/h37 /), expect.stringMatching(/^close-order /)]),
    );
    const page = await context.newPage();
    try {
      await page.setContent(faulty);
      const violations = await axeViolations(page);
      for (const rule of ['html-has-lang', 'image-alt', 'label']) {
        expect(violations).toEqual(
          expect.arrayContaining([expect.stringMatching(new RegExp(`^${rule} \\[`))]),
        );
      }
    } finally {
      await page.close();
    }
  });

  test.each(PUBLIC_PAGES)('$label ($path)', async ({ label, path, status, heading, shows }) => {
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    try {
      const response = await page.goto(server.url(path));
      expect(response?.status(), `status of ${path}`).toBe(status);
      await expect.poll(() => readText(page.locator('h1'))).toBe(heading);
      if (shows) expect(await readText(page.locator('main'))).toContain(shows);
      await expectPageChecksPass(page, response, label);
      expect(pageErrors, `errors reported by ${path}`).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('the send-to-friend form sent empty shows its errors, accessibly', async () => {
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    try {
      await page.goto(server.url(SHARE_FORM_PATH));
      const form = page.locator('main form');
      const [response] = await Promise.all([
        nextDocumentResponse(page),
        form.getByRole('button', { name: messages.share.submit }).click(),
      ]);
      expect(response.status()).toBe(400);
      expect(await page.title()).toMatch(new RegExp(`^${messages.form.pageTitleError('')}`));

      const summary = page.getByRole('alert');
      await expect.poll(() => readText(summary.getByRole('heading'))).toBe(messages.form.errorSummaryTitle);
      const errors = messages.share.errors;
      const summaryLinks = summary.getByRole('link');
      expect(await readTexts(summaryLinks)).toEqual([errors.recipientRequired, errors.senderRequired]);
      // Each message of the summary leads to its field, which says what is wrong beside it.
      for (const [index, label] of [messages.share.recipientLabel, messages.share.senderLabel].entries()) {
        const field = page.getByLabel(label, { exact: true });
        const fieldId = await field.getAttribute('id');
        expect(await summaryLinks.nth(index).getAttribute('href')).toBe(`#${fieldId}`);
        expect(await field.getAttribute('aria-invalid')).toBe('true');
        const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
        const description = await Promise.all(
          describedBy.split(' ').map((id) => readText(page.locator(`[id="${id}"]`))),
        );
        expect(description.join(' ')).toContain(await readText(summaryLinks.nth(index)));
      }
      // The optional message is not in error.
      expect(await page.getByLabel(messages.share.messageLabel).getAttribute('aria-invalid')).toBeNull();

      await expectPageChecksPass(page, response, 'send-to-friend form with errors');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
