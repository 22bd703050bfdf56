import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { AdminLayout } from '../../ui/AdminLayout.js';
import { viewerOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from './backoffice.service.js';

export function registerBackofficeRoutes(app: FastifyInstance, deps: AppServices): void {
  app.get('/gestion', { config: { permission: 'backoffice.enter' } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const frame = await buildAdminFrame(deps, request, reply);
    const text = messages.admin.dashboard;
    return sendHtml(
      reply,
      <AdminLayout frame={frame} title={messages.admin.nav.dashboard}>
        <h1>{text.welcome(viewer.user.display_name)}</h1>
        <p>{text.yourRole(messages.roles[viewer.membership.role])}</p>
        {viewer.membership.role === 'partner' ? <p>{text.partnerNothingShared}</p> : null}
        <ul>
          {frame.nav.slice(1).map((link) => (
            <li key={link.href}>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      </AdminLayout>,
    );
  });
}
