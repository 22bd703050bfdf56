import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, textOf } from '../../../test/helpers/html.js';
import { DEMO } from '../../db/seeds/demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function search(query: string) {
  const response = await t.app.inject({ method: 'GET', url: `/recherche?q=${encodeURIComponent(query)}` });
  const document = parseHtml(response.body);
  const results = [...document.querySelectorAll('.search-results > li')].map((item) => ({
    href: item.querySelector('h2 a')?.getAttribute('href'),
    text: textOf(item),
    trail: textOf(item.querySelector('.search-results__trail')),
    marks: [...item.querySelectorAll('mark')].map((mark) => textOf(mark).toLowerCase()),
  }));
  return { response, document, results };
}

describe('search', () => {
  it('lists the cooperation page first for "cooperation decentralisee", with the matched words highlighted', async () => {
    const { response, results } = await search('cooperation decentralisee');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(results[0]?.href).toBe(DEMO.cooperationPath);
    expect(results[0]?.marks).toContain('coopération');
    expect(results[0]?.marks).toContain('décentralisée');
  });

  it('finds words whatever their accents, case and French endings', async () => {
    // The partner page's text says « école »; the cooperation page's only figure, named
    // visite-ecole-taliouine, is no word of its text.
    const { results } = await search('ECOLES');
    expect(results.map((r) => r.href)).toContain(DEMO.partnerPath);
    expect(results.map((r) => r.href)).not.toContain(DEMO.cooperationPath);
    const jumelage = await search('jumelage');
    expect(jumelage.results[0]?.marks).toContain('jumelages');
  });

  it('ranks pages by where the words are: a title beats a passing mention', async () => {
    const { results } = await search('territoire');
    expect(results[0]?.href).toBe('/tout-savoir-sur-la-communaute-de-communes/le-territoire');
  });

  it('understands quoted phrases and excluded words', async () => {
    const phrase = await search('"loi Thiollière"');
    expect(phrase.results.map((r) => r.href)).toEqual([DEMO.cooperationPath]);
    const excluded = await search('coopération -Thiollière');
    expect(excluded.results.map((r) => r.href)).not.toContain(DEMO.cooperationPath);
  });

  it('escapes what the visitor typed', async () => {
    const { response, document } = await search('<script>alert(1)</script>');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<script>alert(1)');
    expect(textOf(document.querySelector('main'))).toContain(
      'Aucune page ne correspond à « <script>alert(1)</script> »',
    );
  });

  it('helps when nothing matches', async () => {
    const { response, document } = await search('zzzqqq');
    expect(response.statusCode).toBe(200);
    const main = textOf(document.querySelector('main'));
    expect(main).toContain('Aucune page ne correspond à « zzzqqq »');
    expect(main).toContain('Vérifiez l’orthographe');
    expect(document.querySelector('main a[href="/plan-du-site"]')).not.toBeNull();
  });

  it('asks for words when the query is empty', async () => {
    const { response, document } = await search('   ');
    expect(response.statusCode).toBe(200);
    expect(textOf(document.querySelector('main'))).toContain('Saisissez un ou plusieurs mots');
  });

  it('refuses an overlong query politely', async () => {
    const { response, document } = await search('coopération '.repeat(30));
    expect(response.statusCode).toBe(200);
    expect(textOf(document.querySelector('main'))).toContain('limitée à 200 caractères');
  });

  it('does not break on query syntax a visitor may type', async () => {
    for (const query of ['(', '"', '-', 'or', '&|!:*', "l'école", 'coop\u0002ération']) {
      const { response } = await search(query);
      expect(response.statusCode, query).toBe(200);
    }
  });

  it('never lists a draft page', async () => {
    const workspace = await t.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('is_default', '=', true)
      .executeTakeFirstOrThrow();
    const root = await t.database.db
      .selectFrom('pages')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('pages')
      .values({
        workspace_id: workspace.id,
        parent_id: root.id,
        slug: 'brouillon-secret',
        title: 'Brouillon sur les xylophones',
        body_text: 'xylophones',
        status: 'draft',
      })
      .execute();
    const { results } = await search('xylophones');
    expect(results).toEqual([]);
  });
});

describe('what a result shows', () => {
  const SECTION = 'Tout savoir sur la Communauté de Communes';

  /** Words a reader should never see in an extract: editor codes and Markdown marks. */
  function expectPlainText(text: string) {
    expect(text).not.toMatch(/\{\{|\}\}|figure:/);
    expect(text).not.toMatch(/\*\*|##|\]\(|`/);
  }

  it('finds the partner page, whose body begins with a figure, and quotes no code', async () => {
    const { results } = await search('Taroudannt');
    const hit = results.find((result) => result.href === DEMO.partnerPath);
    expect(hit).toBeDefined();
    expect(hit!.marks).toContain('taroudannt');
    expectPlainText(hit!.text);
  });

  it('quotes no code either from a page saved before codes were left out of its text', async () => {
    const workspace = await t.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('is_default', '=', true)
      .executeTakeFirstOrThrow();
    const root = await t.database.db
      .selectFrom('pages')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('pages')
      .values({
        workspace_id: workspace.id,
        parent_id: root.id,
        slug: 'zygomorphes',
        title: 'Les fleurs du pays',
        body_markdown: '{{figure:visite-ecole-taliouine}}\n\nLes zygomorphes fleurissent en mai.',
        body_text: '{{figure:visite-ecole-taliouine}}\nLes zygomorphes fleurissent en mai.',
        status: 'published',
        published_at: new Date(),
      })
      .execute();
    const { results } = await search('zygomorphes');
    expect(results.map((result) => result.href)).toEqual(['/zygomorphes']);
    expectPlainText(results[0]!.text);
    expect(results[0]!.marks).toEqual(['zygomorphes']);
  });

  it('shows each result’s trail, from the home page to the page itself', async () => {
    const { results } = await search('cooperation decentralisee');
    expect(results.length).toBeGreaterThan(1);
    for (const result of results)
      expect(result.trail, result.href ?? undefined).toMatch(/^Emplacement : Accueil( › |$)/);
    const cooperation = results.find((result) => result.href === DEMO.cooperationPath);
    expect(cooperation?.trail).toBe(`Emplacement : Accueil › ${SECTION} › ${DEMO.cooperationTitle}`);
    const partner = (await search('Taroudannt')).results.find((result) => result.href === DEMO.partnerPath);
    expect(partner?.trail).toBe(
      `Emplacement : Accueil › ${SECTION} › ${DEMO.cooperationTitle} › ${DEMO.partnerTitle}`,
    );
  });
});
