import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, textOf } from '../../../test/helpers/html.js';
import { DEMO } from '../../db/seeds/demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const other = await db
    .insertInto('workspaces')
    .values({ slug: 'autre-collectivite', name: 'Autre collectivité' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('workspace_hosts')
    .values({ host_name: 'autre.example.test', workspace_id: other.id })
    .execute();
  await db
    .insertInto('site_settings')
    .values({
      workspace_id: other.id,
      site_name: 'Site de l’autre collectivité',
      tools: JSON.stringify(['site_map', 'contact']),
      misc_links: JSON.stringify([]),
    })
    .execute();
  await db
    .insertInto('pages')
    .values({
      workspace_id: other.id,
      parent_id: null,
      slug: '',
      title: 'Accueil de l’autre',
      status: 'published',
    })
    .execute();
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, host: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: { host } });
  return { response, document: parseHtml(response.body) };
}

describe('workspaces by host name', () => {
  it('serves the workspace that lists the host name', async () => {
    const { document } = await get('/', 'autre.example.test');
    expect(textOf(document.querySelector('h1'))).toBe('Accueil de l’autre');
    expect(textOf(document.querySelector('.site-header__name'))).toBe('Site de l’autre collectivité');
  });

  it('matches the host name whatever its case and port', async () => {
    const { document } = await get('/', 'AUTRE.example.test:3000');
    expect(textOf(document.querySelector('h1'))).toBe('Accueil de l’autre');
  });

  it('answers any other host with the default workspace', async () => {
    const { response, document } = await get(DEMO.cooperationPath, 'unknown.example.test');
    expect(response.statusCode).toBe(200);
    expect(textOf(document.querySelector('h1'))).toBe('La coopération décentralisée');
  });

  it('never shows a page of one workspace on another’s host', async () => {
    const { response } = await get(DEMO.cooperationPath, 'autre.example.test');
    expect(response.statusCode).toBe(404);
    const search = await get('/recherche?q=cooperation', 'autre.example.test');
    expect(search.document.querySelector('.search-results')).toBeNull();
  });

  it('never serves a media file of one workspace on another’s host', async () => {
    const page = await get(DEMO.cooperationPath, 'localhost');
    const src = page.document.querySelector('main figure img')!.getAttribute('src')!;
    expect((await get(src, 'localhost')).response.statusCode).toBe(200);
    expect((await get(src, 'autre.example.test')).response.statusCode).toBe(404);
  });
});
