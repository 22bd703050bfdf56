import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { messages } from '../../src/platform/i18n/fr.js';
import { readText } from './page-checks.js';

export interface Account {
  email: string;
  password: string;
  name: string;
}

/**
 * The next main-frame document that is not a redirect: the page a form submission or a click
 * finally shows (a POST answered 303 brings the page it redirects to).
 */
export function finalDocumentResponse(page: Page): Promise<Response> {
  return page.waitForResponse(
    (response) =>
      response.request().isNavigationRequest() &&
      response.frame() === page.mainFrame() &&
      (response.status() < 300 || response.status() >= 400),
  );
}

/** Clicks (a link, a submit button) and returns the document it brings, once loaded. */
export async function clickThrough(page: Page, target: Locator): Promise<Response> {
  const [response] = await Promise.all([finalDocumentResponse(page), target.click()]);
  await page.waitForLoadState('load');
  return response;
}

/** The back office's own navigation ("Menu de gestion"). */
export function adminNav(page: Page): Locator {
  return page.getByRole('navigation', { name: messages.admin.navLabel });
}

/** The notice a redirect after a change shows at the top of the content. */
export function flash(page: Page): Locator {
  return page.getByRole('main').getByRole('status');
}

/**
 * Signs in through the sign-in form as a person does: the address, the password, the button.
 * `origin` is the site's origin (another workspace's host name, say). Ends on the dashboard.
 */
export async function signInThroughForm(page: Page, origin: string, account: Account): Promise<void> {
  await page.goto(new URL('/connexion', origin).href);
  const form = page.getByRole('main').locator('form');
  await form.getByLabel(messages.accounts.signIn.emailLabel, { exact: true }).fill(account.email);
  await form.getByLabel(messages.accounts.signIn.passwordLabel, { exact: true }).fill(account.password);
  const response = await clickThrough(
    page,
    form.getByRole('button', { name: messages.accounts.signIn.submit }),
  );
  expect(response.status(), `sign-in of ${account.email}`).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/gestion');
  expect(await readText(page.locator('h1'))).toBe(messages.admin.dashboard.welcome(account.name));
}
