import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import { buildFixedPageFrame, loadWorkspaceSite } from '../content/content.service.js';
import { searchSite } from './search.service.js';
import { SearchView } from './search.views.js';

export function registerSearchRoutes(app: FastifyInstance, deps: AppServices): void {
  // The same results for every visitor, kept per query until something public changes.
  app.get('/recherche', { config: { publicCache: { query: ['q'] } } }, async (request, reply) => {
    const query = (request.query as { q?: unknown }).q;
    const rawQuery = typeof query === 'string' ? query : '';
    const site = await loadWorkspaceSite(deps, workspaceOf(request));
    const outcome = await searchSite(deps.db, site, rawQuery);
    const frame = buildFixedPageFrame(site, '/recherche', messages.search.pageTitle);
    return sendHtml(reply, <SearchView frame={frame} outcome={outcome} rawQuery={rawQuery.slice(0, 200)} />);
  });
}
