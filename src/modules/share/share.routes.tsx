import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { parseForm } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import type { SiteFrame } from '../../ui/site-frame.js';
import { buildFixedPageFrame, loadWorkspaceSite, type PublicSite } from '../content/content.service.js';
import type { TreePage } from '../content/page-tree.js';
import {
  type ShareField,
  type ShareFormValues,
  shareFields,
  shareFormSchema,
  typedValues,
} from './share.schemas.js';
import { findSharedPage, SENDS_PER_CLIENT_PER_HOUR, sendPageToFriend } from './share.service.js';
import { SHARE_PATH, ShareFormView, ShareMessageView } from './share.views.js';

function shareFrame(site: PublicSite, page: TreePage): SiteFrame {
  const frame = buildFixedPageFrame(site, SHARE_PATH, messages.share.pageTitle);
  return {
    ...frame,
    canonicalUrl: null,
    breadcrumb: [
      { label: messages.site.breadcrumbHome, href: '/' },
      { label: page.title, href: page.path },
      { label: messages.share.pageTitle, href: `${SHARE_PATH}?page=${encodeURIComponent(page.path)}` },
    ],
  };
}

const emptyValues: ShareFormValues = { destinataire: '', nom: '', message: '' };

export function registerShareRoutes(app: FastifyInstance, deps: AppServices): void {
  const renderForm = async (
    reply: FastifyReply,
    site: PublicSite,
    page: TreePage,
    values: ShareFormValues,
    errors: Partial<Record<ShareField, string>>,
    status: number,
  ) => {
    const csrfToken = reply.csrfToken();
    const view = (
      <ShareFormView
        frame={shareFrame(site, page)}
        page={page}
        csrfToken={csrfToken}
        values={values}
        errors={errors}
      />
    );
    return sendHtml(reply, view, status);
  };

  app.get(SHARE_PATH, async (request, reply) => {
    const site = await loadWorkspaceSite(deps, workspaceOf(request));
    const pagePath = (request.query as { page?: unknown }).page;
    const page = typeof pagePath === 'string' ? findSharedPage(site, pagePath) : null;
    if (!page) return reply.callNotFound();
    return renderForm(reply, site, page, emptyValues, {}, 200);
  });

  app.post(SHARE_PATH, async (request, reply) => {
    const site = await loadWorkspaceSite(deps, workspaceOf(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const page = typeof body.page === 'string' ? findSharedPage(site, body.page) : null;
    if (!page) return reply.callNotFound();

    const parsed = parseForm(shareFormSchema, body, shareFields);
    if (!parsed.success) return renderForm(reply, site, page, typedValues(body), parsed.errors, 400);

    const outcome = await sendPageToFriend(
      { db: deps.db, mailer: deps.mailer, clock: deps.clock, secret: deps.config.sessionSecret },
      site,
      page,
      parsed.data,
      request.ip,
    );
    const text = messages.share;
    const frame = shareFrame(site, page);
    switch (outcome.kind) {
      case 'sent':
      case 'ignored':
        return sendHtml(
          reply,
          <ShareMessageView
            frame={frame}
            page={page}
            title={text.sentTitle}
            lead={text.sentLead(page.title)}
          />,
        );
      case 'limited': {
        const lead =
          outcome.scope === 'client'
            ? text.tooManyPerClient(SENDS_PER_CLIENT_PER_HOUR)
            : outcome.scope === 'recipient'
              ? text.tooManyPerRecipient
              : text.tooManyPerWorkspace;
        reply.header('retry-after', outcome.scope === 'client' ? '3600' : '86400');
        return sendHtml(
          reply,
          <ShareMessageView frame={frame} page={page} title={text.tooManyTitle} lead={lead} />,
          429,
        );
      }
      case 'delivery_failed':
        request.log.error({ err: outcome.error }, 'send to a friend: mail delivery failed');
        return sendHtml(
          reply,
          <ShareMessageView
            frame={frame}
            page={page}
            title={text.sendFailedTitle}
            lead={text.sendFailedLead}
          />,
          503,
        );
    }
  });
}
