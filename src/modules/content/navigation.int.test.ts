import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { DEMO } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';

const SECTION_PATH = '/tout-savoir-sur-la-communaute-de-communes';
const SECTION_TITLE = 'Tout savoir sur la Communauté de Communes';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  expect(response.statusCode, url).toBe(200);
  return parseHtml(response.body);
}

/** The sub-menu as nested lists: each link with the links listed under it. */
interface Branch {
  label: string;
  current: string | null;
  children: Branch[];
}

function branchesOf(list: Element | null): Branch[] {
  if (!list) return [];
  return [...list.children].map((item) => {
    const link = item.querySelector(':scope > a')!;
    return {
      label: textOf(link),
      current: link.getAttribute('aria-current'),
      children: branchesOf(item.querySelector(':scope > ul')),
    };
  });
}

describe('navigation at any depth', () => {
  it('unfolds the sub-menu along the way to a page three levels down, the section named once', async () => {
    const document = await get(DEMO.partnerPath);
    const subMenu = document.querySelector('nav.sub-menu')!;
    expect(subMenu.getAttribute('aria-label')).toBe(messages.site.subMenu(SECTION_TITLE));
    const section = subMenu.querySelector('.sub-menu__section a')!;
    expect([textOf(section), section.getAttribute('href'), section.getAttribute('aria-current')]).toEqual([
      SECTION_TITLE,
      SECTION_PATH,
      'true',
    ]);
    expect(branchesOf(subMenu.querySelector(':scope > ul'))).toEqual([
      { label: 'Le territoire', current: null, children: [] },
      { label: 'Les compétences', current: null, children: [] },
      {
        label: DEMO.cooperationTitle,
        current: 'true',
        children: [{ label: DEMO.partnerTitle, current: 'page', children: [] }],
      },
    ]);
    // The section's title is not repeated in the sub-menu.
    const texts = [...subMenu.querySelectorAll('a, p')].map((element) => textOf(element));
    expect(texts.filter((text) => text === SECTION_TITLE)).toHaveLength(2); // the <p> and its link
    expect(subMenu.querySelectorAll('a').length).toBe(5);
  });

  it('shows the whole trail in the breadcrumb', async () => {
    const document = await get(DEMO.partnerPath);
    const crumbs = [...document.querySelectorAll('nav.breadcrumb a')].map((link) =>
      link.getAttribute('href'),
    );
    expect(crumbs).toEqual(['/', SECTION_PATH, DEMO.cooperationPath, DEMO.partnerPath]);
  });

  it('reaches the page three levels down from the cooperation page: its sub-menu and its list of sub-pages', async () => {
    const document = await get(DEMO.cooperationPath);
    expect(document.querySelector(`nav.sub-menu a[href="${DEMO.partnerPath}"]`)).not.toBeNull();
    const list = document.querySelector('main .sub-pages')!;
    expect(textOf(list.querySelector('h2'))).toBe(plainText(messages.site.subPagesHeading(1)));
    const items = [...list.querySelectorAll('li')];
    expect(items).toHaveLength(1);
    const link = items[0]!.querySelector('h3 a')!;
    expect([textOf(link), link.getAttribute('href')]).toEqual([DEMO.partnerTitle, DEMO.partnerPath]);
    expect(textOf(items[0]!.querySelector('.sub-page__summary'))).toBe(
      'La commune marocaine avec laquelle la Communauté de communes coopère.',
    );
    // Its first image illustrates it, unread (its linked title says what it is).
    const image = items[0]!.querySelector('img')!;
    expect(image.getAttribute('src')).toMatch(/^\/medias\/[0-9a-f-]+\//);
    expect(image.getAttribute('alt')).toBe('');
  });

  it('lists a section’s pages under its text, in menu order, without an image where a page has none', async () => {
    const document = await get(SECTION_PATH);
    const titles = [...document.querySelectorAll('main .sub-pages h3')].map((heading) => textOf(heading));
    expect(titles).toEqual(['Le territoire', 'Les compétences', DEMO.cooperationTitle]);
    expect(textOf(document.querySelector('main .sub-pages h2'))).toBe(
      plainText(messages.site.subPagesHeading(3)),
    );
    const items = [...document.querySelectorAll('main .sub-page')];
    expect(items.map((item) => item.querySelector('img') !== null)).toEqual([false, false, true]);
  });

  it('lists nothing under a page without sub-pages', async () => {
    const document = await get(DEMO.partnerPath);
    expect(document.querySelector('main .sub-pages')).toBeNull();
  });

  it('puts the content before the sub-menu, so that a phone shows the title first', async () => {
    const document = await get(DEMO.cooperationPath);
    const order = [...document.querySelectorAll('.page-columns > *')].map((element) => element.id);
    expect(order).toEqual(['contenu', 'sous-menu', 'menu-outils']);
  });

  it('keeps the search and the main menu inside the header’s « Menu » disclosure, closed', async () => {
    const document = await get(DEMO.cooperationPath);
    const disclosure = document.querySelector('header details#navigation')!;
    expect(disclosure.hasAttribute('open')).toBe(false);
    expect(textOf(disclosure.querySelector(':scope > summary'))).toBe(plainText(messages.site.menuToggle));
    expect(disclosure.querySelector('form[role="search"]')).not.toBeNull();
    expect(disclosure.querySelector('nav#menu-principal')).not.toBeNull();
  });

  it('shows titles and summaries typed by editors in French typography, in the heading, menus and lists', async () => {
    const home = await t.deps.db
      .selectFrom('pages')
      .select(['id', 'workspace_id'])
      .where('parent_id', 'is', null)
      .where('slug', '=', '')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('pages')
      .values({
        workspace_id: home.workspace_id,
        parent_id: home.id,
        slug: 'pourquoi-cooperer',
        title: 'Pourquoi coopérer ?',
        summary: 'Les "bonnes raisons" : trois exemples.',
        body_markdown: 'Texte.',
        body_text: 'Texte.',
        status: 'published',
        position: 9,
        published_at: new Date(),
      })
      .execute();
    const response = await t.app.inject({ method: 'GET', url: '/pourquoi-cooperer' });
    expect(response.body).toContain('<h1>Pourquoi coopérer\u202f?</h1>');
    expect(response.body).toMatch(/<a href="\/pourquoi-cooperer"[^>]*>Pourquoi coopérer\u202f\?<\/a>/);
    expect(response.body).toContain('Les «\u202fbonnes raisons\u202f»\u202f: trois exemples.');
    const home_ = await t.app.inject({ method: 'GET', url: '/' });
    expect(home_.body).toContain('Pourquoi coopérer\u202f?');
  });
});
