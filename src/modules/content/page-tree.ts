import type { PageSummary } from '../pages/pages.service.js';

/** A published page placed in its workspace's tree, with the address it answers on. */
export interface TreePage extends PageSummary {
  path: string;
  depth: number;
  children: TreePage[];
  parent: TreePage | null;
}

export interface PageTree {
  root: TreePage | null;
  byPath: Map<string, TreePage>;
  byId: Map<string, TreePage>;
}

/**
 * Builds the public tree from the published pages. A published page under an unpublished
 * parent is unreachable, as a reader would expect of hiding a section.
 */
export function buildPageTree(pages: PageSummary[]): PageTree {
  const childrenOf = new Map<string | null, PageSummary[]>();
  for (const page of pages) {
    const siblings = childrenOf.get(page.parent_id) ?? [];
    siblings.push(page);
    childrenOf.set(page.parent_id, siblings);
  }
  const byPath = new Map<string, TreePage>();
  const byId = new Map<string, TreePage>();
  const place = (page: PageSummary, parent: TreePage | null): TreePage => {
    const path = parent === null ? '/' : `${parent.path === '/' ? '' : parent.path}/${page.slug}`;
    const node: TreePage = { ...page, path, depth: parent ? parent.depth + 1 : 0, children: [], parent };
    byPath.set(path, node);
    byId.set(page.id, node);
    node.children = (childrenOf.get(page.id) ?? []).map((child) => place(child, node));
    return node;
  };
  const rootPage = childrenOf.get(null)?.[0];
  return { root: rootPage ? place(rootPage, null) : null, byPath, byId };
}

/** Home first, then each ancestor down to the page itself. */
export function ancestryOf(page: TreePage): TreePage[] {
  const chain: TreePage[] = [];
  for (let node: TreePage | null = page; node; node = node.parent) chain.unshift(node);
  return chain;
}

/** The first-level page a page belongs to: its section, whose pages make the sub menu. */
export function sectionOf(page: TreePage): TreePage | null {
  const chain = ancestryOf(page);
  return chain[1] ?? null;
}

export function flattenTree(node: TreePage | null): TreePage[] {
  if (!node) return [];
  return [node, ...node.children.flatMap((child) => flattenTree(child))];
}
