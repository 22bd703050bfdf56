import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, DEMO_ACCOUNTS } from '../../src/db/seeds/demo.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { clickThrough, flash, signInThroughForm } from '../helpers/backoffice.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import {
  collectPageErrors,
  expectNoAxeViolation,
  expectReflow,
  readText,
  readTexts,
} from '../helpers/page-checks.js';
import { type RunningServer, startServer } from '../helpers/server.js';

const o = messages.organisations;
const p = o.picker;
const EDITOR = DEMO_ACCOUNTS.find((account) => account.role === 'editor')!;
const PICKER_PATH = '/gestion/organisations/ajouter';
const ORGANISATION_PATH = /^\/gestion\/organisations\/[0-9a-f-]{36}$/;

/** The search field, once place-picker.js has made it a combobox. */
function combobox(page: Page): Locator {
  return page.getByRole('combobox', { name: p.searchLabel, exact: true });
}

/** The suggestions, named by the field's label; only found while shown. */
function listbox(page: Page): Locator {
  return page.getByRole('listbox', { name: p.searchLabel, exact: true });
}

/** The polite live region the script adds beside the field. */
function liveRegion(page: Page): Locator {
  return page.locator('form.place-search [role="status"]');
}

describe('the place picker of « Ajouter une organisation » as a combobox, in Chromium, as the demo editor', () => {
  let server: RunningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function organisationsOf(gazetteerKey: string) {
    return server.testApp.deps.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('gazetteer_key', '=', gazetteerKey)
      .execute();
  }

  async function organisationIdsOf(gazetteerKey: string): Promise<string[]> {
    return (await organisationsOf(gazetteerKey)).map((row) => row.id);
  }

  async function openPicker(page: Page): Promise<void> {
    const response = await page.goto(server.url(PICKER_PATH));
    expect(response?.status(), `status of ${PICKER_PATH}`).toBe(200);
    expect(await readText(page.locator('h1'))).toBe(p.title);
  }

  /**
   * Types `text` key by key into the empty field, as a person does, and waits until the list
   * shows the suggestions for the whole text. Returns the options' texts.
   */
  async function typeAndWaitForSuggestions(page: Page, text: string): Promise<string[]> {
    const field = combobox(page);
    await field.focus();
    const answered = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/gestion/repertoire/suggestions' &&
        new URL(response.url()).searchParams.get('q') === text,
    );
    await page.keyboard.type(text, { delay: 40 });
    const answer = (await (await answered).json()) as { status: string; suggestions: unknown[] };
    await expect.poll(() => listbox(page).getByRole('option').count()).toBe(answer.suggestions.length);
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    expect(await readText(liveRegion(page))).toBe(answer.status);
    return readTexts(listbox(page).getByRole('option'));
  }

  /** Presses ArrowDown until the option whose name starts with `name` is the active one. */
  async function arrowDownTo(page: Page, name: string): Promise<Locator> {
    const options = listbox(page).getByRole('option');
    const texts = await readTexts(options);
    const index = texts.findIndex((text) => text.startsWith(name));
    expect(index, `an option for ${name} among ${texts.join(' | ')}`).toBeGreaterThanOrEqual(0);
    for (let step = 0; step <= index; step++) await page.keyboard.press('ArrowDown');
    const option = options.nth(index);
    const optionId = await option.getAttribute('id');
    expect(await combobox(page).getAttribute('aria-activedescendant')).toBe(optionId);
    expect(await option.getAttribute('aria-selected')).toBe('true');
    return option;
  }

  test('without JavaScript the field stays a plain GET search, with one « Ajouter » form per place', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInThroughForm(page, server.baseUrl, EDITOR);
    await openPicker(page);
    expect(await page.getByRole('combobox').count()).toBe(0);
    const field = page.getByRole('textbox', { name: p.searchLabel, exact: true });
    await field.fill('freissin');
    await clickThrough(page, page.getByRole('button', { name: p.searchButton, exact: true }));
    expect(new URL(page.url()).search).toBe('?q=freissin');
    expect(await page.getByRole('button', { name: p.choose('Freissinières'), exact: true }).count()).toBe(1);
    await context.close();
  });

  test('type, arrow down, Enter: an existing organisation opens, a new place is added; Escape, Enter and blur as the pattern says', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    await signInThroughForm(page, server.baseUrl, EDITOR);

    await openPicker(page);
    await expectNoAxeViolation(page, 'the place picker');
    const field = combobox(page);
    expect(await field.getAttribute('aria-autocomplete')).toBe('list');
    expect(await field.getAttribute('aria-expanded')).toBe('false');
    expect(await field.getAttribute('aria-activedescendant')).toBeNull();
    expect(await listbox(page).count(), 'no list before typing').toBe(0);

    // Taliouine, the demo's partner, is already an organisation: its suggestion says so.
    const texts = await typeAndWaitForSuggestions(page, 'taliouin');
    const taliouine = texts.find((text) => text.startsWith('Taliouine'));
    expect(taliouine, texts.join(' | ')).toContain(p.alreadyHere);
    const list = listbox(page);
    expect(await field.getAttribute('aria-controls')).toBe(await list.getAttribute('id'));
    const options = list.getByRole('option');
    const count = await options.count();
    const ids = await options.evaluateAll((elements) => elements.map((element) => element.id));
    expect(new Set(ids).size, 'every option has its own id').toBe(count);
    expect(ids.every(Boolean)).toBe(true);

    // The active option moves with the arrows, wrapping at both ends; focus stays in the field.
    expect(await field.getAttribute('aria-activedescendant')).toBeNull();
    await page.keyboard.press('ArrowDown');
    expect(await field.getAttribute('aria-activedescendant')).toBe(ids[0]);
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    expect(await field.getAttribute('aria-activedescendant')).toBe(ids[count - 1]);
    await page.keyboard.press('ArrowDown');
    expect(await field.getAttribute('aria-activedescendant')).toBe(ids[0]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await expectNoAxeViolation(page, 'the place picker with its suggestions open');
    await expectReflow(page, 'the place picker with its suggestions open');

    // Escape closes the list, a second Escape empties the field.
    await page.keyboard.press('Escape');
    expect(await field.getAttribute('aria-expanded')).toBe('false');
    expect(await field.getAttribute('aria-activedescendant')).toBeNull();
    expect(await listbox(page).count()).toBe(0);
    expect(await field.inputValue()).toBe('taliouin');
    await page.keyboard.press('Escape');
    expect(await field.inputValue()).toBe('');

    // Leaving the field closes the list.
    await typeAndWaitForSuggestions(page, 'taliouin');
    await page.keyboard.press('Tab');
    expect(await field.getAttribute('aria-expanded')).toBe('false');
    expect(await listbox(page).count()).toBe(0);

    // Enter on Taliouine opens the organisation the demo has (under a name of its own), and adds none.
    const [partner] = await organisationsOf(DEMO.places.partner);
    const partnerId = partner?.id;
    await field.fill('');
    await typeAndWaitForSuggestions(page, 'taliouin');
    await arrowDownTo(page, 'Taliouine');
    await Promise.all([
      page.waitForURL((url) => ORGANISATION_PATH.test(url.pathname)),
      page.keyboard.press('Enter'),
    ]);
    expect(new URL(page.url()).pathname).toBe(`/gestion/organisations/${partnerId}`);
    expect(await readText(page.locator('h1'))).toBe(o.editTitle(partner!.name));
    expect(await organisationIdsOf(DEMO.places.partner)).toEqual([partnerId]);

    // Enter with no option chosen sends the search, as without JavaScript.
    await openPicker(page);
    const suggested = await typeAndWaitForSuggestions(page, 'freissin');
    await Promise.all([page.waitForURL(/\?q=freissin$/), page.keyboard.press('Enter')]);
    expect(await readText(page.locator('#resultats-titre'))).toBe(p.results(suggested.length, 'freissin'));

    // Freissinières, a commune of the Hautes-Alpes, is not an organisation yet: Enter adds it.
    const freissinieres = 'commune:05058';
    expect(await organisationIdsOf(freissinieres)).toEqual([]);
    await openPicker(page);
    const before = await typeAndWaitForSuggestions(page, 'freissin');
    expect(before.find((text) => text.startsWith('Freissinières'))).not.toContain(p.alreadyHere);
    // With more than one option, the arrows move from one to the next and wrap at both ends;
    // Left (the caret moving in the text) leaves no option active.
    expect(before.length, before.join(' | ')).toBeGreaterThan(1);
    const freissinIds = await listbox(page)
      .getByRole('option')
      .evaluateAll((elements) => elements.map((element) => element.id));
    const last = freissinIds.length - 1;
    for (const [key, index] of [
      ['ArrowDown', 0],
      ['ArrowDown', 1],
      ['ArrowUp', 0],
      ['ArrowUp', last],
      ['ArrowDown', 0],
    ] as const) {
      await page.keyboard.press(key);
      expect(await field.getAttribute('aria-activedescendant'), `after ${key}`).toBe(freissinIds[index]);
      expect(await listbox(page).locator('[aria-selected="true"]').getAttribute('id')).toBe(
        freissinIds[index],
      );
    }
    await page.keyboard.press('ArrowLeft');
    expect(await field.getAttribute('aria-activedescendant')).toBeNull();
    expect(await listbox(page).locator('[aria-selected="true"]').count()).toBe(0);
    await arrowDownTo(page, 'Freissinières');
    await Promise.all([
      page.waitForURL((url) => ORGANISATION_PATH.test(url.pathname)),
      page.keyboard.press('Enter'),
    ]);
    expect(await readText(page.locator('h1'))).toBe(o.editTitle('Freissinières'));
    expect(await readText(flash(page))).toBe(o.createdFromGazetteer);
    const created = await organisationIdsOf(freissinieres);
    expect(created).toEqual([new URL(page.url()).pathname.split('/').pop()]);

    // Chosen again, with a click this time, it is already here: its page opens, nothing is added.
    await openPicker(page);
    const after = await typeAndWaitForSuggestions(page, 'freissin');
    expect(after.find((text) => text.startsWith('Freissinières'))).toContain(p.alreadyHere);
    await Promise.all([
      page.waitForURL((url) => ORGANISATION_PATH.test(url.pathname)),
      listbox(page).getByRole('option').filter({ hasText: 'Freissinières' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe(`/gestion/organisations/${created[0]}`);
    expect(await organisationIdsOf(freissinieres)).toEqual(created);

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
