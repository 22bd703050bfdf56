import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PublicLayout } from '../ui/PublicLayout.js';
import type { SiteFrame } from '../ui/site-frame.js';
import { sendHtml } from './html.js';
import { messages } from './i18n/fr.js';

export function ErrorPageView({ frame, title, lead }: { frame: SiteFrame; title: string; lead: string }) {
  return (
    <PublicLayout frame={frame} title={title} noIndex>
      <h1>{title}</h1>
      <p>{lead}</p>
      <p>
        <a href="/">{messages.errors.backHome}</a>
      </p>
    </PublicLayout>
  );
}

/** The frame to draw when the site's own could not be loaded (the database is down, say). */
export function bareFrame(siteName = 'Entente'): SiteFrame {
  return {
    siteName,
    mainMenu: [],
    subMenu: null,
    breadcrumb: null,
    tools: [],
    miscLinks: [],
    canonicalUrl: null,
  };
}

export type FrameLoader = (request: FastifyRequest, title: string) => Promise<SiteFrame>;

/**
 * PostgreSQL's refusals of bytes it cannot store (a NUL, an invalid sequence): the request's
 * fault, not the server's. Forms refuse such characters beside their fields first (parseForm);
 * this is the net under them.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

export function describeError(error: FastifyError): { status: number; title: string; lead: string } {
  const text = messages.errors;
  if (UNSTORABLE_TEXT.has(String(error.code)))
    return { status: 400, title: text.badRequestTitle, lead: text.badRequestLead };
  const status = error.statusCode ?? 500;
  if (error.code === 'ENTENTE_CSRF') return { status: 403, title: text.csrfTitle, lead: text.csrfLead };
  // Typed refusals of our own carry a French message meant for the reader.
  if (error.code === 'ENTENTE_FORBIDDEN')
    return { status: 403, title: messages.admin.forbiddenTitle, lead: error.message };
  if (error.code === 'ENTENTE_NOT_FOUND')
    return { status: 404, title: messages.notFound.pageTitle, lead: error.message };
  if (status === 413) return { status, title: text.tooLargeTitle, lead: text.tooLargeLead };
  if (status === 405) return { status, title: text.methodTitle, lead: text.methodLead };
  if (status >= 400 && status < 500)
    return { status, title: text.badRequestTitle, lead: text.badRequestLead };
  return {
    status: status > 500 && status < 600 ? status : 500,
    title: text.serverTitle,
    lead: text.serverLead,
  };
}

/** The French error page of `error`, with its status; 5xx logged with their stack, 4xx at info. */
export async function sendErrorPage(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  loadFrame: FrameLoader,
): Promise<FastifyReply> {
  const { status, title, lead } = describeError(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: error.code, status }, error.message);
  let frame: SiteFrame;
  try {
    frame = await loadFrame(request, title);
  } catch {
    frame = bareFrame();
  }
  return sendHtml(reply, <ErrorPageView frame={frame} title={title} lead={lead} />, status);
}

/**
 * One handler for every error: a French page with the right status, never internals. 5xx are
 * logged with their stack; 4xx are the visitor's and logged at info.
 */
export function registerErrorHandler(app: FastifyInstance, loadFrame: FrameLoader): void {
  app.setErrorHandler((error: FastifyError, request, reply) =>
    sendErrorPage(error, request, reply, loadFrame),
  );
}
