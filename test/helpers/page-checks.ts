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

/** The text of an element as a reader gets it: blanks, no-break spaces included, collapsed. */
export async function readText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The texts of every element a locator matches, each as `readText` gives it. */
export async function readTexts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}
