import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { multipart } from '../../../test/helpers/multipart.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs } from '../../../test/helpers/session.js';
import type { Role, Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_CONVENTION } from '../../db/seeds/demo.js';
import { simplePdf } from '../../db/seeds/pdf.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';

const text = messages.conventions;
const law = text.law;

function demo(role: Role) {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!;
}

let t: TestApp;
let workspace: Workspace;
const cookies = {} as Record<'admin' | 'editor' | 'reader' | 'partner', string>;
const pages: Array<[string, string]> = [];

beforeAll(async () => {
  t = await createTestApp();
  workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  for (const role of ['admin', 'editor', 'reader', 'partner'] as const)
    cookies[role] = await signInAs(t.app, demo(role).email, demo(role).password);
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, who: keyof typeof cookies) {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
  return { response, document: parseHtml(response.body) };
}

async function post(who: keyof typeof cookies, url: string, fields: Record<string, string>) {
  const token = await csrfFrom(t.app, '/gestion', cookies[who]);
  const response = await postForm(t.app, url, { token, cookie: cookies[who] }, fields);
  return { response, document: parseHtml(response.body) };
}

/** An organisation of the workspace made from a gazetteer place, through the picker. */
async function fromGazetteer(key: string): Promise<string> {
  const { response } = await post('editor', '/gestion/organisations/ajouter', { place: key });
  expect(response.statusCode).toBe(303);
  return (response.headers.location as string).split('/').pop()!;
}

const errorBeside = (document: Document, field: string) => textOf(document.querySelector(`#${field}-error`)!);

describe('a partnership and its convention, from draft to in force', () => {
  let partnershipUrl: string;
  let partnerId: string;
  let conventionUrl: string;

  it('creates a partnership with a partner taken from the gazetteer', async () => {
    partnerId = await fromGazetteer('geonames:2529649'); // Taroudant, Morocco
    const created = await post('editor', '/gestion/partenariats', {
      local_organisation_id: workspace.organisation_id!,
      partner_organisation_id: partnerId,
      kind: 'cooperation',
      since: '2025-01-15',
      status: 'active',
      planned_amount: '8 000',
      currency: 'EUR',
    });
    expect(created.response.statusCode).toBe(303);
    partnershipUrl = created.response.headers.location as string;
    const page = await get(partnershipUrl, 'editor');
    expect(page.response.statusCode).toBe(200);
    pages.push(['a partnership with its warning', page.response.body]);
    // Money planned, no convention in force: the L1115-1 warning, not a refusal.
    expect(textOf(page.document.querySelector('.notice--warning')!)).toContain('L1115-1');
  });

  it('says nothing of a convention for an emergency humanitarian action', async () => {
    const page = await get(partnershipUrl, 'editor');
    const version = (page.document.querySelector('input[name="version"]') as HTMLInputElement).value;
    const saved = await post('editor', partnershipUrl, {
      local_organisation_id: workspace.organisation_id!,
      partner_organisation_id: partnerId,
      kind: 'cooperation',
      since: '2025-01-15',
      status: 'active',
      planned_amount: '8 000',
      currency: 'EUR',
      emergency_humanitarian: 'on',
      version,
    });
    expect(saved.response.statusCode).toBe(303);
    expect((await get(partnershipUrl, 'editor')).document.querySelector('.notice--warning')).toBeNull();
  });

  it('refuses a convention with a foreign local authority that states no object nor amount (L1115-1)', async () => {
    const id = partnershipUrl.split('/').pop()!;
    const form = await get(`${partnershipUrl}/conventions/nouvelle`, 'editor');
    pages.push(['a new convention', form.response.body]);
    const refused = await post('editor', `/gestion/partenariats/${id}/conventions`, {
      title: 'Convention Taroudant',
      party_0: workspace.organisation_id!,
      party_1: partnerId,
      currency: 'EUR',
    });
    expect(refused.response.statusCode).toBe(400);
    expect(errorBeside(refused.document, 'object')).toContain(plainText(law.objectRequired));
    expect(errorBeside(refused.document, 'planned_amount')).toContain(plainText(law.amountRequired));
    pages.push(['a convention refused by the law', refused.response.body]);
  });

  it('refuses a foreign State as a party, unless the L1115-5 exception and its reference are recorded', async () => {
    const id = partnershipUrl.split('/').pop()!;
    const morocco = await fromGazetteer('country:MA');
    const fields = {
      title: 'Convention Taroudant',
      object: 'Appui à l’adduction d’eau',
      planned_amount: '20 000',
      currency: 'EUR',
      party_0: workspace.organisation_id!,
      party_1: partnerId,
      party_2: morocco,
    };
    const refused = await post('editor', `/gestion/partenariats/${id}/conventions`, fields);
    expect(refused.response.statusCode).toBe(400);
    expect(errorBeside(refused.document, 'state_exception')).toContain('L1115-5');
    const noReference = await post('editor', `/gestion/partenariats/${id}/conventions`, {
      ...fields,
      state_exception: 'prefect_authorisation',
    });
    expect(errorBeside(noReference.document, 'state_exception_reference')).toContain(
      plainText(law.exceptionReferenceRequired),
    );
    const accepted = await post('editor', `/gestion/partenariats/${id}/conventions`, {
      ...fields,
      party_2: '',
      object: 'Appui à l’adduction d’eau',
    });
    expect(accepted.response.statusCode).toBe(303);
    conventionUrl = accepted.response.headers.location as string;
    const excepted = await post('editor', `/gestion/partenariats/${id}/conventions`, {
      ...fields,
      title: 'Convention tripartite',
      state_exception: 'prefect_authorisation',
      state_exception_reference: 'Arrêté préfectoral n° 05-2026-11-02-001',
    });
    expect(excepted.response.statusCode).toBe(303);
  });

  it('derives its status from its dates, with the clock: draft, signed, in force, expired', async () => {
    const statusOf = async () =>
      textOf((await get(conventionUrl, 'editor')).document.querySelector('.status-box strong')!);
    expect(await statusOf()).toContain(text.statuses.draft);
    const save = async (changes: Record<string, string>) => {
      const page = await get(conventionUrl, 'editor');
      const fields: Record<string, string> = {};
      for (const input of page.document.querySelectorAll(
        `form.form[action$="${conventionUrl.split('/').pop()}"] [name]`,
      )) {
        const element = input as HTMLInputElement;
        if (element.name === '_csrf') continue;
        if (element.tagName === 'SELECT')
          fields[element.name] =
            (element.querySelector('option[selected]') as HTMLOptionElement | null)?.value ?? '';
        else if (element.type === 'checkbox') {
          if (element.checked) fields[element.name] = 'on';
        } else
          fields[element.name] = element.tagName === 'TEXTAREA' ? (element.textContent ?? '') : element.value;
      }
      const saved = await post('editor', conventionUrl, { ...fields, ...changes });
      expect(saved.response.statusCode, saved.response.body.slice(0, 3000)).toBe(303);
    };
    await save({ signature_date: '2026-11-20' });
    expect(await statusOf()).toContain(text.statuses.signed);
    await save({ prefect_sent_date: '2026-11-26', start_date: '2026-12-01', duration_months: '12' });
    expect(await statusOf()).toContain(text.statuses.enforceable);
    // A session lapses when the clock jumps ahead: the editor signs in again at each date.
    const signInAt = async (when: string) => {
      t.clock.set(new Date(when));
      cookies.editor = await signInAs(t.app, demo('editor').email, demo('editor').password);
    };
    try {
      await signInAt('2026-12-01T09:00:00Z');
      expect(await statusOf()).toContain(text.statuses.in_force);
      await signInAt('2027-11-30T09:00:00Z');
      expect(await statusOf()).toContain(text.statuses.in_force);
      await signInAt('2027-12-01T09:00:00Z');
      expect(await statusOf()).toContain(text.statuses.expired);
    } finally {
      await signInAt('2026-11-26T10:00:00Z');
    }
    // A convention in force: the partnership's warning has nothing to say even without the emergency flag.
  });

  it('attaches the signed PDF, which the page then links', async () => {
    const id = conventionUrl.split('/').pop()!;
    const token = await csrfFrom(t.app, conventionUrl, cookies.editor);
    const body = multipart(
      { _csrf: token },
      {
        fileName: 'convention-signee.pdf',
        content: simplePdf('Convention signée', ['Signée le 20 novembre 2026.']),
        contentType: 'application/pdf',
      },
    );
    const response = await t.app.inject({
      method: 'POST',
      url: `/gestion/conventions/${id}/document`,
      headers: { cookie: cookies.editor, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(303);
    const page = await get(conventionUrl, 'editor');
    const link = page.document.querySelector('#document-titre + p a')!;
    expect(textOf(link)).toContain('(signée)');
    expect((await t.app.inject({ method: 'GET', url: link.getAttribute('href')! })).statusCode).toBe(200);
    pages.push(['a convention with its signed document', page.response.body]);
  });

  it('is valid HTML on every page of the way', async () => {
    for (const [label, html] of pages) await expectValidHtml(html, label);
  });
});

describe('the partner account', () => {
  it('reads the partnership shared with its organisation, its convention and document, and nothing else', async () => {
    const list = await get('/gestion/partenariats', 'partner');
    expect(list.response.statusCode).toBe(200);
    const links = [...list.document.querySelectorAll('main table a')];
    expect(links.map((link) => textOf(link))).toEqual([
      plainText(messages.partnerships.title(DEMO.workspaceName, 'Commune de Taliouine')),
    ]);
    const partnership = await get(links[0]!.getAttribute('href')!, 'partner');
    expect(partnership.response.statusCode).toBe(200);
    expect(partnership.document.querySelector('form.form')).toBeNull();
    const conventionLink = partnership.document.querySelector('#conventions-titre ~ ul a')!;
    expect(textOf(conventionLink)).toBe(DEMO_CONVENTION.title);
    const convention = await get(conventionLink.getAttribute('href')!, 'partner');
    expect(convention.response.statusCode).toBe(200);
    expect(textOf(convention.document.querySelector('.status-box strong')!)).toContain(
      text.statuses.in_force,
    );
    expect(convention.document.querySelector('#document-titre + p a')).not.toBeNull();
    await expectValidHtml(convention.response.body, 'a convention read by the partner');

    // Nothing else: another partnership, the organisations, the pages, the convention's history.
    const oulx = await t.database.db
      .selectFrom('partnerships')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('kind', '=', 'twinning')
      .executeTakeFirstOrThrow();
    expect((await get(`/gestion/partenariats/${oulx.id}`, 'partner')).response.statusCode).toBe(404);
    expect((await get('/gestion/organisations', 'partner')).response.statusCode).toBe(403);
    expect((await get('/gestion/pages', 'partner')).response.statusCode).toBe(403);
  });

  it('loses it when the admin stops sharing it', async () => {
    const list = await get('/gestion/partenariats', 'admin');
    const href = [...list.document.querySelectorAll('main table a')]
      .find((link) => textOf(link).includes('Taliouine'))!
      .getAttribute('href')!;
    const unshared = await post('admin', `${href}/partage`, { partage: 'non' });
    expect(unshared.response.statusCode).toBe(303);
    expect((await get(href, 'partner')).response.statusCode).toBe(404);
    expect(textOf((await get('/gestion/partenariats', 'partner')).document.querySelector('main')!)).toContain(
      plainText(messages.partnerships.noneShared),
    );
    // Only an admin shares: an editor is refused.
    expect((await post('editor', `${href}/partage`, { partage: 'oui' })).response.statusCode).toBe(403);
    await post('admin', `${href}/partage`, { partage: 'oui' });
    expect((await get(href, 'partner')).response.statusCode).toBe(200);
  });
});

describe('the trash', () => {
  it('takes a partnership without conventions, names it by its partner, and gives it back; refuses one with conventions', async () => {
    const twinning = await t.database.db
      .selectFrom('partnerships')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('kind', '=', 'twinning')
      .executeTakeFirstOrThrow();
    const deleted = await post('editor', `/gestion/partenariats/${twinning.id}/supprimer`, {});
    expect(deleted.response.statusCode).toBe(303);
    const trash = await get('/gestion/corbeille', 'editor');
    const row = [...trash.document.querySelectorAll('main tr')].find((tr) =>
      textOf(tr).includes('Comune di Oulx'),
    )!;
    expect(textOf(row)).toContain(messages.trash.kinds.partnership);
    const { deletion_id } = await t.database.db
      .selectFrom('partnerships')
      .select('deletion_id')
      .where('id', '=', twinning.id)
      .executeTakeFirstOrThrow();
    expect(
      (await post('editor', `/gestion/corbeille/${deletion_id}/restaurer`, {})).response.statusCode,
    ).toBe(303);
    expect((await get(`/gestion/partenariats/${twinning.id}`, 'editor')).response.statusCode).toBe(200);

    const withConventions = await t.database.db
      .selectFrom('conventions')
      .select('partnership_id')
      .where('title', '=', DEMO_CONVENTION.title)
      .executeTakeFirstOrThrow();
    const refused = await post(
      'editor',
      `/gestion/partenariats/${withConventions.partnership_id}/supprimer`,
      {},
    );
    expect(refused.response.statusCode).toBe(400);
    expect(textOf(refused.document.querySelector('.error-summary')!)).toBe(
      plainText(messages.partnerships.errors.deleteRefused),
    );
  });
});
