import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { HtmlValidate } from 'html-validate';
import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.1 levels A and AA, the level the issue and the RGAA ask for. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const htmlValidate = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // preact-render-to-string always writes void elements self-closed (`<meta/>`, `<input/>`),
    // which HTML allows; ask for that style consistently instead of the default "omit".
    'void-style': ['error', { style: 'selfclose' }],
    // Titles are "page – site name" (RGAA 8.6: a title that says where one is), and the site
    // name is the collectivity's official name, 50 characters for the demo. The default 70 is a
    // search-result display heuristic, not validity or accessibility; keep a bound, a larger one.
    // The back office's titles say three things: the page (an action and a record's title, such
    // as "Mettre à la corbeille : <page title>"), "Espace de gestion", then the site name; 150
    // leaves the first some 85 characters beside the demo's site name.
    'long-title': ['error', { maxlength: 150 }],
    // A group of checkboxes sharing one name is valid HTML and is how a form sends a list (the
    // site settings' tools); the default allows it only with PHP-style "name[]" names.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

/** One line per failing node: rule, impact, selector, and what axe says to fix. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} [${violation.impact ?? node.impact ?? 'unknown impact'}] ${node.target.join(' ')}: ${violation.help}` +
        ` — ${(node.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`,
    ),
  );
}

export async function expectNoAxeViolation(page: Page, label: string): Promise<void> {
  expect(await axeViolations(page), `axe (WCAG 2.1 A, AA) on ${label}`).toEqual([]);
}

/** One line per error: rule, position in the raw HTML, message, element. */
export async function htmlErrors(html: string, filename = 'page.html'): Promise<string[]> {
  const report = await htmlValidate.validateString(html, filename);
  return report.results.flatMap((result) =>
    result.messages.map(
      (message) =>
        `${message.ruleId} ${message.line}:${message.column} ${message.message} (${message.selector ?? 'document'})`,
    ),
  );
}

export async function expectValidHtml(html: string, label: string): Promise<void> {
  expect(await htmlErrors(html), `html-validate on ${label}`).toEqual([]);
}

/**
 * The checks run on every page a test visits: the raw HTML the server sent is valid, and axe
 * finds nothing on the page as the browser shows it.
 */
export async function expectPageChecksPass(
  page: Page,
  response: Response | null,
  label: string,
): Promise<void> {
  expect(response, `a response for ${label}`).not.toBeNull();
  const html = await (response as Response).text();
  expect((response as Response).headers()['content-type'], `content type of ${label}`).toBe(
    'text/html; charset=utf-8',
  );
  await expectValidHtml(html, label);
  await expectNoAxeViolation(page, label);
  await expectReflow(page, label);
}

/**
 * The widths every screen is read at (RGAA 10.11, WCAG 1.4.10): the narrowest phone, a common
 * phone (its first screen must show the page's title), a desktop, and a desktop at 200 % text
 * zoom, which lays the page out as 640 CSS pixels do.
 */
export const REFLOW_VIEWPORTS = [
  { name: '320', width: 320, height: 640 },
  { name: '375', width: 375, height: 667, titleInFirstScreen: true, screenshot: true },
  { name: '1280', width: 1280, height: 800, screenshot: true },
  { name: '1280-zoom-200', width: 640, height: 400 },
] as const;

/**
 * Where the screenshots go, for a person to look at, when one asks for them with SCREENSHOT_DIR;
 * named in the test output once. CI does not set it: two full-page captures per screen and width
 * cost minutes that nobody looks at there.
 */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ? path.resolve(process.env.SCREENSHOT_DIR) : undefined;
let screenshotDirAnnounced = false;

function screenshotName(directory: string, label: string, viewport: string): string {
  const file = path.basename(expect.getState().testPath ?? 'page', '.e2e.test.ts');
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return path.join(directory, `${file}--${slug}--${viewport}.png`);
}

/** Elements that stick out of the viewport on the right, as short selectors, for the message. */
function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const found: string[] = [];
    // What a scrolling region holds does not widen the page: only what escapes it counts.
    const clipped = (element: Element) => {
      for (
        let parent = element.parentElement;
        parent && parent !== document.body;
        parent = parent.parentElement
      ) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      if (clipped(element)) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > limit + 0.5) {
        const name = element.tagName.toLowerCase();
        const id = element.id ? `#${element.id}` : '';
        const classes = element.classList.length ? `.${Array.from(element.classList).join('.')}` : '';
        found.push(`${name}${id}${classes} (right ${Math.round(box.right)} > ${limit})`);
      }
    }
    return found.slice(0, 5);
  });
}

/**
 * At each width: no horizontal scrolling; on the phone, the <h1> within the first screen;
 * screenshots of the whole page at 375 and 1280 px when SCREENSHOT_DIR is set. The page is left
 * at the size it had.
 */
export async function expectReflow(page: Page, label: string): Promise<void> {
  const original = page.viewportSize();
  if (SCREENSHOT_DIR && !screenshotDirAnnounced) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    console.info(`Screenshots at 375 and 1280 px: ${SCREENSHOT_DIR}`);
    screenshotDirAnnounced = true;
  }
  try {
    for (const viewport of REFLOW_VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await renderingUpdated(page);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      if (widths.scroll > widths.client) {
        expect.fail(
          `${label} scrolls sideways at ${viewport.name} px: ${widths.scroll} > ${widths.client}; ` +
            (await overflowingElements(page)).join(', '),
        );
      }
      if ('titleInFirstScreen' in viewport) {
        const title = await page.evaluate(() => {
          const h1 = document.querySelector('h1');
          if (!h1) return null;
          const box = h1.getBoundingClientRect();
          return { top: box.top + window.scrollY, bottom: box.bottom + window.scrollY };
        });
        expect(title, `the <h1> of ${label}`).not.toBeNull();
        expect(
          title!.bottom,
          `the <h1> of ${label} ends within the first ${viewport.height} px at ${viewport.name} px`,
        ).toBeLessThanOrEqual(viewport.height);
      }
      if (SCREENSHOT_DIR && 'screenshot' in viewport) {
        await page.screenshot({ path: screenshotName(SCREENSHOT_DIR, label, viewport.name), fullPage: true });
      }
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
}

/**
 * Waits until the page has rendered a frame at its new size. Media-query listeners (the
 * header's menu closes below 48em) are told of a resize only at the next rendering update; on
 * a busy machine a measurement made straight after the resize could see the wide layout's
 * open menu at 375 px. Two frames: the listeners run before the first frame's callbacks.
 */
async function renderingUpdated(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** The next main-frame document response, e.g. the one a form submission brings. */
export function nextDocumentResponse(page: Page): Promise<Response> {
  return page.waitForResponse(
    (response) => response.request().isNavigationRequest() && response.frame() === page.mainFrame(),
  );
}

/**
 * Errors the page itself reports: failed scripts, Content-Security-Policy refusals. The
 * document's own status (a 404 page, a form sent back with 400) is reported by Chromium as
 * "Failed to load resource" for the page's URL; that one is expected and left out.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location().url;
    const isDocumentStatus = message.text().startsWith('Failed to load resource') && location === page.url();
    if (!isDocumentStatus) errors.push(`console: ${message.text()} (${location})`);
  });
  return errors;
}

/**
 * Collapses the blanks of the markup as a browser does, and only those: the no-break spaces of
 * French typography are part of the text, and a test compares them with the catalogue's.
 */
export function collapseBlanks(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

/** The text of an element as a reader gets it. */
export async function readText(locator: Locator): Promise<string> {
  return collapseBlanks((await locator.textContent()) ?? '');
}

/** The texts of every element a locator matches, each as `readText` gives it. */
export async function readTexts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map(collapseBlanks);
}
