import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import { matchesEtag } from '../../platform/cache-control.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import { publicPage } from '../../platform/render-cache.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { findPageDraft, getPage, withDraft } from '../pages/pages.service.js';
import {
  buildFixedPageFrame,
  buildSiteFrame,
  findHomeIdentity,
  findMedia,
  findPublishedPage,
  listContactCards,
  loadWorkspaceSite,
  mediaFileFor,
  PRINT_QUERY,
  type PublicSite,
  previewPage,
} from './content.service.js';
import { ContactPageView, ContentPageView, SiteMapView } from './content.views.js';
import { NotFoundView } from './not-found.views.js';

function publicSiteFor(deps: AppServices, request: FastifyRequest): Promise<PublicSite> {
  return loadWorkspaceSite(deps, workspaceOf(request));
}

/** A malformed escape ("%E0") is a page that does not exist, not a server error. */
function safelyDecodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

const mediaParams = z.object({ id: z.uuid(), file: z.string() });

/** How long a cache may serve an image without asking again: see docs/security.md, "Media". */
export const MEDIA_CACHE_CONTROL = 'public, max-age=300, must-revalidate';

export function registerContentRoutes(app: FastifyInstance, deps: AppServices): void {
  app.get('/contact', publicPage, async (request, reply) => {
    const site = await publicSiteFor(deps, request);
    const cards = await listContactCards(deps.db, site.workspace);
    const frame = buildFixedPageFrame(site, '/contact', messages.contact.pageTitle);
    return sendHtml(reply, <ContactPageView frame={frame} cards={cards} />);
  });

  app.get('/plan-du-site', publicPage, async (request, reply) => {
    const site = await publicSiteFor(deps, request);
    const frame = buildFixedPageFrame(site, '/plan-du-site', messages.siteMap.pageTitle);
    return sendHtml(reply, <SiteMapView frame={frame} root={site.tree.root} />);
  });

  app.get('/medias/:id/:file', async (request, reply) => {
    const params = mediaParams.safeParse(request.params);
    const media = params.success ? await findMedia(deps.db, workspaceOf(request), params.data.id) : undefined;
    if (!media) return reply.callNotFound();
    const file = mediaFileFor(media, params.success ? params.data.file : '');
    // A stored file never changes under its key, so the key names its version. Caches may keep
    // it five minutes, then must ask again: an image put in the trash (404 from then on)
    // leaves shared caches within five minutes, and asking again costs a 304 without the bytes.
    const etag = `"${createHash('sha256').update(file.key).digest('base64url').slice(0, 32)}"`;
    reply
      .header('cache-control', MEDIA_CACHE_CONTROL)
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff');
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(file.mimeType).send(deps.storage.read(file.key));
  });

  /**
   * A page as the public would see it, whatever its state, for whoever may read it in the back
   * office: a banner says it is a preview, robots are kept out, and it is never kept in the render
   * cache (no `publicCache`) nor by the browser (the back office answers `no-store`).
   */
  app.get('/gestion/pages/:id/apercu', { config: { permission: 'content.read' } }, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const actor = actorOf(request);
    const page = await getPage(deps, actor, id);
    // A published page with unpublished changes is previewed with them: what publishing would show.
    const draft = page.status === 'published' ? await findPageDraft(deps, actor, id) : null;
    const row = withDraft(page, draft);
    const site = await publicSiteFor(deps, request);
    const preview = await previewPage(deps.db, site, row);
    const frame = buildSiteFrame(site, preview.node, preview.node.path);
    const home = preview.node.depth === 0 ? await findHomeIdentity(deps.db, site) : null;
    return sendHtml(
      reply,
      <ContentPageView
        frame={{ ...frame, canonicalUrl: null }}
        published={preview}
        printVersion={false}
        home={home}
        preview={{
          notice: draft
            ? messages.pages.previewChanges
            : row.status === 'published'
              ? messages.pages.previewPublished
              : messages.pages.previewDraft,
          backHref: `/gestion/pages/${row.id}`,
        }}
      />,
    );
  });

  // Every other address is a page of the tree, or a helpful 404.
  // The print version is the only parameter a page reads.
  app.get('/*', { config: { publicCache: { query: Object.keys(PRINT_QUERY) } } }, async (request, reply) => {
    const url = new URL(request.url, 'http://local');
    const path = safelyDecodePath(url.pathname);
    if (path === null) return reply.callNotFound();
    if (path.length > 1 && path.endsWith('/')) {
      // From the still-encoded path, with one leading slash: "/%2Fevil.example/" must not
      // become "//evil.example", and no decoded control character may reach a header.
      const target = url.pathname.replace(/\/+$/, '').replace(/^\/+/, '/');
      return reply.redirect(`${target || '/'}${url.search}`, 301);
    }
    const site = await publicSiteFor(deps, request);
    const published = await findPublishedPage(deps.db, site, path);
    if (!published) return reply.callNotFound();
    const printVersion = url.searchParams.get('version') === PRINT_QUERY.version;
    const frame = buildSiteFrame(site, published.node, published.node.path);
    const home = published.node.depth === 0 ? await findHomeIdentity(deps.db, site) : null;
    return sendHtml(
      reply,
      <ContentPageView frame={frame} published={published} printVersion={printVersion} home={home} />,
    );
  });

  app.setNotFoundHandler(async (request, reply) => {
    // A missing static file skipped the workspace hook.
    request.workspace ??= await deps.workspaces.resolve(request.headers.host);
    const site = await publicSiteFor(deps, request);
    const frame = buildFixedPageFrame(site, request.url, messages.notFound.pageTitle);
    return sendHtml(reply, <NotFoundView frame={{ ...frame, canonicalUrl: null }} />, 404);
  });
}
