import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, textOf } from '../../../test/helpers/html.js';
import { DEMO } from '../../db/seeds/demo.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';
import { loadPublicSite, PRINT_QUERY, sendToFriendHref } from './content.service.js';
import { flattenTree } from './page-tree.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function titleOf(url: string): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url });
  expect(response.statusCode, url).toBe(200);
  return textOf(parseHtml(response.body).querySelector('title'));
}

describe('document titles', () => {
  it('never gives two public pages the same <title>: each page, its printable version, its send-to-friend form and the fixed pages', async () => {
    const workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
    const site = await loadPublicSite(t.database.db, workspace, new URL('http://localhost/'));
    const pages = flattenTree(site.tree.root);
    expect(pages.length).toBeGreaterThan(3);
    const urls = [
      ...pages.flatMap((page) => [
        page.path,
        `${page.path}?version=${PRINT_QUERY.version}`,
        sendToFriendHref(page.path),
      ]),
      '/recherche',
      '/recherche?q=cooperation',
      '/contact',
      '/plan-du-site',
      '/mentions-legales',
      '/accessibilite',
    ];
    const urlsByTitle = new Map<string, string[]>();
    for (const url of urls) {
      const title = await titleOf(url);
      urlsByTitle.set(title, [...(urlsByTitle.get(title) ?? []), url]);
    }
    const shared = [...urlsByTitle].filter(([, sharing]) => sharing.length > 1);
    expect(shared).toEqual([]);
  });

  it('names the page in the printable version’s title and in the send-to-friend form’s', async () => {
    const printTitle = await titleOf(`${DEMO.cooperationPath}?version=${PRINT_QUERY.version}`);
    expect(printTitle).toContain(DEMO.cooperationTitle);
    expect(printTitle).toMatch(/^Version imprimable : /);
    const shareTitle = await titleOf(sendToFriendHref(DEMO.cooperationPath));
    expect(shareTitle).toContain(`« ${DEMO.cooperationTitle} »`);
  });
});
