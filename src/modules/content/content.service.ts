import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { ContactCard, Media, Page, SiteSettings, Workspace } from '../../db/schema.js';
import { messages } from '../../platform/i18n/fr.js';
import { classifyLink } from '../../platform/links.js';
import {
  type BodyBlock,
  figureNamesIn,
  placeDocumentLinks,
  renderMarkdownToSafeHtml,
  splitBodyIntoBlocks,
} from '../../platform/markdown.js';
import type { PublicationVersions } from '../../platform/publication.js';
import { frenchTypography } from '../../platform/typography.js';
import type { NavLink, NavTreeLink, SiteFrame, SiteIdentity } from '../../ui/site-frame.js';
import { findPublicContactCard, listPublicContactCards } from '../contact-cards/contact-cards.service.js';
import { placedDocuments } from '../documents/documents.service.js';
import {
  findPublicMedia,
  findPublicMediaByNames,
  mediaCopies,
  publicFileFor,
} from '../media/media.service.js';
import {
  findPublicPage,
  listPublishedChildren,
  listPublishedPageSummaries,
  type PublicPageRow,
  readPublishedPageBody,
} from '../pages/pages.service.js';
import { workspacePublicUrl } from '../workspaces/workspace.service.js';
import { findSiteSettings } from './content.repo.js';
import { ancestryOf, buildPageTree, type PageTree, sectionOf, type TreePage } from './page-tree.js';

/** What every public page needs from the database: the settings and the published tree. */
export interface PublicSite {
  workspace: Workspace;
  settings: SiteSettings;
  tree: PageTree;
  /** Base of absolute links, from configuration (see workspacePublicUrl). */
  publicUrl: URL;
  /** The logo the settings choose, when it is a live image. */
  logo: Media | null;
  /**
   * The miscellaneous links, judged again as the browser on this site will follow them: a link
   * saved before the rule (or by hand in the database) that leads elsewhere than it seems is not
   * drawn.
   */
  miscLinks: Array<{ label: string; href: string; external?: true }>;
  /** What requests read or worked out from this version's data, kept as long as the version lasts. */
  kept: Map<string, Promise<unknown>>;
}

/**
 * Read or worked out once per publication version: a page's figures, its sub-pages, its body
 * split and rendered. A change bumps the version, and the next request gets a new site, empty.
 */
function keep<T>(site: PublicSite, key: string, compute: () => Promise<T> | T): Promise<T> {
  const kept = site.kept.get(key) as Promise<T> | undefined;
  if (kept) return kept;
  const made = Promise.resolve().then(compute);
  site.kept.set(key, made);
  made.catch(() => site.kept.delete(key));
  return made;
}

/** The sites of one process's workspaces, each with the publication version it was read at. */
const keptSites = new WeakMap<
  PublicationVersions,
  Map<string, { version: number; site: Promise<PublicSite> }>
>();

/**
 * The workspace's public site, read once per publication version: the settings, the page tree and
 * the logo are read again only after something public changed.
 */
export function loadWorkspaceSite(
  deps: { db: Db; config: Pick<Config, 'publicUrl'>; publication: PublicationVersions },
  workspace: Workspace,
): Promise<PublicSite> {
  // Taken before the reads: a change committed meanwhile leaves this copy behind at once.
  const version = deps.publication.current(workspace.id);
  let sites = keptSites.get(deps.publication);
  if (!sites) {
    sites = new Map();
    keptSites.set(deps.publication, sites);
  }
  const kept = sites.get(workspace.id);
  if (kept && kept.version === version) return kept.site;
  const site = loadPublicSite(deps.db, workspace, workspacePublicUrl(deps.config, workspace));
  if (version > 0) {
    const workspaceSites = sites;
    workspaceSites.set(workspace.id, { version, site });
    // A failed read is not kept: the next request tries again.
    site.catch(() => {
      if (workspaceSites.get(workspace.id)?.site === site) workspaceSites.delete(workspace.id);
    });
  }
  return site;
}

export async function loadPublicSite(db: Db, workspace: Workspace, publicUrl: URL): Promise<PublicSite> {
  const [settings, pages] = await Promise.all([
    findSiteSettings(db, workspace.id),
    listPublishedPageSummaries(db, workspace.id),
  ]);
  const effective = settings ?? defaultSiteSettings(workspace);
  return {
    workspace,
    settings: effective,
    // Titles as readers see them: menus, trails and headings in French typography.
    tree: buildPageTree(pages.map((page) => ({ ...page, title: frenchTypography(page.title) }))),
    publicUrl,
    logo: await findLogo(db, effective),
    miscLinks: effective.misc_links.flatMap((entry) => {
      const link = classifyLink(entry.href, publicUrl);
      return link
        ? [{ label: entry.label, href: link.href, external: link.kind === 'external' || undefined }]
        : [];
    }),
    kept: new Map(),
  };
}

/**
 * The site's name, as the back office shows it: from the site kept in memory when it is current,
 * else from the settings alone, without the page tree.
 */
export async function loadSiteName(
  deps: { db: Db; publication: PublicationVersions },
  workspace: Workspace,
): Promise<string> {
  const kept = keptSites.get(deps.publication)?.get(workspace.id);
  if (kept && kept.version === deps.publication.current(workspace.id))
    return (await kept.site).settings.site_name;
  return (await findSiteSettings(deps.db, workspace.id))?.site_name ?? workspace.name;
}

/** A workspace that has saved no settings yet still gets a working site. */
function defaultSiteSettings(workspace: Workspace): SiteSettings {
  return {
    workspace_id: workspace.id,
    version: 0,
    site_name: workspace.name,
    tools: ['print', 'send_to_friend', 'site_map', 'contact'],
    misc_links: defaultMiscLinks(),
    publisher_name: workspace.name,
    publisher_address: '',
    publication_director: '',
    hosting_provider: '',
    contact_email: '',
    logo_media_id: null,
    main_colour: null,
    banner_media_id: null,
    presentation: '',
    updated_at: new Date(0),
  };
}

export function defaultMiscLinks() {
  const text = messages.site.misc;
  return [
    { label: text.legalNotice, href: '/mentions-legales' },
    { label: text.accessibility, href: '/accessibilite' },
    { label: text.siteMap, href: '/plan-du-site' },
  ];
}

export const PRINT_QUERY = { version: 'impression' } as const;

export function sendToFriendHref(pagePath: string): string {
  return `/envoyer-a-un-ami?page=${encodeURIComponent(pagePath)}`;
}

/** The frame around a page: menus, trail, tools. `current` is the tree page shown, if any. */
export function buildSiteFrame(site: PublicSite, current: TreePage | null, currentPath: string): SiteFrame {
  const root = site.tree.root;
  const trail = current ? ancestryOf(current) : [];
  const section = current ? sectionOf(current) : null;
  const inTrail = (page: TreePage) => trail.includes(page);
  const link = (page: TreePage): NavLink => ({
    label: page.depth === 0 ? messages.site.breadcrumbHome : page.title,
    href: page.path,
    current: page === current ? 'page' : page !== root && inTrail(page) ? 'true' : undefined,
  });

  // A page on the way to the one shown unfolds its own pages, so that any depth is reachable.
  const branch = (page: TreePage): NavTreeLink => ({
    ...link(page),
    children: inTrail(page) ? page.children.map(branch) : [],
  });

  const toolLinks: NavLink[] = [];
  for (const tool of site.settings.tools) {
    const label = messages.site.tools[tool];
    if (tool === 'print' && current) {
      toolLinks.push({ label, href: `${current.path}?version=${PRINT_QUERY.version}` });
    } else if (tool === 'send_to_friend' && current) {
      toolLinks.push({ label, href: sendToFriendHref(current.path) });
    } else if (tool === 'site_map') {
      toolLinks.push({
        label,
        href: '/plan-du-site',
        current: currentPath === '/plan-du-site' ? 'page' : undefined,
      });
    } else if (tool === 'contact') {
      toolLinks.push({ label, href: '/contact', current: currentPath === '/contact' ? 'page' : undefined });
    }
  }

  return {
    siteName: site.settings.site_name,
    mainMenu: root ? [link(root), ...root.children.map(link)] : [],
    subMenu:
      section && section.children.length > 0
        ? { section: link(section), links: section.children.map(branch) }
        : null,
    breadcrumb:
      current && current !== root
        ? trail.map((page) => ({ label: link(page).label, href: page.path }))
        : null,
    tools: toolLinks,
    miscLinks: site.miscLinks.map((link) => ({
      ...link,
      current: link.href === currentPath ? ('page' as const) : undefined,
    })),
    canonicalUrl: new URL(currentPath, site.publicUrl).href,
    identity: siteIdentityOf(site),
  };
}

/** A fixed page (search, contact…) gets the trail "Accueil > its title". */
export function buildFixedPageFrame(site: PublicSite, path: string, title: string): SiteFrame {
  const frame = buildSiteFrame(site, null, path);
  return {
    ...frame,
    breadcrumb: [
      { label: messages.site.breadcrumbHome, href: '/' },
      { label: title, href: path },
    ],
  };
}

/** A sub-page as its parent lists it; its image is the first one its text places, if any. */
export interface SubPage {
  node: TreePage;
  summary: string;
  image: Media | null;
}

export interface PublishedPage {
  node: TreePage;
  page: PublicPageRow;
  /** The body in Markdown blocks rendered to safe HTML, and the figures' places. */
  blocks: BodyBlock[];
  figures: Map<string, Media>;
  contactCard: ContactCard | null;
  subPages: SubPage[];
}

export async function findPublishedPage(
  db: Db,
  site: PublicSite,
  path: string,
): Promise<PublishedPage | null> {
  const node = site.tree.byPath.get(path);
  if (!node) return null;
  // The one query of a page in the common case; the rest is kept with the version.
  const page = await findPublicPage(db, site.workspace.id, node.id);
  if (!page) return null;
  const cardId = page.contact_card_id;
  const [body, contactCard, subPages] = await Promise.all([
    keep(site, `body ${page.id}`, async () => {
      const written = await readPublishedPageBody(db, site.workspace.id, page.id);
      const markdown = placeDocumentLinks(written, await placedDocuments(db, site.workspace.id, written));
      const media = await findPublicMediaByNames(db, site.workspace.id, figureNamesIn(markdown));
      return { blocks: splitBodyIntoBlocks(markdown), figures: new Map(media.map((m) => [m.name, m])) };
    }),
    cardId
      ? keep(site, `card ${cardId}`, () => findPublicContactCard(db, site.workspace.id, cardId))
      : undefined,
    keep(site, `sub-pages ${node.id}`, () => findSubPages(db, site, node)),
  ]);
  return {
    node,
    blocks: body.blocks,
    // What the public reads, in French typography; the editor's form keeps what was typed.
    page: { ...page, title: node.title, summary: frenchTypography(page.summary) },
    figures: body.figures,
    contactCard: contactCard ?? null,
    subPages,
  };
}

/**
 * A page of any state, as the public would see it, for its preview in the back office: from its
 * row as saved (nothing kept, nothing cached), placed in the published tree under its parent (or
 * the home page, when its parent is not published either).
 */
export async function previewPage(db: Db, site: PublicSite, row: Page): Promise<PublishedPage> {
  const published = site.tree.byId.get(row.id);
  const parent = row.parent_id ? (site.tree.byId.get(row.parent_id) ?? site.tree.root) : null;
  const node: TreePage = published
    ? { ...published, title: frenchTypography(row.title) }
    : {
        id: row.id,
        parent_id: row.parent_id,
        slug: row.slug,
        title: frenchTypography(row.title),
        position: row.position,
        status: row.status,
        updated_at: row.updated_at,
        published_at: row.published_at,
        path: parent ? `${parent.path === '/' ? '' : parent.path}/${row.slug}` : '/',
        depth: parent ? parent.depth + 1 : 0,
        children: [],
        parent: parent ?? null,
      };
  const media = await findPublicMediaByNames(db, site.workspace.id, figureNamesIn(row.body_markdown));
  const contactCard = row.contact_card_id
    ? await findPublicContactCard(db, site.workspace.id, row.contact_card_id)
    : undefined;
  return {
    node,
    page: {
      id: row.id,
      title: node.title,
      summary: frenchTypography(row.summary),
      status: row.status,
      contact_card_id: row.contact_card_id,
      updated_at: row.updated_at,
      published_at: row.published_at,
    },
    blocks: splitBodyIntoBlocks(
      placeDocumentLinks(row.body_markdown, await placedDocuments(db, site.workspace.id, row.body_markdown)),
    ),
    figures: new Map(media.map((item) => [item.name, item])),
    contactCard: contactCard ?? null,
    subPages: await findSubPages(db, site, node),
  };
}

/** The page's children in menu order, so that every page is reachable from its parent's text. */
async function findSubPages(db: Db, site: PublicSite, node: TreePage): Promise<SubPage[]> {
  if (node.children.length === 0) return [];
  const rows = await listPublishedChildren(db, site.workspace.id, node.id);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const firstFigures = new Map(rows.map((row) => [row.id, figureNamesIn(row.body_markdown)[0]]));
  const firstFigure = (id: string) => firstFigures.get(id);
  const names = node.children.flatMap((child) => firstFigure(child.id) ?? []);
  const images = new Map(
    (await findPublicMediaByNames(db, site.workspace.id, [...new Set(names)])).map((m) => [m.name, m]),
  );
  return node.children.map((child) => {
    const name = firstFigure(child.id);
    return {
      node: child,
      summary: frenchTypography(byId.get(child.id)?.summary ?? ''),
      image: (name && images.get(name)) || null,
    };
  });
}

export async function listContactCards(db: Db, workspace: Workspace): Promise<ContactCard[]> {
  return listPublicContactCards(db, workspace.id);
}

export async function findMedia(db: Db, workspace: Workspace, mediaId: string): Promise<Media | undefined> {
  return findPublicMedia(db, workspace.id, mediaId);
}

/** The public address of a media file; the file name is there for people who save it. */
export function mediaHref(media: Media): string {
  return `/medias/${media.id}/${media.storage_key.split('/').pop()}`;
}

/** The narrower WebP copies of an image, for `srcset`: a phone need not load the original. */
export function mediaSrcset(media: Media): string | undefined {
  const copies = mediaCopies(media);
  if (copies.length === 0) return undefined;
  return [
    ...copies.map((copy) => `/medias/${media.id}/${copy.fileName} ${copy.width}w`),
    `${mediaHref(media)} ${media.width}w`,
  ].join(', ');
}

/** Which stored file a public media address names: the original or one of its copies. */
export function mediaFileFor(media: Media, fileName: string) {
  return publicFileFor(media, fileName);
}

/** The logo of these settings, when it is a live image of the workspace. */
async function findLogo(db: Db, settings: SiteSettings): Promise<Media | null> {
  if (!settings.logo_media_id) return null;
  return (await findPublicMedia(db, settings.workspace_id, settings.logo_media_id)) ?? null;
}

/** What the identity routes need: the main colour and the logo, from the site kept in memory. */
export async function loadSiteIdentity(
  deps: Parameters<typeof loadWorkspaceSite>[0],
  workspace: Workspace,
): Promise<{ mainColour: string | null; logo: Media | null }> {
  const site = await loadWorkspaceSite(deps, workspace);
  return { mainColour: site.settings.main_colour, logo: site.logo };
}

/**
 * The logo in the header: its narrowest copy when it has copies (a header shows it 3 rem high),
 * else the file itself; the icons and the colour stylesheet with a version in their address, so
 * that a change reaches every browser with the next page.
 */
export function siteIdentityOf(site: PublicSite): SiteIdentity {
  const logo = site.logo;
  const [narrowest] = logo ? mediaCopies(logo) : [];
  const version = logo?.id.slice(0, 8);
  return {
    logo: logo
      ? narrowest
        ? {
            src: `/medias/${logo.id}/${narrowest.fileName}`,
            width: narrowest.width,
            height: Math.max(1, Math.round((narrowest.width * logo.height) / logo.width)),
          }
        : { src: mediaHref(logo), width: logo.width, height: logo.height }
      : null,
    colourStylesheet: site.settings.main_colour
      ? `/charte.css?v=${site.settings.main_colour.slice(1)}`
      : null,
    icons: logo
      ? { favicon: `/favicon.ico?v=${version}`, touchIcon: `/apple-touch-icon.png?v=${version}` }
      : null,
  };
}

/** What the home page shows above its own text: the banner image and the authority's presentation. */
export interface HomeIdentity {
  banner: Media | null;
  /** The presentation's Markdown rendered to safe HTML; empty when there is none. */
  presentationHtml: string;
}

/** The home page's banner and presentation; null when the settings give neither. */
export function findHomeIdentity(db: Db, site: PublicSite): Promise<HomeIdentity | null> {
  return keep(site, 'home identity', async () => {
    const { banner_media_id: bannerId, presentation } = site.settings;
    const banner = bannerId ? ((await findPublicMedia(db, site.workspace.id, bannerId)) ?? null) : null;
    const presentationHtml = presentation.trim() ? renderMarkdownToSafeHtml(presentation) : '';
    return banner || presentationHtml ? { banner, presentationHtml } : null;
  });
}
