import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { publicPage } from '../../platform/render-cache.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import { buildFixedPageFrame, loadWorkspaceSite } from '../content/content.service.js';
import { AccessibilityStatementView, LegalNoticeView } from './legal.views.js';

export function registerLegalRoutes(app: FastifyInstance, deps: AppServices): void {
  app.get('/mentions-legales', publicPage, async (request, reply) => {
    const site = await loadWorkspaceSite(deps, workspaceOf(request));
    const frame = buildFixedPageFrame(site, '/mentions-legales', messages.legal.pageTitle);
    return sendHtml(reply, <LegalNoticeView frame={frame} settings={site.settings} />);
  });

  app.get('/accessibilite', publicPage, async (request, reply) => {
    const site = await loadWorkspaceSite(deps, workspaceOf(request));
    const frame = buildFixedPageFrame(site, '/accessibilite', messages.accessibility.pageTitle);
    return sendHtml(
      reply,
      <AccessibilityStatementView frame={frame} settings={site.settings} siteUrl={site.publicUrl.href} />,
    );
  });
}
