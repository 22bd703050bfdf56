import { describe, expect, it } from 'vitest';
import type { PageSummary } from '../pages/pages.service.js';
import { ancestryOf, buildPageTree, sectionOf } from './page-tree.js';

const page = (id: string, parent: string | null, slug: string, position = 0): PageSummary => ({
  id,
  parent_id: parent,
  slug,
  title: id,
  position,
  status: 'published',
  updated_at: new Date(),
  published_at: new Date(),
});

describe('buildPageTree', () => {
  const tree = buildPageTree([
    page('home', null, ''),
    page('about', 'home', 'tout-savoir'),
    page('coop', 'about', 'la-cooperation'),
    page('orphan', 'missing-parent', 'perdue'),
  ]);

  it('gives each page the address of its place in the tree', () => {
    expect(tree.byId.get('home')?.path).toBe('/');
    expect(tree.byId.get('about')?.path).toBe('/tout-savoir');
    expect(tree.byId.get('coop')?.path).toBe('/tout-savoir/la-cooperation');
  });

  it('leaves out a page whose parent is not published', () => {
    expect(tree.byId.has('orphan')).toBe(false);
  });

  it('knows the ancestry and the section of a page', () => {
    const coop = tree.byPath.get('/tout-savoir/la-cooperation')!;
    expect(ancestryOf(coop).map((p) => p.id)).toEqual(['home', 'about', 'coop']);
    expect(sectionOf(coop)?.id).toBe('about');
    expect(sectionOf(tree.root!)).toBeNull();
  });
});
