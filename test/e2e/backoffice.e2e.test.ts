import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, DEMO_ACCOUNTS } from '../../src/db/seeds/demo.js';
import { simplePdf } from '../../src/db/seeds/pdf.js';
import { formatDateTimeFr } from '../../src/platform/clock.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { adminNav, clickThrough, flash, signInThroughForm } from '../helpers/backoffice.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { changeSides, parseHtml, textOf } from '../helpers/html.js';
import { collectPageErrors, expectPageChecksPass, readText, readTexts } from '../helpers/page-checks.js';
import { type RunningServer, startServer } from '../helpers/server.js';

const t = messages.pages;
const EDITOR = DEMO_ACCOUNTS.find((account) => account.role === 'editor')!;
const ADMIN = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
const CONTRIBUTOR = DEMO_ACCOUNTS.find((account) => account.role === 'contributor')!;
const PARENT = {
  title: 'Tout savoir sur la Communauté de Communes',
  path: '/tout-savoir-sur-la-communaute-de-communes',
};
/** The parent as the "Page parente" list shows it: one dash per level under the home page. */
const PARENT_CHOICE = `— ${PARENT.title}`;

/** The cells of the table row whose first cell links to `name`, each as a reader gets it. */
function rowCells(page: Page, name: string): Promise<string[]> {
  const row = page
    .getByRole('main')
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
  return readTexts(row.getByRole('cell'));
}

/** The back office's history table: who did what, newest first. */
async function historySteps(page: Page): Promise<Array<[string, string]>> {
  const rows = page.getByRole('main').locator('tbody > tr');
  const steps: Array<[string, string]> = [];
  for (let index = 0; index < (await rows.count()); index++) {
    const cells = await readTexts(rows.nth(index).locator(':scope > td'));
    steps.push([cells[1] ?? '', cells[2] ?? '']);
  }
  return steps;
}

describe('the back office, in Chromium, as the demo editor', () => {
  let server: RunningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A tab on the public site, next to the back office's, as a person keeps one open. */
  async function publicTab(context: BrowserContext) {
    const site = await context.newPage();
    const errors = collectPageErrors(site);
    return {
      errors,
      async expectNotFound(path: string) {
        const response = await site.goto(server.url(path));
        expect(response?.status(), `status of ${path}`).toBe(404);
        expect(await readText(site.locator('h1'))).toBe(messages.notFound.pageTitle);
      },
      async expectPage(path: string, title: string) {
        const response = await site.goto(server.url(path));
        expect(response?.status(), `status of ${path}`).toBe(200);
        expect(await readText(site.locator('h1'))).toBe(title);
        return readText(site.getByRole('main'));
      },
      site,
    };
  }

  /** From the pages list: "Nouvelle page", the form filled, "Créer le brouillon". Ends on the new draft. */
  async function createPage(page: Page, title: string, body: string) {
    await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.pages, exact: true }),
    );
    await clickThrough(page, page.getByRole('main').getByRole('link', { name: t.newPage }));
    expect(await readText(page.locator('h1'))).toBe(t.newTitle);
    const form = page.getByRole('main').locator('form.form');
    await form.getByLabel(t.fields.title, { exact: true }).fill(title);
    await form.getByLabel(t.fields.parent, { exact: true }).selectOption({ label: PARENT_CHOICE });
    await form.getByLabel(t.fields.body).fill(body);
    const response = await clickThrough(page, form.getByRole('button', { name: t.create }));
    expect(response.status()).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/^\/gestion\/pages\/[0-9a-f-]{36}$/);
    expect(await readText(flash(page))).toBe(t.created);
    expect(await readText(page.locator('h1'))).toBe(t.editTitle(title));
    return response;
  }

  /**
   * On a page's form: the body replaced, then "Enregistrer" for a draft, "Enregistrer et publier"
   * for a published page (whose changes would otherwise wait).
   */
  async function saveBody(page: Page, body: string) {
    const form = page.getByRole('main').locator('form.form');
    await form.getByLabel(t.fields.body).fill(body);
    const publish = form.getByRole('button', { name: t.saveAndPublish, exact: true });
    const published = (await publish.count()) > 0;
    const response = await clickThrough(
      page,
      published ? publish : form.getByRole('button', { name: t.save, exact: true }),
    );
    expect(response.status()).toBe(200);
    expect(await readText(flash(page))).toBe(published ? t.changesPublished : t.saved);
  }

  test('create, publish, edit, delete and restore a page: the public site follows each step, the history keeps each', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    const site = await publicTab(context);
    const title = 'Échanges scolaires avec Taliouine';
    const firstParagraph =
      'Les écoles de Taliouine et du Pays des Écrins échangent des lettres chaque trimestre.';
    const newParagraph = 'Depuis la rentrée, les classes échangent aussi des dessins et des photographies.';

    // Signed out, the back office sends to the sign-in form, which leads back where one was going.
    await page.goto(server.url('/gestion/pages'));
    expect(new URL(page.url()).pathname).toBe('/connexion');
    const signIn = page.getByRole('main').locator('form');
    await signIn.getByLabel(messages.accounts.signIn.emailLabel, { exact: true }).fill(EDITOR.email);
    await signIn.getByLabel(messages.accounts.signIn.passwordLabel, { exact: true }).fill(EDITOR.password);
    await clickThrough(page, signIn.getByRole('button', { name: messages.accounts.signIn.submit }));
    expect(new URL(page.url()).pathname).toBe('/gestion/pages');
    expect(await readText(page.locator('h1'))).toBe(t.listTitle);
    expect(await readText(page.locator('.admin-account'))).toContain(EDITOR.name);

    // A draft: its status says so, and the public site does not show it.
    const created = await createPage(page, title, `## Un jumelage vivant\n\n${firstParagraph}`);
    await expectPageChecksPass(page, created, 'a new draft, with its notice');
    const editUrl = page.url();
    expect(await readText(page.locator('main .status-tag'))).toBe(t.statusDraft);
    expect(await page.getByRole('main').getByRole('link', { name: t.viewOnSite }).count()).toBe(0);

    await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.pages, exact: true }),
    );
    const [, status, publicPath] = await rowCells(page, title);
    expect(status).toBe(t.statusDraft);
    expect(publicPath).toBe(`${PARENT.path}/echanges-scolaires-avec-taliouine`);
    await site.expectNotFound(publicPath!);

    // Published: on the public site at once, title and body.
    await clickThrough(page, page.getByRole('main').getByRole('link', { name: title, exact: true }));
    expect(page.url()).toBe(editUrl);
    await clickThrough(page, page.getByRole('main').getByRole('button', { name: t.publish, exact: true }));
    expect(await readText(flash(page))).toBe(t.published);
    expect(await readText(page.locator('main .status-tag'))).toBe(t.statusPublished);
    expect(await page.getByRole('main').getByRole('link', { name: t.viewOnSite }).getAttribute('href')).toBe(
      publicPath,
    );
    let shown = await site.expectPage(publicPath!, title);
    expect(shown).toContain('Un jumelage vivant');
    expect(shown).toContain(firstParagraph);
    expect(await readText(site.site.getByRole('main').getByRole('heading', { level: 2 }).first())).toBe(
      'Un jumelage vivant',
    );

    // Edited: the public page shows the new text.
    await saveBody(page, `## Un jumelage vivant\n\n${newParagraph}`);
    shown = await site.expectPage(publicPath!, title);
    expect(shown).toContain(newParagraph);
    expect(shown).not.toContain(firstParagraph);

    // Deleted, after a confirmation page: gone from the site and from the list.
    const confirmation = await clickThrough(
      page,
      page.getByRole('main').getByRole('link', { name: t.delete }),
    );
    expect(await readText(page.locator('h1'))).toBe(t.deleteTitle(title));
    expect(await readText(page.getByRole('main'))).toContain(t.deleteNoChildren);
    await expectPageChecksPass(page, confirmation, 'delete confirmation of a page without sub-pages');
    await clickThrough(page, page.getByRole('main').getByRole('button', { name: t.deleteConfirm }));
    expect(new URL(page.url()).pathname).toBe('/gestion/pages');
    expect(await readText(flash(page))).toBe(t.deleted(1));
    expect(await page.getByRole('main').getByRole('link', { name: title, exact: true }).count()).toBe(0);
    await site.expectNotFound(publicPath!);

    // In the trash, restored: back on the site with its text.
    const trash = await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.trash, exact: true }),
    );
    expect(await readText(page.locator('h1'))).toBe(messages.trash.pageTitle);
    expect(await rowCellsByText(page, title)).toEqual([
      title,
      messages.trash.kinds.page,
      expect.stringMatching(/\d{4}/),
      EDITOR.name,
      `${messages.trash.restore} ${title}`,
    ]);
    await expectPageChecksPass(page, trash, 'trash with an entry');
    await clickThrough(
      page,
      page.getByRole('main').getByRole('button', { name: `${messages.trash.restore} ${title}`, exact: true }),
    );
    expect(await readText(flash(page))).toBe(messages.trash.restored);
    expect(await readText(page.getByRole('main'))).not.toContain(title);
    shown = await site.expectPage(publicPath!, title);
    expect(shown).toContain(newParagraph);

    // The history: every step, each by the editor, newest first.
    await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.pages, exact: true }),
    );
    await clickThrough(page, page.getByRole('main').getByRole('link', { name: title, exact: true }));
    expect(await readText(page.locator('main .status-tag'))).toBe(t.statusPublished);
    const history = await clickThrough(page, page.getByRole('main').getByRole('link', { name: t.history }));
    expect(await readText(page.locator('h1'))).toBe(messages.history.pageTitle(title));
    const actions = messages.history.actions;
    expect(await historySteps(page)).toEqual([
      [EDITOR.name, actions.restore],
      [EDITOR.name, actions.delete],
      [EDITOR.name, actions.update],
      [EDITOR.name, actions.publish],
      [EDITOR.name, actions.create],
    ]);
    // The change of text is shown word by word: the text before and after can both be read.
    const updateRow = parseHtml(
      `<table><tbody>${await page
        .getByRole('main')
        .locator('tbody > tr')
        .nth(2)
        .evaluate((row) => row.outerHTML)}</tbody></table>`,
    );
    const bodyLabel = [...updateRow.querySelectorAll('dt')].find(
      (dt) => textOf(dt) === messages.history.fields.body_markdown,
    );
    const sides = changeSides(bodyLabel?.nextElementSibling);
    expect(sides.before).toContain(firstParagraph);
    expect(sides.after).toContain(newParagraph);
    await expectPageChecksPass(page, history, 'history of a page');

    expect(pageErrors).toEqual([]);
    expect(site.errors).toEqual([]);
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: two people save the same page, the second keeps their text; an old version comes back from the history`, async () => {
      const editorContext = await browser.newContext({ javaScriptEnabled });
      const adminContext = await browser.newContext({ javaScriptEnabled });
      try {
        const page = await editorContext.newPage();
        const errors = collectPageErrors(page);
        await signInThroughForm(page, server.baseUrl, EDITOR);
        const title = javaScriptEnabled ? 'Le chantier de l’école' : 'Le chantier du dispensaire';
        await createPage(page, title, 'Premier texte.');
        await saveBody(page, 'Deuxième texte.');
        const formUrl = page.url();

        // The administrator opens the same page and saves a change first.
        const other = await adminContext.newPage();
        await signInThroughForm(other, server.baseUrl, ADMIN);
        await other.goto(formUrl);
        await other
          .getByRole('main')
          .locator('form.form')
          .getByLabel(t.fields.body)
          .fill('Le texte de l’administratrice.');
        await clickThrough(other, other.getByRole('main').getByRole('button', { name: t.save, exact: true }));
        expect(await readText(flash(other))).toBe(t.saved);

        // The editor's save, from the form opened before, is refused; what they typed is kept.
        const form = page.getByRole('main').locator('form.form');
        await form.getByLabel(t.fields.body).fill('Mon texte à moi.');
        const refused = await clickThrough(page, form.getByRole('button', { name: t.save, exact: true }));
        expect(refused.status()).toBe(409);
        const notice = page.getByRole('alert');
        expect(await readText(notice.getByRole('heading'))).toBe(messages.versions.conflictTitle);
        expect(await readText(notice)).toContain(ADMIN.name);
        expect(await form.getByLabel(t.fields.body).inputValue()).toBe('Mon texte à moi.');

        // From the history, the first version comes back, as a change of its own.
        const history = await clickThrough(
          page,
          page.getByRole('main').getByRole('link', { name: t.history }),
        );
        if (javaScriptEnabled)
          await expectPageChecksPass(page, history, 'page history with versions to restore');
        const restore = page.getByRole('main').getByRole('button', { name: messages.history.restoreVersion });
        expect(await restore.count()).toBe(2);
        await clickThrough(page, restore.last());
        expect(await readText(flash(page))).toMatch(/^La version du .* est rétablie\.$/);
        expect(await form.getByLabel(t.fields.body).inputValue()).toBe('Premier texte.');
        await clickThrough(page, page.getByRole('main').getByRole('link', { name: t.history }));
        expect((await historySteps(page))[0]).toEqual([
          EDITOR.name,
          messages.history.actions.restore_version,
        ]);
        expect(errors).toEqual([]);
      } finally {
        await editorContext.close();
        await adminContext.close();
      }
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: a contributor proposes a change to the cooperation page, an editor previews it, sees the differences and publishes it; the public page changes only then`, async () => {
      const contributorContext = await browser.newContext({ javaScriptEnabled });
      const editorContext = await browser.newContext({ javaScriptEnabled });
      try {
        const sentence = javaScriptEnabled
          ? 'Une classe de Taliouine correspond avec une école de l’Argentière.'
          : 'Les élèves de Taliouine ont reçu des livres de la médiathèque.';
        const contributor = await contributorContext.newPage();
        const errors = collectPageErrors(contributor);
        await signInThroughForm(contributor, server.baseUrl, CONTRIBUTOR);
        await clickThrough(
          contributor,
          adminNav(contributor).getByRole('link', { name: messages.admin.nav.pages, exact: true }),
        );
        await clickThrough(
          contributor,
          contributor.getByRole('main').getByRole('link', { name: DEMO.cooperationTitle, exact: true }),
        );
        const form = contributor.getByRole('main').locator('form.form');
        const body = form.getByLabel(t.fields.body);
        await body.fill(`${await body.inputValue()}\n\n${sentence}`);
        await clickThrough(contributor, form.getByRole('button', { name: t.saveAndPropose, exact: true }));
        expect(await readText(flash(contributor))).toBe(t.changesProposed);

        // Proposed, not public.
        const site = await publicTab(editorContext);
        expect(await site.expectPage(DEMO.cooperationPath, DEMO.cooperationTitle)).not.toContain(sentence);

        // The editor finds it on the dashboard, sees what differs, previews it, publishes it.
        const editor = await editorContext.newPage();
        await signInThroughForm(editor, server.baseUrl, EDITOR);
        if (javaScriptEnabled) {
          const dashboard = await editor.reload();
          await expectPageChecksPass(editor, dashboard, 'dashboard with changes to review');
        }
        const review = editor.getByRole('region', {
          name: messages.admin.dashboard.reviewTitle,
          exact: true,
        });
        expect(await readText(review)).toContain(CONTRIBUTOR.name);
        const changes = await clickThrough(editor, review.getByRole('link', { name: DEMO.cooperationTitle }));
        expect(await readText(editor.locator('h1'))).toBe(t.changesTitle(DEMO.cooperationTitle));
        expect(await readTexts(editor.getByRole('main').locator('dl.history-change ins'))).toContainEqual(
          expect.stringContaining(sentence),
        );
        if (javaScriptEnabled) await expectPageChecksPass(editor, changes, 'review of proposed changes');
        await clickThrough(
          editor,
          editor.getByRole('main').getByRole('link', { name: t.preview, exact: true }),
        );
        expect(await readText(editor.getByRole('main'))).toContain(sentence);
        await editor.goBack();
        expect(await site.expectPage(DEMO.cooperationPath, DEMO.cooperationTitle)).not.toContain(sentence);
        await clickThrough(editor, editor.getByRole('main').getByRole('button', { name: t.publishChanges }));
        expect(await readText(flash(editor))).toBe(t.changesPublished);
        expect(await site.expectPage(DEMO.cooperationPath, DEMO.cooperationTitle)).toContain(sentence);
        expect(errors).toEqual([]);
        expect(site.errors).toEqual([]);
      } finally {
        await contributorContext.close();
        await editorContext.close();
      }
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: a page scheduled for 8:00 is published by the job queue once the clock passes 8:00`, async () => {
      const context = await browser.newContext({ javaScriptEnabled });
      const clock = server.testApp.clock;
      const started = clock.now();
      try {
        const page = await context.newPage();
        const errors = collectPageErrors(page);
        const site = await publicTab(context);
        await signInThroughForm(page, server.baseUrl, EDITOR);
        const title = javaScriptEnabled ? 'Le marché du safran' : 'La fête de l’amandier';
        await createPage(page, title, 'Rendez-vous sur la place du village.');
        const path = `${PARENT.path}/${javaScriptEnabled ? 'le-marche-du-safran' : 'la-fete-de-l-amandier'}`;

        // Tomorrow at 8:00, Paris time (the clock reads 26 November 2026, 11:00 in Paris).
        const schedule = page.getByRole('region', { name: t.scheduleHeading });
        await schedule.getByLabel(t.scheduleDate).fill('2026-11-27');
        await schedule.getByLabel(t.scheduleTime).fill('08:00');
        await clickThrough(page, schedule.getByRole('button', { name: t.scheduleSubmit }));
        expect(await readText(flash(page))).toBe(
          t.scheduledFor(formatDateTimeFr(new Date('2026-11-27T07:00:00Z'))),
        );
        await site.expectNotFound(path);

        clock.set(new Date('2026-11-27T06:59:00Z')); // 7:59 in Paris
        await server.testApp.app.jobs.runner.runDue();
        await site.expectNotFound(path);
        clock.set(new Date('2026-11-27T07:00:00Z')); // 8:00
        expect(await server.testApp.app.jobs.runner.runDue()).toBeGreaterThanOrEqual(1);
        await site.expectPage(path, title);
        // Back at the time the session knows, the page's form says it is published.
        clock.set(started);
        await page.reload();
        expect(await readText(page.getByRole('main').locator('.status-tag').first())).toBe(t.statusPublished);
        expect(errors).toEqual([]);
      } finally {
        clock.set(started);
        await context.close();
      }
    });
  }

  test('without JavaScript: a form with errors keeps what was typed, then publish, unpublish, delete, sign out', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const site = await publicTab(context);
    const title = 'Semaine de la solidarité internationale';
    const paragraph = 'Chaque novembre, la Communauté de communes accueille une délégation de Taliouine.';
    await signInThroughForm(page, server.baseUrl, EDITOR);

    // Sent without its title: the form comes back, the error summary leads to the field.
    await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.pages, exact: true }),
    );
    await clickThrough(page, page.getByRole('main').getByRole('link', { name: t.newPage }));
    const form = page.getByRole('main').locator('form.form');
    await form.getByLabel(t.fields.parent, { exact: true }).selectOption({ label: PARENT_CHOICE });
    await form.getByLabel(t.fields.body).fill(paragraph);
    const refused = await clickThrough(page, form.getByRole('button', { name: t.create }));
    expect(refused.status()).toBe(400);
    expect(await page.title()).toMatch(new RegExp(`^${messages.form.pageTitleError('')}`));
    const summaryLink = page.getByRole('alert').getByRole('link');
    expect(await readTexts(summaryLink)).toEqual([t.errors.titleRequired]);
    expect(await summaryLink.getAttribute('href')).toBe('#title');
    const titleField = form.getByLabel(t.fields.title, { exact: true });
    expect(await titleField.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel(t.fields.body).inputValue()).toBe(paragraph);
    expect(await readText(form.getByLabel(t.fields.parent, { exact: true }).locator('option:checked'))).toBe(
      PARENT_CHOICE,
    );
    await summaryLink.click();
    expect(new URL(page.url()).hash).toBe('#title');

    await titleField.fill(title);
    await clickThrough(page, form.getByRole('button', { name: t.create }));
    expect(await readText(flash(page))).toBe(t.created);
    const publicPath = `${PARENT.path}/semaine-de-la-solidarite-internationale`;
    await site.expectNotFound(publicPath);

    await clickThrough(page, page.getByRole('main').getByRole('button', { name: t.publish, exact: true }));
    expect(await readText(flash(page))).toBe(t.published);
    expect(await site.expectPage(publicPath, title)).toContain(paragraph);

    await clickThrough(page, page.getByRole('main').getByRole('button', { name: t.unpublish, exact: true }));
    expect(await readText(flash(page))).toBe(t.unpublished);
    expect(await readText(page.locator('main .status-tag'))).toBe(t.statusDraft);
    await site.expectNotFound(publicPath);

    await clickThrough(page, page.getByRole('main').getByRole('link', { name: t.delete }));
    await clickThrough(page, page.getByRole('main').getByRole('button', { name: t.deleteConfirm }));
    expect(await readText(flash(page))).toBe(t.deleted(1));
    await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.trash, exact: true }),
    );
    expect((await rowCellsByText(page, title))[0]).toBe(title);

    // Signed out: the back office asks to sign in again.
    await clickThrough(page, page.getByRole('button', { name: messages.accounts.signOut }));
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(await readText(flash(page))).toBe(messages.accounts.signIn.signedOut);
    await page.goto(server.url('/gestion'));
    expect(new URL(page.url()).pathname).toBe('/connexion');
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: a PDF uploaded, placed in a page, shown with its type and size, and downloaded intact`, async () => {
      const context = await browser.newContext({ javaScriptEnabled, acceptDownloads: true });
      try {
        const page = await context.newPage();
        const errors = collectPageErrors(page);
        const site = await publicTab(context);
        const d = messages.documents;
        const documentTitle = javaScriptEnabled
          ? 'Rapport de la mission de mars'
          : 'Rapport de la mission d’avril';
        const pdf = simplePdf(documentTitle, [
          'Visite de l’école primaire de Taliouine.',
          'Rencontre des coopératives de safran.',
        ]);
        await signInThroughForm(page, server.baseUrl, EDITOR);

        await clickThrough(
          page,
          adminNav(page).getByRole('link', { name: messages.admin.nav.documents, exact: true }),
        );
        await clickThrough(page, page.getByRole('main').getByRole('link', { name: d.upload }));
        const upload = page.getByRole('main').locator('form.form');
        await upload
          .getByLabel(d.fields.file)
          .setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: pdf });
        await upload.getByLabel(d.fields.title, { exact: true }).fill(documentTitle);
        const uploaded = await clickThrough(page, upload.getByRole('button', { name: d.upload }));
        expect(uploaded.status()).toBe(200);
        expect(await readText(flash(page))).toBe(d.created);
        if (javaScriptEnabled) await expectPageChecksPass(page, uploaded, 'a document just uploaded');
        const documentUrl = page.url();
        const code = await readText(page.getByRole('main').locator('p code'));
        expect(code).toMatch(/^\{\{document:rapport-de-la-mission-/);

        // Placed in a new page, published.
        const title = javaScriptEnabled ? 'La mission de mars' : 'La mission d’avril';
        await createPage(page, title, `Le compte rendu : ${code}.`);
        await clickThrough(
          page,
          page.getByRole('main').getByRole('button', { name: t.publish, exact: true }),
        );
        const path = `${PARENT.path}/${javaScriptEnabled ? 'la-mission-de-mars' : 'la-mission-d-avril'}`;
        await site.expectPage(path, title);
        const link = site.site.getByRole('main').getByRole('link', { name: documentTitle });
        const linkText = await readText(link);
        expect(linkText.replace(/[\u00a0\u202f]/g, ' ')).toBe(`${documentTitle} (PDF, 1 ko)`);

        // Linked from a page: the document cannot go to the trash, and the page says which page links to it.
        if (javaScriptEnabled) {
          const refusal = await page.goto(`${documentUrl}/supprimer`);
          expect(await readText(page.getByRole('main'))).toContain(title);
          await expectPageChecksPass(page, refusal, 'document deletion refused: a page links to it');
        }

        // Downloaded: the very bytes sent.
        const [download] = await Promise.all([site.site.waitForEvent('download'), link.click()]);
        expect(download.suggestedFilename()).toMatch(/^rapport-de-la-mission-.*\.pdf$/);
        const saved = await readFile(await download.path());
        expect(saved.equals(pdf)).toBe(true);
        expect(errors).toEqual([]);
        expect(site.errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  test('the writing toolbar: one tab stop, arrow keys, bold on the selection, a word processor’s paste kept as Markdown, a document picked and inserted', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signInThroughForm(page, server.baseUrl, EDITOR);
      await createPage(page, 'Le jumelage en images', 'Les élèves de Taliouine');
      const form = page.getByRole('main').locator('form.form');
      const body = form.getByLabel(t.fields.body);
      const toolbar = form.getByRole('toolbar', { name: 'Mise en forme du texte' });
      const buttons = toolbar.getByRole('button');
      expect(await readTexts(buttons)).toEqual([
        'Intertitre',
        'Gras',
        'Italique',
        'Liste',
        'Lien',
        'Citation',
        'Image',
        'Document',
      ]);

      // Bold: the word "Taliouine" selected, then the toolbar reached by keyboard.
      await body.evaluate((area: HTMLTextAreaElement) =>
        area.setSelectionRange(area.value.indexOf('Taliouine'), area.value.length),
      );
      await body.focus();
      await page.keyboard.press('Shift+Tab');
      expect(
        await toolbar
          .getByRole('button', { name: 'Intertitre' })
          .evaluate((b) => b === document.activeElement),
      ).toBe(true);
      await page.keyboard.press('ArrowRight');
      expect(
        await toolbar.getByRole('button', { name: 'Gras' }).evaluate((b) => b === document.activeElement),
      ).toBe(true);
      await page.keyboard.press('Enter');
      expect(await body.inputValue()).toBe('Les élèves de **Taliouine**');

      // Pasted from a word processor: headings, bold, lists and links kept; styles and pictures left.
      await body.evaluate((area: HTMLTextAreaElement) => {
        area.setSelectionRange(area.value.length, area.value.length);
        const data = new DataTransfer();
        data.setData(
          'text/html',
          '<html><head><style>p{color:red}</style></head><body><h1>Le programme</h1><p class="MsoNormal">Une <b>visite</b> de <a href="https://taliouine.example/ecole">l’école</a>.</p><ul><li>Lundi</li><li>Mardi</li></ul><img src="file:///C:/image001.png"></body></html>',
        );
        data.setData('text/plain', 'Le programme');
        area.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      });
      const pasted = await body.inputValue();
      expect(pasted).toContain('# Le programme');
      expect(pasted).toContain('Une **visite** de [l’école](https://taliouine.example/ecole).');
      expect(pasted).toMatch(/-\s+Lundi\n-\s+Mardi/);
      expect(pasted).not.toContain('image001');
      expect(pasted).not.toContain('color');

      // The document picker: a dialog listing the workspace's documents; the chosen one's code goes in.
      await toolbar.getByRole('button', { name: 'Document' }).click();
      const dialog = page.getByRole('dialog', { name: 'Choisir un document à insérer' });
      const insert = dialog.getByRole('button', { name: new RegExp(`^Insérer : ${DEMO.documentTitle}`) });
      await insert.waitFor();
      await insert.click();
      expect(await dialog.count()).toBe(0);
      expect(await body.inputValue()).toContain(`{{document:${DEMO.documentName}}}`);
      const saved = await clickThrough(page, form.getByRole('button', { name: t.save, exact: true }));
      expect(saved.status()).toBe(200);
      expect(await readText(flash(page))).toBe(t.saved);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('an image: uploaded with its text alternative, shown by a page, its deletion refused while used, deleted and restored', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    const site = await publicTab(context);
    const m = messages.media;
    const name = 'four-a-pain-taliouine';
    const alt = 'Un four à pain en terre crue devant une maison de Taliouine, au soleil du soir';
    const caption = 'Le four collectif rénové en 2026';
    const png = await sharp({
      create: { width: 480, height: 320, channels: 3, background: { r: 196, g: 120, b: 64 } },
    })
      .png()
      .toBuffer();
    await signInThroughForm(page, server.baseUrl, EDITOR);

    // Uploaded through the form, with its text alternative.
    await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.media, exact: true }),
    );
    await clickThrough(page, page.getByRole('main').getByRole('link', { name: m.newMedia }));
    const upload = page.getByRole('main').locator('form.form');
    await upload
      .getByLabel(m.fields.file)
      .setInputFiles({ name: 'four.png', mimeType: 'image/png', buffer: png });
    await upload.getByLabel(m.fields.altText, { exact: true }).fill(alt);
    await upload.getByLabel(m.fields.name).fill(name);
    await upload.getByLabel(m.fields.caption).fill(caption);
    const uploaded = await clickThrough(page, upload.getByRole('button', { name: m.upload }));
    expect(uploaded.status()).toBe(200);
    expect(await readText(flash(page))).toBe(m.created);
    expect(await readText(page.locator('h1'))).toBe(m.editTitle(name));
    await expectPageChecksPass(page, uploaded, 'an image just uploaded');
    const imageUrl = page.url();
    const code = await readText(page.getByRole('main').locator('code'));
    expect(code).toBe(`{{figure:${name}}}`);
    expect(await page.getByRole('main').getByRole('img', { name: alt }).count()).toBe(1);

    // Placed in a page, which is published: the public page shows it, with its alternative.
    const title = 'Le four à pain de Taliouine';
    const intro = 'Le four collectif a été rénové avec l’aide de la Communauté de communes.';
    await createPage(page, title, `${intro}\n\n${code}`);
    const pageUrl = page.url();
    await clickThrough(page, page.getByRole('main').getByRole('button', { name: t.publish, exact: true }));
    const publicPath = `${PARENT.path}/le-four-a-pain-de-taliouine`;
    expect(await site.expectPage(publicPath, title)).toContain(caption);
    const figure = site.site.getByRole('main').getByRole('img', { name: alt, exact: true });
    expect(await figure.count()).toBe(1);
    expect(await figure.getAttribute('alt')).toBe(alt);
    await expect
      .poll(() => figure.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
      .toBe(480);
    const fileUrl = server.url((await figure.getAttribute('src'))!);

    // Its deletion is refused while the page shows it; the refusal names the page.
    await page.goto(imageUrl);
    expect(await readTexts(page.getByRole('main').locator('ul').last().getByRole('link'))).toEqual([title]);
    const refused = await clickThrough(page, page.getByRole('main').getByRole('link', { name: m.delete }));
    expect(await readText(page.getByRole('main'))).toContain(m.deleteRefused);
    expect(await page.getByRole('main').getByRole('link', { name: title, exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: m.deleteConfirm }).count()).toBe(0);
    await expectPageChecksPass(page, refused, 'image deletion refused');

    // Taken out of the page: then deleted, after a confirmation page; the file is no longer served.
    await clickThrough(page, page.getByRole('main').getByRole('link', { name: title, exact: true }));
    expect(page.url()).toBe(pageUrl);
    await saveBody(page, intro);
    expect(await site.expectPage(publicPath, title)).toContain(intro);
    expect(await site.site.getByRole('main').getByRole('img').count()).toBe(0);
    await page.goto(imageUrl);
    const confirmation = await clickThrough(
      page,
      page.getByRole('main').getByRole('link', { name: m.delete }),
    );
    expect(await readText(page.locator('h1'))).toBe(m.deleteTitle(name));
    await expectPageChecksPass(page, confirmation, 'image delete confirmation');
    await clickThrough(page, page.getByRole('main').getByRole('button', { name: m.deleteConfirm }));
    expect(await readText(flash(page))).toBe(m.deleted);
    expect(await page.getByRole('main').getByRole('link', { name, exact: true }).count()).toBe(0);
    expect((await site.site.request.get(fileUrl)).status()).toBe(404);

    // Restored from the trash: listed again, served again, and shown again once placed back.
    await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.trash, exact: true }),
    );
    expect((await rowCellsByText(page, name)).slice(0, 2)).toEqual([name, messages.trash.kinds.media]);
    await clickThrough(
      page,
      page.getByRole('main').getByRole('button', { name: `${messages.trash.restore} ${name}`, exact: true }),
    );
    expect(await readText(flash(page))).toBe(messages.trash.restored);
    expect((await site.site.request.get(fileUrl)).status()).toBe(200);
    await clickThrough(
      page,
      adminNav(page).getByRole('link', { name: messages.admin.nav.media, exact: true }),
    );
    await clickThrough(page, page.getByRole('main').getByRole('link', { name, exact: true }));
    expect(page.url()).toBe(imageUrl);
    expect(await page.getByRole('main').getByLabel(m.fields.altText, { exact: true }).inputValue()).toBe(alt);
    await page.goto(pageUrl);
    await saveBody(page, `${intro}\n\n${code}`);
    await site.expectPage(publicPath, title);
    expect(await figure.getAttribute('alt')).toBe(alt);

    // Edited: a new text alternative and caption, which the public page shows at once.
    const newAlt = 'Le four à pain de Taliouine, voûte en terre crue, porte ouverte';
    const newCaption = 'Le four collectif, un an après sa rénovation';
    await page.goto(imageUrl);
    const form = page.getByRole('main').locator('form.form');
    await form.getByLabel(m.fields.altText, { exact: true }).fill(newAlt);
    await form.getByLabel(m.fields.caption).fill(newCaption);
    await clickThrough(page, form.getByRole('button', { name: m.save, exact: true }));
    expect(await readText(flash(page))).toBe(m.saved);
    expect(await site.expectPage(publicPath, title)).toContain(newCaption);
    const edited = site.site.getByRole('main').getByRole('img', { name: newAlt, exact: true });
    expect(await edited.count()).toBe(1);

    // The image's history: each step by the editor.
    await page.goto(imageUrl);
    const history = await clickThrough(page, page.getByRole('main').getByRole('link', { name: m.history }));
    const steps = await historySteps(page);
    expect(steps.map(([who]) => who)).toEqual(steps.map(() => EDITOR.name));
    expect(steps.map(([, what]) => what)).toEqual([
      messages.history.actions.update,
      messages.history.actions.restore,
      messages.history.actions.delete,
      messages.history.actions.create,
    ]);
    await expectPageChecksPass(page, history, 'history of an image');

    expect(pageErrors).toEqual([]);
    expect(site.errors).toEqual([]);
  });
});

/** The cells of the table row whose first cell starts with `text` (rows without a link: the trash). */
async function rowCellsByText(page: Page, text: string): Promise<string[]> {
  const rows = page.getByRole('main').locator('tbody > tr');
  for (let index = 0; index < (await rows.count()); index++) {
    const cells = await readTexts(rows.nth(index).locator(':scope > td'));
    if (cells[0]?.startsWith(text)) return cells;
  }
  return [];
}
