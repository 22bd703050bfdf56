import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { actorOf, viewerOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from './backoffice.service.js';
import { loadDashboard } from './dashboard.service.js';
import { DashboardView } from './dashboard.views.js';

export function registerBackofficeRoutes(app: FastifyInstance, deps: AppServices): void {
  app.get('/gestion', { config: { permission: 'backoffice.enter' } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const frame = await buildAdminFrame(deps, request, reply);
    const dashboard = await loadDashboard(deps, actorOf(request));
    return sendHtml(
      reply,
      <DashboardView
        frame={frame}
        userName={viewer.user.display_name}
        roleLabel={messages.roles[viewer.membership.role]}
        isPartner={viewer.membership.role === 'partner'}
        dashboard={dashboard}
      />,
    );
  });
}
