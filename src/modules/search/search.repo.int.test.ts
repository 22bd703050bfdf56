import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import type { Workspace } from '../../db/schema.js';
import { DEMO, DEMO_SECOND } from '../../db/seeds/demo.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';
import { searchPublishedPages } from './search.repo.js';

/** A word no demo page holds, given to pages of both workspaces. */
const SHARED_WORD = 'xylographie';

let t: TestApp;
let first: Workspace;
let second: Workspace;
const firstPages: string[] = [];
const secondPages: string[] = [];

/** A published page under the workspace's home page; returns its id. */
async function publishedPage(workspace: Workspace, slug: string, title: string, bodyText: string) {
  const root = await t.database.db
    .selectFrom('pages')
    .select('id')
    .where('workspace_id', '=', workspace.id)
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const page = await t.database.db
    .insertInto('pages')
    .values({
      workspace_id: workspace.id,
      parent_id: root.id,
      slug,
      title,
      body_markdown: bodyText,
      body_text: bodyText,
      status: 'published',
      published_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return page.id;
}

beforeAll(async () => {
  t = await createTestApp();
  first = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  second = (await findWorkspaceBySlug(t.database.db, DEMO_SECOND.workspaceSlug))!;
  expect(first.id).not.toBe(second.id);
  firstPages.push(
    await publishedPage(first, 'atelier-de-xylographie', 'Atelier de xylographie', 'Graver le bois.'),
    await publishedPage(
      first,
      'exposition',
      'Exposition',
      `Des estampes : la ${SHARED_WORD} au Pays des Écrins.`,
    ),
  );
  secondPages.push(
    await publishedPage(second, 'xylographie-au-maroc', 'La xylographie au Maroc', 'Des graveurs sur bois.'),
  );
});
afterAll(async () => {
  await t?.close();
});

async function idsFound(workspace: Workspace, query: string): Promise<string[]> {
  const rows = await searchPublishedPages(t.database.db, workspace.id, query, 50);
  return rows.map((row) => row.id).sort();
}

describe('searchPublishedPages', () => {
  it('finds, in each workspace, only that workspace’s pages holding the word', async () => {
    expect(await idsFound(first, SHARED_WORD)).toEqual([...firstPages].sort());
    expect(await idsFound(second, SHARED_WORD)).toEqual([...secondPages].sort());
  });

  it('finds nothing in a workspace when only another workspace’s page holds all the words', async () => {
    expect(await idsFound(second, 'xylographie Maroc')).toEqual(secondPages);
    expect(await idsFound(first, 'xylographie Maroc')).toEqual([]);
    expect(await idsFound(first, 'xylographie Écrins')).toEqual([firstPages[1]]);
    expect(await idsFound(second, 'xylographie Écrins')).toEqual([]);
  });
});
