import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { actorOf, viewerOf } from '../accounts/accounts.hooks.js';
import { documentCode, documentLinkText, listDocuments } from '../documents/documents.service.js';
import { figureCode, listMedia } from '../media/media.service.js';
import { listPartnerships } from '../partnerships/partnerships.service.js';
import { buildAdminFrame } from './backoffice.service.js';
import { loadDashboard } from './dashboard.service.js';
import { DashboardView } from './dashboard.views.js';
import { InsertView } from './insert.views.js';

export function registerBackofficeRoutes(app: FastifyInstance, deps: AppServices): void {
  app.get('/gestion', { config: { permission: 'backoffice.enter' } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const frame = await buildAdminFrame(deps, request, reply);
    const actor = actorOf(request);
    const dashboard = await loadDashboard(deps, actor);
    // A partner's first screen: what is shared with its organisation.
    const shared =
      actor.role === 'partner'
        ? (await listPartnerships(deps, actor)).map((p) => ({
            href: `/gestion/partenariats/${p.id}`,
            title: messages.partnerships.title(p.local_name, p.partner_name),
          }))
        : null;
    return sendHtml(
      reply,
      <DashboardView
        frame={frame}
        userName={viewer.user.display_name}
        roleLabel={messages.roles[viewer.membership.role]}
        sharedWithPartner={shared}
        dashboard={dashboard}
      />,
    );
  });

  // The picker of images and documents for a Markdown field: a page of its own without JavaScript.
  app.get('/gestion/inserer', { config: { permission: 'content.read' } }, async (request, reply) => {
    const actor = actorOf(request);
    const [media, documents] = await Promise.all([listMedia(deps, actor), listDocuments(deps, actor)]);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <InsertView
        frame={frame}
        images={media.map((item) => ({
          media: item,
          code: figureCode(item.name),
          thumbnail: `/gestion/images/${item.id}/apercu`,
        }))}
        documents={documents.map((document) => ({
          document,
          code: documentCode(document.name),
          label: documentLinkText(document),
        }))}
      />,
    );
  });
}
