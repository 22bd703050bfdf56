import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { type Permission, roleMay } from '../../platform/auth/permissions.js';
import { takeFlash } from '../../platform/flash.js';
import { messages } from '../../platform/i18n/fr.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import type { AdminFrame } from '../../ui/AdminLayout.js';
import { viewerOf } from '../accounts/accounts.hooks.js';
import { loadSiteName } from '../content/content.service.js';

const sections: Array<{ label: string; href: string; permission: Permission }> = [
  { label: messages.admin.nav.dashboard, href: '/gestion', permission: 'backoffice.enter' },
  { label: messages.admin.nav.partnerships, href: '/gestion/partenariats', permission: 'partnerships.read' },
  { label: messages.admin.nav.projects, href: '/gestion/projets', permission: 'partnerships.read' },
  { label: messages.admin.nav.missions, href: '/gestion/missions', permission: 'partnerships.read' },
  { label: messages.admin.nav.exchangeRates, href: '/gestion/taux-de-change', permission: 'content.read' },
  { label: messages.admin.nav.utilityBudgets, href: '/gestion/budgets-annexes', permission: 'content.read' },
  { label: messages.admin.nav.organisations, href: '/gestion/organisations', permission: 'content.read' },
  { label: messages.admin.nav.pages, href: '/gestion/pages', permission: 'content.read' },
  { label: messages.admin.nav.media, href: '/gestion/images', permission: 'content.read' },
  { label: messages.admin.nav.documents, href: '/gestion/documents', permission: 'content.read' },
  { label: messages.admin.nav.contacts, href: '/gestion/contacts', permission: 'content.read' },
  { label: messages.admin.nav.settings, href: '/gestion/parametres', permission: 'content.read' },
  { label: messages.admin.nav.users, href: '/gestion/utilisateurs', permission: 'users.manage' },
  { label: messages.admin.nav.trash, href: '/gestion/corbeille', permission: 'content.read' },
  { label: messages.admin.nav.jobs, href: '/gestion/taches', permission: 'settings.manage' },
];

/** The frame of every back-office page: the account, the sections this role may open, a notice. */
export async function buildAdminFrame(
  deps: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AdminFrame> {
  const viewer = viewerOf(request);
  const path = request.url.split('?')[0] ?? '';
  const currentSection = sections
    .filter((section) => path === section.href || path.startsWith(`${section.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return {
    siteName: await loadSiteName(deps, workspaceOf(request)),
    userName: viewer.user.display_name,
    roleLabel: messages.roles[viewer.membership.role],
    nav: sections
      .filter((section) => roleMay(viewer.membership.role, section.permission))
      .map((section) => ({
        label: section.label,
        href: section.href,
        current: section === currentSection ? (path === section.href ? 'page' : 'true') : undefined,
      })),
    csrfToken: reply.csrfToken(),
    flash: takeFlash(request, reply),
  };
}
