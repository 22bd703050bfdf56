import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, DEMO_ACCOUNTS } from '../../src/db/seeds/demo.js';
import { simplePdf } from '../../src/db/seeds/pdf.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { clickThrough, flash, signInThroughForm } from '../helpers/backoffice.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { decodeMail } from '../helpers/mail.js';
import { collectPageErrors, expectValidHtml, readText } from '../helpers/page-checks.js';
import { type RunningServer, startServer } from '../helpers/server.js';

const o = messages.organisations;
const pa = messages.partnerships;
const cv = messages.conventions;

/**
 * Step 7's journey, without JavaScript: an admin takes a partner from the gazetteer, records a
 * partnership and its convention from draft to in force, attaches the signed PDF, invites an
 * account of the partner and shares the partnership; that account then reads them, and nothing else.
 */
describe('a partnership with a gazetteer partner, its convention, and the partner’s account', () => {
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
  const button = (page: Page, name: string) => main(page).getByRole('button', { name, exact: true });

  async function invitationPathTo(to: string): Promise<string> {
    for (let waited = 0; waited < 5000; waited += 50) {
      const message = [...server.smtp.received].reverse().find((received) => received.to.includes(to));
      const link = message && /https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/.exec(decodeMail(message.raw).text);
      if (link) return new URL(link[0]).pathname;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No invitation was sent to ${to}`);
  }

  test('without JavaScript, from the gazetteer to the partner reading what is shared', async () => {
    const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
    const adminContext = await browser.newContext({ javaScriptEnabled: false });
    const page = await adminContext.newPage();
    const errors = collectPageErrors(page);
    await signInThroughForm(page, server.baseUrl, admin);

    // The partner, from the gazetteer: searched, then added.
    await page.goto(server.url('/gestion/organisations/ajouter'));
    await main(page).getByLabel(o.picker.searchLabel).fill('taroudan');
    const results = await clickThrough(page, button(page, o.picker.searchButton));
    // axe needs JavaScript in the page: it checks these screens in backoffice-accessibility; here, the HTML.
    await expectValidHtml(await results.text(), 'gazetteer picker with results, without JavaScript');
    await clickThrough(page, main(page).getByRole('button', { name: o.picker.choose('Taroudant') }));
    expect(await readText(flash(page))).toBe(o.createdFromGazetteer);
    expect(await readText(page.locator('h1'))).toBe(o.editTitle('Taroudant'));

    // The partnership.
    await page.goto(server.url('/gestion/partenariats/nouveau'));
    await main(page).getByLabel(pa.fields.partner_organisation_id).selectOption({ label: 'Taroudant' });
    await main(page).getByLabel(pa.fields.since).fill('2026-01-15');
    await clickThrough(page, button(page, pa.create));
    expect(await readText(flash(page))).toBe(pa.created);
    const partnershipUrl = page.url();

    // Its convention, first a draft, then signed and sent to the prefect: in force.
    await clickThrough(page, main(page).getByRole('link', { name: pa.addConvention }));
    await main(page).getByLabel(cv.fields.title).fill('Convention Pays des Écrins – Taroudant');
    await main(page).getByLabel(cv.fields.object).fill('Échanges entre écoles et appui à la bibliothèque.');
    await main(page).getByLabel(cv.fields.planned_amount).fill('10 000');
    await clickThrough(page, button(page, cv.create));
    expect(await readText(page.locator('.status-box strong'))).toContain(cv.statuses.draft);
    await main(page).getByLabel(cv.fields.signature_date).fill('2026-11-02');
    await main(page).getByLabel(cv.fields.prefect_sent_date).fill('2026-11-05');
    await main(page).getByLabel(cv.fields.duration_months).fill('36');
    const inForce = await clickThrough(page, button(page, cv.save));
    expect(await readText(page.locator('.status-box strong'))).toContain(cv.statuses.in_force);
    await expectValidHtml(await inForce.text(), 'a convention in force, without JavaScript');

    // The signed PDF.
    await main(page)
      .getByLabel(cv.fields.upload)
      .setInputFiles({
        name: 'convention-signee.pdf',
        mimeType: 'application/pdf',
        buffer: simplePdf('Convention signée', ['Pays des Écrins – Taroudant, 2 novembre 2026.']),
      });
    await clickThrough(page, button(page, cv.fields.uploadButton));
    expect(await readText(flash(page))).toBe(cv.documentAttached);
    const documentLink = main(page).getByRole('link', { name: /signée/ });
    expect(await documentLink.count()).toBe(1);
    const conventionUrl = page.url();

    // An account of the partner, invited from the partnership's page, then the sharing.
    await page.goto(partnershipUrl);
    await clickThrough(page, main(page).getByRole('link', { name: pa.invitePartner('Taroudant') }));
    const partnerEmail = 'bibliotheque@taroudant.example';
    await main(page).getByLabel(messages.users.email, { exact: true }).fill(partnerEmail);
    await main(page).getByLabel(messages.users.name, { exact: true }).fill('Amina Taroudant');
    await clickThrough(page, button(page, messages.users.sendInvitation));
    expect(await readText(flash(page))).toBe(messages.users.invited('Amina Taroudant'));
    await page.goto(partnershipUrl);
    await clickThrough(page, button(page, pa.share));
    expect(await readText(flash(page))).toBe(pa.sharedDone);
    expect(errors).toEqual([]);
    await adminContext.close();

    // The partner accepts and reads the partnership, its convention and the signed document.
    const partnerContext = await browser.newContext({ javaScriptEnabled: false });
    const partner = await partnerContext.newPage();
    await partner.goto(server.url(await invitationPathTo(partnerEmail)));
    const inv = messages.invitations;
    await main(partner).getByLabel(inv.nameLabel, { exact: true }).fill('Amina Taroudant');
    await main(partner)
      .getByLabel(messages.accounts.choosePassword.passwordLabel, { exact: true })
      .fill('une phrase de passe');
    await main(partner)
      .getByLabel(messages.accounts.choosePassword.confirmLabel, { exact: true })
      .fill('une phrase de passe');
    await clickThrough(partner, button(partner, inv.submit));
    const list = await clickThrough(
      partner,
      partner
        .getByRole('navigation', { name: messages.admin.navLabel })
        .getByRole('link', { name: messages.admin.nav.partnerships }),
    );
    await expectValidHtml(await list.text(), 'the partnerships shared with a partner');
    const rows = main(partner).locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await readText(rows.first())).toContain('Taroudant');
    await clickThrough(
      partner,
      main(partner).getByRole('link', { name: pa.title(DEMO.workspaceName, 'Taroudant') }),
    );
    await clickThrough(
      partner,
      main(partner).getByRole('link', { name: 'Convention Pays des Écrins – Taroudant' }),
    );
    expect(partner.url()).toBe(conventionUrl);
    expect(await readText(partner.locator('.status-box strong'))).toContain(cv.statuses.in_force);
    const download = await partner.request.get(
      await main(partner)
        .getByRole('link', { name: /signée/ })
        .getAttribute('href')
        .then((href) => server.url(href!)),
    );
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('application/pdf');

    // Nothing else: the demo's partnership with Taliouine, the organisations, the pages.
    const taliouine = await server.testApp.database.db
      .selectFrom('partnerships as p')
      .innerJoin('organisations as o', 'o.id', 'p.partner_organisation_id')
      .select('p.id')
      .where('o.gazetteer_key', '=', DEMO.places.partner)
      .executeTakeFirstOrThrow();
    expect((await partner.goto(server.url(`/gestion/partenariats/${taliouine.id}`)))?.status()).toBe(404);
    expect((await partner.goto(server.url('/gestion/organisations')))?.status()).toBe(403);
    expect((await partner.goto(server.url('/gestion/pages')))?.status()).toBe(403);
    await partnerContext.close();
  });
});
