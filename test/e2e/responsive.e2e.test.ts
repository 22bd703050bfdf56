import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../src/db/seeds/demo.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { collectPageErrors, expectPageChecksPass } from '../helpers/page-checks.js';
import { type RunningServer, startServer } from '../helpers/server.js';

const PHONE = { width: 375, height: 667 };
const DESKTOP = { width: 1280, height: 800 };
/** A link of the main menu, behind « Menu » on a phone. */
const SECTION_LINK = 'Vivre au Pays des Écrins';

/**
 * The header's « Menu » disclosure, as a keyboard user meets it on a phone and on a desktop,
 * with the page's script and without it. The widths of every page are checked with the
 * accessibility checks (test/helpers/page-checks.ts, expectReflow).
 */
describe('the header on a phone and on a desktop, by keyboard, with and without JavaScript', () => {
  let server: RunningServer;
  let browser: TestBrowser;
  const contexts = new Map<string, BrowserContext>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    for (const javaScriptEnabled of [true, false]) {
      for (const [name, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
        contexts.set(
          `${name} ${javaScriptEnabled}`,
          await browser.newContext({ viewport, javaScriptEnabled }),
        );
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(where: 'phone' | 'desktop', javaScript: boolean, path: string) {
    const page = await contexts.get(`${where} ${javaScript}`)!.newPage();
    const errors = collectPageErrors(page);
    await page.goto(server.url(path));
    return { page, errors };
  }

  /** Presses Tab until the focused element matches, a bounded number of times. */
  async function tabTo(page: Page, matches: (element: Element) => boolean, what: string) {
    for (let presses = 0; presses < 30; presses++) {
      await page.keyboard.press('Tab');
      const found = await page.evaluate(
        (source) => new Function('element', `return (${source})(element)`)(document.activeElement),
        matches.toString(),
      );
      if (found) return;
    }
    expect.fail(`Tab never reached ${what}`);
  }

  const menuLink = (page: Page) =>
    page.getByRole('navigation', { name: messages.site.mainMenu }).getByRole('link', { name: SECTION_LINK });
  const disclosureOpen = (page: Page) =>
    page.evaluate(() => (document.getElementById('navigation') as HTMLDetailsElement).open);

  for (const javaScript of [true, false]) {
    const label = javaScript ? 'with JavaScript' : 'without JavaScript';

    test(`phone, ${label}: the title first, the menu closed, opened and followed by keyboard`, async () => {
      const { page, errors } = await open('phone', javaScript, DEMO.cooperationPath);
      try {
        expect(await page.locator('h1').isVisible()).toBe(true);
        const h1 = await page.locator('h1').boundingBox();
        expect(h1!.y + h1!.height).toBeLessThanOrEqual(PHONE.height);
        expect(await menuLink(page).isVisible()).toBe(false);
        expect(await page.getByRole('searchbox', { name: messages.site.searchLabel }).isVisible()).toBe(
          false,
        );
        expect(await disclosureOpen(page)).toBe(false);

        await tabTo(page, (element) => element.tagName === 'SUMMARY', 'the « Menu » control');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(messages.site.menuToggle);
        await page.keyboard.press('Enter');
        expect(await disclosureOpen(page)).toBe(true);
        expect(await menuLink(page).isVisible()).toBe(true);
        // The next stops are the search, then the menu's links; the section link is followed.
        await tabTo(page, (element) => element.getAttribute('type') === 'search', 'the search field');
        await tabTo(
          page,
          (element) => element.textContent === 'Vivre au Pays des Écrins',
          'the section link',
        );
        await Promise.all([page.waitForURL(/vivre-au-pays-des-ecrins$/), page.keyboard.press('Enter')]);
        expect(await page.locator('h1').textContent()).toBe(SECTION_LINK);
        // Space closes it again, as any disclosure.
        await tabTo(page, (element) => element.tagName === 'SUMMARY', 'the « Menu » control');
        await page.keyboard.press('Space');
        expect(await disclosureOpen(page)).toBe(true);
        await page.keyboard.press('Space');
        expect(await disclosureOpen(page)).toBe(false);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });

    test(`phone, ${label}: the skip link to the main menu opens the menu`, async () => {
      const { page, errors } = await open('phone', javaScript, DEMO.cooperationPath);
      try {
        await tabTo(
          page,
          (element) => element.getAttribute('href') === '#menu-principal',
          'the skip link to the main menu',
        );
        await page.keyboard.press('Enter');
        await expect.poll(() => disclosureOpen(page)).toBe(true);
        expect(await menuLink(page).isVisible()).toBe(true);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });

    test(`desktop, ${label}: the search and the menu shown, no « Menu » control`, async () => {
      const { page, errors } = await open('desktop', javaScript, DEMO.cooperationPath);
      try {
        expect(await page.locator('summary').isVisible()).toBe(false);
        expect(await menuLink(page).isVisible()).toBe(true);
        expect(await page.getByRole('searchbox', { name: messages.site.searchLabel }).isVisible()).toBe(true);
        // With the script the disclosure's state says what is on screen; without, the stylesheet shows it.
        expect(await disclosureOpen(page)).toBe(javaScript);
        await tabTo(page, (element) => element.getAttribute('type') === 'search', 'the search field');
        await tabTo(
          page,
          (element) => element.textContent === 'Vivre au Pays des Écrins',
          'the section link',
        );
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  test('with JavaScript, the disclosure follows the width: closed on a phone, open on a desktop', async () => {
    const { page, errors } = await open('desktop', true, '/');
    try {
      expect(await disclosureOpen(page)).toBe(true);
      await page.setViewportSize(PHONE);
      await expect.poll(() => disclosureOpen(page)).toBe(false);
      await page.setViewportSize(DESKTOP);
      await expect.poll(() => disclosureOpen(page)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('the printable version uses the page’s whole width on screen', async () => {
    const { page } = await open('desktop', false, `${DEMO.cooperationPath}?version=impression`);
    try {
      const frame = await page.locator('.page-frame').boundingBox();
      const main = await page.locator('main').boundingBox();
      // The frame's padding aside, the article takes all of it.
      expect(main!.width).toBeGreaterThanOrEqual(frame!.width - 40);
      expect(await page.locator('.sub-menu').isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });

  test('a main colour at the limit (4.54:1 under white) leaves no contrast fault on any panel', async () => {
    await server.testApp.deps.db.updateTable('site_settings').set({ main_colour: '#767676' }).execute();
    const page = await contexts.get('desktop true')!.newPage();
    try {
      for (const path of ['/', DEMO.cooperationPath, '/contact']) {
        const response = await page.goto(server.url(path));
        expect(
          await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand')),
        ).toBe('#767676');
        await expectPageChecksPass(page, response, `${path} in grey`);
      }
    } finally {
      await page.close();
    }
  });
});
