import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { changeSides, parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, mergeCookies, signInAs } from '../../../test/helpers/session.js';
import type { Role, Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_PRESENTATION, DEMO_SECOND } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';

const text = messages.settings;
const SECOND_HOST = { host: DEMO_SECOND.hostName };

function demo(role: Role) {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!;
}

let t: TestApp;
let workspace: Workspace;
let second: Workspace;
/** The demo's logo and banner, which every whole form sends back as they are. */
const identity = { logo: '', banner: '' };
const cookies = {} as Record<'admin' | 'editor' | 'reader' | 'second', string>;

beforeAll(async () => {
  t = await createTestApp();
  workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  second = (await findWorkspaceBySlug(t.database.db, DEMO_SECOND.workspaceSlug))!;
  const row = await settingsRow(workspace.id);
  identity.logo = row.logo_media_id ?? '';
  identity.banner = row.banner_media_id ?? '';
  for (const role of ['admin', 'editor', 'reader'] as const) {
    cookies[role] = await signInAs(t.app, demo(role).email, demo(role).password);
  }
  cookies.second = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, SECOND_HOST);
});
afterAll(async () => {
  await t?.close();
});

function unique(): string {
  return randomBytes(4).toString('hex');
}

async function get(url: string, cookie?: string, options: { host?: string } = {}) {
  const response = await t.app.inject({
    method: 'GET',
    url,
    headers: { ...(cookie ? { cookie } : {}), ...(options.host ? { host: options.host } : {}) },
  });
  return { response, document: parseHtml(response.body) };
}

type Fields = Array<[string, string]>;

/** A whole settings form, as a browser sends it: ticked tools repeat the `tools` name. */
function settingsForm(
  overrides: {
    site_name?: string;
    tools?: string[];
    links?: Array<[string, string]>;
    extra?: Record<string, string>;
  } = {},
): Fields {
  const fields: Fields = [['site_name', overrides.site_name ?? 'Communauté de communes du Pays des Écrins']];
  fields.push(
    ['logo_media_id', identity.logo],
    ['main_colour', DEMO.mainColour],
    ['banner_media_id', identity.banner],
    ['presentation', DEMO_PRESENTATION],
  );
  for (const tool of overrides.tools ?? ['print', 'send_to_friend', 'site_map', 'contact']) {
    fields.push(['tools', tool]);
  }
  const links = overrides.links ?? [
    ['Mentions légales', '/mentions-legales'],
    [messages.site.misc.accessibility, '/accessibilite'],
    ['Plan du site', '/plan-du-site'],
  ];
  for (let row = 1; row <= 6; row += 1) {
    fields.push([`misc_label_${row}`, links[row - 1]?.[0] ?? '']);
    fields.push([`misc_href_${row}`, links[row - 1]?.[1] ?? '']);
  }
  const legal = {
    publisher_name: 'Communauté de communes du Pays des Écrins',
    publisher_address: '',
    publication_director: 'Le président de la Communauté de communes du Pays des Écrins',
    hosting_provider: '',
    contact_email: 'communication@cc-paysdesecrins.com',
    ...overrides.extra,
  };
  fields.push(...Object.entries(legal));
  return fields;
}

async function postSettings(who: keyof typeof cookies, fields: Fields, options: { host?: string } = {}) {
  const cookie = cookies[who];
  const token = await csrfFrom(t.app, '/gestion', cookie, options);
  // The version the form shows, sent back as a browser does (unless the test sends its own).
  if (!fields.some(([name]) => name === 'version')) {
    const form = (await get('/gestion/parametres', cookie, options)).document;
    const version = form.querySelector('input[name="version"]')?.getAttribute('value');
    if (version) fields = [...fields, ['version', version]];
  }
  const response = await t.app.inject({
    method: 'POST',
    url: '/gestion/parametres',
    headers: {
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.host ? { host: options.host } : {}),
    },
    payload: new URLSearchParams([
      ['_csrf', token],
      // The demo's logo and banner are images of its own workspace: another sends none.
      ...fields.map(([name, value]): [string, string] =>
        who === 'second' && /^(logo|banner)_media_id$/.test(name) ? [name, ''] : [name, value],
      ),
    ]).toString(),
  });
  return { response, document: parseHtml(response.body), cookie: mergeCookies(cookie, response) };
}

function labels(document: Document, selector: string): string[] {
  return [...document.querySelectorAll(`${selector} a`)].map((a) => textOf(a));
}

function errorOf(document: Document, id: string): string {
  return textOf(document.getElementById(`${id}-error`));
}

async function settingsRow(workspaceId: string) {
  return t.database.db
    .selectFrom('site_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

describe('the settings screen', () => {
  it('shows an admin the form filled with the current settings', async () => {
    const { response, document } = await get('/gestion/parametres', cookies.admin);
    expect(response.statusCode).toBe(200);
    expect(document.querySelector('#site_name')?.getAttribute('value')).toBe(
      'Communauté de communes du Pays des Écrins',
    );
    // The host names are the operator's: shown, not a field of the form.
    expect([...document.querySelectorAll('.host-names li')].map((li) => textOf(li))).toEqual(['localhost']);
    expect(document.querySelector('[name="host_names"]')).toBeNull();
    const ticked = [...document.querySelectorAll('input[name="tools"]')]
      .filter((box) => box.hasAttribute('checked'))
      .map((box) => box.getAttribute('value'));
    expect(ticked).toEqual(['print', 'send_to_friend', 'site_map', 'contact']);
    expect(document.querySelector('#misc_label_1')?.getAttribute('value')).toBe('Mentions légales');
    expect(document.querySelector('#misc_href_3')?.getAttribute('value')).toBe('/plan-du-site');
    expect(document.querySelector('#misc_label_4')?.getAttribute('value')).toBe('');
    expect(document.querySelector('#contact_email')?.getAttribute('value')).toBe(
      'communication@cc-paysdesecrins.com',
    );
    // Each checkbox has its own label.
    for (const box of document.querySelectorAll('input[name="tools"]')) {
      expect(document.querySelector(`label[for="${box.getAttribute('id')}"]`)).not.toBeNull();
    }
  });

  it('shows an editor the settings read-only, without a form', async () => {
    const { response, document } = await get('/gestion/parametres', cookies.editor);
    expect(response.statusCode).toBe(200);
    expect(document.querySelector('form.form')).toBeNull();
    expect(textOf(document.querySelector('.notice'))).toBe(plainText(text.readOnly));
    expect(textOf(document.querySelector('main dl'))).toContain('Communauté de communes du Pays des Écrins');
  });

  it('refuses an editor’s and a reader’s post (403) and changes nothing', async () => {
    for (const who of ['editor', 'reader'] as const) {
      const { response } = await postSettings(who, settingsForm({ site_name: `Pris par ${who}` }));
      expect(response.statusCode, who).toBe(403);
    }
    expect((await settingsRow(workspace.id)).site_name).not.toMatch(/^Pris par/);
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const { response } = await get('/gestion/parametres');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/connexion/);
  });
});

describe('saving the settings', () => {
  it('changes the public site at once: its name in the header, the tools, the links, the legal notice', async () => {
    const name = `Pays des Écrins – coopération ${unique()}`;
    const { response, cookie } = await postSettings(
      'admin',
      settingsForm({
        site_name: name,
        tools: ['contact', 'send_to_friend', 'site_map'],
        links: [
          ['Mentions légales', '/mentions-legales'],
          ['', ''],
          ['Portail national', 'https://www.service-public.fr/'],
        ],
        extra: { hosting_provider: 'Hébergeur Exemple, 1 rue du Serveur, 75000 Paris' },
      }),
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/gestion/parametres');
    const after = await get('/gestion/parametres', cookie);
    expect(textOf(after.document.querySelector('[role="status"]'))).toBe(plainText(text.saved));

    const { document } = await get(DEMO.cooperationPath);
    // The logo stands for the name, which is its text alternative.
    expect(document.querySelector('.site-header__name img')?.getAttribute('alt')).toBe(name);
    // The fixed order of the menu, whatever order was sent; the print tool is gone.
    expect(labels(document, '#menu-outils')).toEqual(['Envoyer à un ami', 'Plan du site', 'Contact']);
    // A link to another site says so.
    expect(labels(document, '#liens-divers')).toEqual([
      'Mentions légales',
      `Portail national ${messages.site.externalLink}`,
    ]);
    expect(
      document.querySelector('#liens-divers a[href="https://www.service-public.fr/"]')?.getAttribute('rel'),
    ).toBe('external');
    expect(document.querySelector('#liens-divers a[href="/mentions-legales"]')?.hasAttribute('rel')).toBe(
      false,
    );
    const legal = await get('/mentions-legales');
    expect(textOf(legal.document.querySelector('main'))).toContain('Hébergeur Exemple, 1 rue du Serveur');

    const row = await settingsRow(workspace.id);
    expect(row.tools).toEqual(['send_to_friend', 'site_map', 'contact']);
    expect(row.misc_links).toEqual([
      { label: 'Mentions légales', href: '/mentions-legales' },
      { label: 'Portail national', href: 'https://www.service-public.fr/' },
    ]);

    await postSettings('admin', settingsForm());
    const restored = await get(DEMO.cooperationPath);
    expect(labels(restored.document, '#menu-outils')).toContain('Imprimer');
  });

  it('writes one audit event per save, which the history shows with its author and changed fields', async () => {
    const name = `Nom pour l’historique ${unique()}`;
    const countBefore = await countSettingsEvents(workspace.id);
    await postSettings('admin', settingsForm({ site_name: name, tools: ['site_map', 'contact'] }));
    expect(await countSettingsEvents(workspace.id)).toBe(countBefore + 1);

    const { response, document } = await get('/gestion/parametres/historique', cookies.reader);
    expect(response.statusCode).toBe(200);
    const latest = document.querySelector('tbody tr')!;
    expect(textOf(latest.querySelector('td:nth-child(2)'))).toBe('Alice Admin');
    expect(textOf(latest.querySelector('td:nth-child(3)'))).toBe(messages.history.actions.update);
    const changed = [...latest.querySelectorAll('dt')].map((dt) => textOf(dt));
    expect(changed.sort()).toEqual(['Menu outils', 'Nom du site']);
    const nameChange = [...latest.querySelectorAll('dt')].find((dt) => textOf(dt) === 'Nom du site');
    expect(changeSides(nameChange?.nextElementSibling).after).toContain(name);
    expect(textOf(latest)).not.toContain('Liens divers');

    await postSettings('admin', settingsForm());
  });

  it('keeps what was typed and shows each message beside its field, linked from the summary', async () => {
    const before = await settingsRow(workspace.id);
    const { response, document } = await postSettings(
      'admin',
      settingsForm({
        site_name: '',
        tools: ['contact'],
        links: [
          ['Mentions légales', '/mentions-legales'],
          ['Sans adresse', ''],
          ['', '/sans-libelle'],
          ['Dangereux', 'javascript:alert(1)'],
        ],
        extra: { contact_email: 'pas-une-adresse' },
      }),
    );
    expect(response.statusCode).toBe(400);
    const summary = [...document.querySelectorAll('.error-summary a')].map((a) => [
      a.getAttribute('href'),
      textOf(a),
    ]);
    expect(summary).toEqual([
      ['#site_name', plainText(text.errors.siteNameRequired)],
      ['#misc_href_2', plainText(text.errors.linkHrefMissing(2))],
      ['#misc_label_3', plainText(text.errors.linkLabelMissing(3))],
      ['#misc_href_4', plainText(text.errors.linkHrefInvalid(4))],
      ['#contact_email', plainText(text.errors.emailInvalid)],
    ]);
    for (const [href, message] of summary) {
      const id = href!.slice(1);
      expect(document.getElementById(id), id).not.toBeNull();
      expect(errorOf(document, id)).toContain(message);
    }
    // What was typed comes back, ticked boxes included.
    expect(document.querySelector('#misc_label_2')?.getAttribute('value')).toBe('Sans adresse');
    expect(document.querySelector('#misc_href_4')?.getAttribute('value')).toBe('javascript:alert(1)');
    expect(document.querySelector('#contact_email')?.getAttribute('value')).toBe('pas-une-adresse');
    expect(document.querySelector('#tools-contact')?.hasAttribute('checked')).toBe(true);
    expect(document.querySelector('#tools-print')?.hasAttribute('checked')).toBe(false);
    expect(await settingsRow(workspace.id)).toEqual(before);
  });

  it.each(['/\\evil.example', 'http:/\\evil.example', 'https:evil.example', '//evil.example'])(
    'refuses the link %s, which a browser would follow to another host',
    async (href) => {
      const before = await settingsRow(workspace.id);
      const { response, document } = await postSettings(
        'admin',
        settingsForm({
          links: [
            ['Mentions légales', '/mentions-legales'],
            ['Ailleurs', href],
          ],
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(errorOf(document, 'misc_href_2')).toContain(plainText(text.errors.linkHrefInvalid(2)));
      expect(await settingsRow(workspace.id)).toEqual(before);
    },
  );

  it('draws no link saved before the rule that a browser would follow to another host', async () => {
    const before = await settingsRow(workspace.id);
    await t.database.db
      .updateTable('site_settings')
      .set({
        misc_links: JSON.stringify([
          { label: 'Ancien lien piégé', href: '/\\evil.example' },
          { label: 'Autre lien piégé', href: 'https:evil.example' },
          { label: 'Plan du site', href: '/plan-du-site' },
        ]),
      })
      .where('workspace_id', '=', workspace.id)
      .execute();
    try {
      const { document } = await get('/');
      expect(labels(document, '#liens-divers')).toEqual(['Plan du site']);
    } finally {
      await t.database.db
        .updateTable('site_settings')
        .set({ misc_links: JSON.stringify(before.misc_links) })
        .where('workspace_id', '=', workspace.id)
        .execute();
    }
  });

  it('refuses a tool that is not on the list', async () => {
    const { response, document } = await postSettings('admin', settingsForm({ tools: ['print', 'fax'] }));
    expect(response.statusCode).toBe(400);
    expect(errorOf(document, 'tools')).toContain(plainText(text.errors.toolUnknown));
    expect(document.querySelector('.error-summary a')?.getAttribute('href')).toBe('#tools');
  });
});

describe('host names', () => {
  it('are never changed from the web: a host_names field sent with the form is ignored', async () => {
    const before = (await findWorkspaceBySlug(t.database.db, DEMO_SECOND.workspaceSlug))!.host_names;
    const taken = [...before, 'localhost', t.config.publicUrl.hostname, `pris-${unique()}.exemple.fr`];
    const { response } = await postSettings(
      'second',
      [...settingsForm({ site_name: DEMO_SECOND.name }), ['host_names', taken.join('\n')]],
      SECOND_HOST,
    );
    expect(response.statusCode).toBe(303);
    expect((await findWorkspaceBySlug(t.database.db, DEMO_SECOND.workspaceSlug))!.host_names).toEqual(before);
    const hosts = await t.database.db.selectFrom('workspace_hosts').select('host_name').execute();
    expect(hosts.map((row) => row.host_name).sort()).toEqual(['demo2.localhost', 'localhost']);
  });

  it('shows every member who reads the settings where the site answers, read only', async () => {
    const { document } = await get('/gestion/parametres', cookies.editor);
    expect([...document.querySelectorAll('.host-names li')].map((li) => textOf(li))).toEqual(['localhost']);
    expect(textOf(document.querySelector('main'))).toContain(plainText(text.fields.host_namesOperator));
    expect(textOf(document.querySelector('main'))).toContain(plainText(text.fields.host_namesDefault));
    const theirs = await get('/gestion/parametres', cookies.second, SECOND_HOST);
    expect([...theirs.document.querySelectorAll('.host-names li')].map((li) => textOf(li))).toEqual([
      DEMO_SECOND.hostName,
    ]);
    expect(textOf(theirs.document.querySelector('main'))).not.toContain(
      plainText(text.fields.host_namesDefault),
    );
  });
});

describe('workspace isolation', () => {
  it('shows and changes only the other workspace’s own settings on its host', async () => {
    const { document } = await get('/gestion/parametres', cookies.second, SECOND_HOST);
    expect(document.querySelector('#site_name')?.getAttribute('value')).toBe(DEMO_SECOND.name);

    const ownName = `${DEMO_SECOND.name} (modifié ${unique()})`;
    const before = await settingsRow(workspace.id);
    const { response } = await postSettings('second', settingsForm({ site_name: ownName }), SECOND_HOST);
    expect(response.statusCode).toBe(303);
    expect((await settingsRow(second.id)).site_name).toBe(ownName);
    expect(await settingsRow(workspace.id)).toEqual(before);

    // Neither history shows the other's events.
    const siteNames = (document: Document) =>
      [...document.querySelectorAll('dt')]
        .filter((dt) => textOf(dt) === messages.history.fields.site_name)
        .map((dt) => changeSides(dt.nextElementSibling).after);
    const own = await get('/gestion/parametres/historique', cookies.second, SECOND_HOST);
    expect(siteNames(own.document)).toContain(ownName);
    const theirs = await get('/gestion/parametres/historique', cookies.admin);
    expect(siteNames(theirs.document)).not.toContain(ownName);
  });

  it('refuses the other workspace’s admin on this workspace’s host (403), reading or writing', async () => {
    expect((await get('/gestion/parametres', cookies.second)).response.statusCode).toBe(403);
    expect((await get('/gestion/parametres/historique', cookies.second)).response.statusCode).toBe(403);
    const before = await settingsRow(workspace.id);
    // Their CSRF token comes from their own host; the post goes to this one.
    const token = await csrfFrom(t.app, '/gestion', cookies.second, SECOND_HOST);
    const response = await t.app.inject({
      method: 'POST',
      url: '/gestion/parametres',
      headers: { cookie: cookies.second, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', token], ...settingsForm({ site_name: 'Détourné' })]).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(await settingsRow(workspace.id)).toEqual(before);
  });
});

async function countSettingsEvents(workspaceId: string): Promise<number> {
  const rows = await t.database.db
    .selectFrom('audit_events')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('record_type', '=', 'site_settings')
    .where('record_id', '=', workspaceId)
    .execute();
  return rows.length;
}

describe('the markup of every screen', () => {
  it('is valid HTML: form, read-only, form with errors, history', async () => {
    const pages: Array<[string, string]> = [
      ['form', (await get('/gestion/parametres', cookies.admin)).response.body],
      ['read-only', (await get('/gestion/parametres', cookies.editor)).response.body],
      ['history', (await get('/gestion/parametres/historique', cookies.admin)).response.body],
      [
        'form with errors',
        (await postSettings('admin', settingsForm({ site_name: '', links: [['Sans adresse', '']] }))).response
          .body,
      ],
    ];
    for (const [label, html] of pages) await expectValidHtml(html, label);
  });
});
