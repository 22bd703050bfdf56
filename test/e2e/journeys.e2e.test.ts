import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../src/db/seeds/demo.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { decodeMail } from '../helpers/mail.js';
import {
  collectPageErrors,
  expectPageChecksPass,
  nextDocumentResponse,
  readText,
  readTexts,
} from '../helpers/page-checks.js';
import { type RunningServer, startServer } from '../helpers/server.js';

/** The six skip links of the seed page, in its order; the cooperation page has a sub menu, so all six. */
const SKIP_LINKS = [
  { label: messages.site.skipLinks.content, target: 'contenu' },
  { label: messages.site.skipLinks.mainMenu, target: 'menu-principal' },
  { label: messages.site.skipLinks.subMenu, target: 'sous-menu' },
  { label: messages.site.skipLinks.tools, target: 'menu-outils' },
  { label: messages.site.skipLinks.misc, target: 'liens-divers' },
  { label: messages.site.skipLinks.search, target: 'recherche' },
];

interface FocusedElement {
  tag: string;
  text: string;
  href: string | null;
  id: string;
  box: { left: number; top: number; right: number; bottom: number; width: number; height: number };
  viewport: { width: number; height: number };
}

function focused(page: Page): Promise<FocusedElement> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const rect = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
      href: element.getAttribute('href'),
      id: element.id,
      box: {
        left: rect.left,
        top: rect.top,
        right: rect.right,
        bottom: rect.bottom,
        width: rect.width,
        height: rect.height,
      },
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

function expectShownInViewport(element: FocusedElement, label: string): void {
  const { box, viewport } = element;
  expect(box.width, `${label}: width`).toBeGreaterThan(0);
  expect(box.height, `${label}: height`).toBeGreaterThan(0);
  expect(box.left, `${label}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.top, `${label}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.right, `${label}: right edge`).toBeLessThanOrEqual(viewport.width);
  expect(box.bottom, `${label}: bottom edge`).toBeLessThanOrEqual(viewport.height);
}

/** Lower case, accents removed: what a highlight is compared with. */
function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

describe('journeys a resident takes, in Chromium', () => {
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

  async function openPage(): Promise<{ page: Page; pageErrors: string[] }> {
    const page = await context.newPage();
    return { page, pageErrors: collectPageErrors(page) };
  }

  test('keyboard: the first Tab reaches "Aller au contenu", each skip link shows on focus', async () => {
    const { page, pageErrors } = await openPage();
    try {
      const response = await page.goto(server.url(DEMO.cooperationPath));
      expect(response?.status()).toBe(200);
      await expectPageChecksPass(page, response, 'cooperation page');

      await page.keyboard.press('Tab');
      const first = await focused(page);
      expect({ tag: first.tag, text: first.text, href: first.href }).toEqual({
        tag: 'a',
        text: 'Aller au contenu',
        href: '#contenu',
      });
      expectShownInViewport(first, 'the focused skip link "Aller au contenu"');

      // The five others follow, in the seed's order, each visible while it has focus.
      for (const { label, target } of SKIP_LINKS.slice(1)) {
        await page.keyboard.press('Tab');
        const link = await focused(page);
        expect({ text: link.text, href: link.href }).toEqual({ text: label, href: `#${target}` });
        expectShownInViewport(link, `the focused skip link "${label}"`);
      }
      expect(
        await page.getByRole('navigation', { name: messages.site.skipLinks.label }).getByRole('link').count(),
      ).toBe(SKIP_LINKS.length);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  for (const { label, target } of SKIP_LINKS) {
    test(`keyboard: "${label}" takes focus to #${target}`, async () => {
      const { page, pageErrors } = await openPage();
      try {
        await page.goto(server.url(DEMO.cooperationPath));
        const link = page.getByRole('navigation', { name: messages.site.skipLinks.label }).getByRole('link', {
          name: label,
          exact: true,
        });
        await link.focus();
        await page.keyboard.press('Enter');

        await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#${target}`);
        expect(await page.locator(`[id="${target}"]`).count(), `elements with id ${target}`).toBe(1);
        // Focus moved to the target: the next Tab goes on from there, not from the top of the page.
        expect((await focused(page)).id).toBe(target);
        const isControl = await page
          .locator(`[id="${target}"]`)
          .evaluate((element) => element.matches('input, textarea, select, button'));
        if (!isControl) {
          await page.keyboard.press('Tab');
          const next = await page.evaluate(
            (id) => document.getElementById(id)?.contains(document.activeElement) ?? false,
            target,
          );
          expect(next, `the Tab after "${label}" stays inside #${target}`).toBe(true);
        }
        expect(pageErrors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  test('send to a friend: the form delivers one message with the page title and its absolute link', async () => {
    const { page, pageErrors } = await openPage();
    try {
      await page.goto(server.url(DEMO.cooperationPath));
      const sentBefore = server.smtp.received.length;

      const [formResponse] = await Promise.all([
        nextDocumentResponse(page),
        page
          .getByRole('navigation', { name: messages.site.toolsMenu })
          .getByRole('link', { name: messages.site.tools.send_to_friend })
          .click(),
      ]);
      expect(formResponse.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/envoyer-a-un-ami');
      await expectPageChecksPass(page, formResponse, 'send-to-friend form');

      const personalMessage = 'Regarde ce que fait la Communauté de communes avec Taliouine.';
      await page.getByLabel(messages.share.recipientLabel, { exact: true }).fill('camille.amie@example.test');
      await page.getByLabel(messages.share.senderLabel, { exact: true }).fill('Dominique Martin');
      await page.getByLabel(messages.share.messageLabel).fill(personalMessage);
      const [sentResponse] = await Promise.all([
        nextDocumentResponse(page),
        page.getByRole('main').getByRole('button', { name: messages.share.submit }).click(),
      ]);
      expect(sentResponse.status()).toBe(200);
      expect(await readText(page.locator('h1'))).toBe(messages.share.sentTitle);
      await expectPageChecksPass(page, sentResponse, 'message sent page');

      // The server answered after the SMTP transaction ended: what was received is all there is.
      const received = server.smtp.received.slice(sentBefore);
      expect(received).toHaveLength(1);
      const [delivered] = received;
      expect(delivered?.to).toEqual(['camille.amie@example.test']);
      const mail = decodeMail(delivered?.raw ?? '');
      expect(mail.headers.get('from')).toBe(server.testApp.config.mailFrom);
      // The subject is fixed; the sender's name is in the message.
      expect(mail.subject).toBe(messages.share.mail.subject(DEMO.workspaceName));
      expect(mail.text).toContain('Dominique Martin');
      expect(mail.text).toContain(DEMO.cooperationTitle);
      expect(mail.text).toContain(personalMessage);
      const absoluteLink = `${server.baseUrl.replace(/\/$/, '')}${DEMO.cooperationPath}`;
      expect(mail.text.split('\n')).toContain(absoluteLink);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('search: typed in the search box, the cooperation page comes first, matched words highlighted', async () => {
    const { page, pageErrors } = await openPage();
    try {
      await page.goto(server.url('/'));
      const searchBox = page.getByRole('searchbox', { name: messages.site.searchLabel });
      await searchBox.fill('cooperation decentralisee');
      const [response] = await Promise.all([nextDocumentResponse(page), searchBox.press('Enter')]);
      expect(response.status()).toBe(200);
      const address = new URL(page.url());
      expect(address.pathname).toBe('/recherche');
      expect(address.searchParams.get('q')).toBe('cooperation decentralisee');
      await expectPageChecksPass(page, response, 'search results');

      const firstResult = page.locator('main .search-results > li').first();
      const firstLink = firstResult.getByRole('heading').getByRole('link');
      expect(await firstLink.getAttribute('href')).toBe(DEMO.cooperationPath);
      expect(await readText(firstLink)).toBe(DEMO.cooperationTitle);
      const highlights = (await readTexts(firstResult.locator('mark'))).map(plain);
      expect(highlights.length).toBeGreaterThan(0);
      for (const highlight of highlights) expect(highlight).toMatch(/^(cooperation|decentralise)/);
      expect(highlights.some((highlight) => highlight.startsWith('cooperation'))).toBe(true);
      expect(highlights.some((highlight) => highlight.startsWith('decentralise'))).toBe(true);
      // The query stays in the box, to be corrected.
      expect(await page.getByRole('searchbox', { name: messages.site.searchLabel }).inputValue()).toBe(
        'cooperation decentralisee',
      );
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
