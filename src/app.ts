import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppDeps, AppServices } from './app-services.js';
import { registerAuthHooks, SESSION_COOKIE } from './modules/accounts/accounts.hooks.js';
import { registerAccountRoutes } from './modules/accounts/accounts.routes.js';
import { registerInvitationRoutes } from './modules/accounts/invitations.routes.js';
import { registerBackofficeRoutes } from './modules/backoffice/backoffice.routes.js';
import { registerContactCardRoutes } from './modules/contact-cards/contact-cards.routes.js';
import { registerContentRoutes } from './modules/content/content.routes.js';
import { buildFixedPageFrame, loadWorkspaceSite } from './modules/content/content.service.js';
import { registerConventionRoutes } from './modules/conventions/conventions.routes.js';
import { registerDocumentRoutes } from './modules/documents/documents.routes.js';
import { registerExchangeRateRoutes } from './modules/exchange-rates/exchange-rates.routes.js';
import { registerJobRoutes } from './modules/jobs/jobs.routes.js';
import { registerLegalRoutes } from './modules/legal/legal.routes.js';
import { registerMediaRoutes } from './modules/media/media.routes.js';
import { registerMissionRoutes } from './modules/missions/missions.routes.js';
import { registerOrganisationRoutes } from './modules/organisations/organisations.routes.js';
import { registerPageRoutes } from './modules/pages/pages.routes.js';
import { registerPartnershipRoutes } from './modules/partnerships/partnerships.routes.js';
import { registerProjectUpdateRoutes } from './modules/project-updates/project-updates.routes.js';
import { registerProjectRoutes } from './modules/projects/projects.routes.js';
import { registerReminderJobs } from './modules/reminders/reminders.service.js';
import { registerResultRoutes } from './modules/results/results.routes.js';
import { registerSearchRoutes } from './modules/search/search.routes.js';
import { registerShareRoutes } from './modules/share/share.routes.js';
import { registerSiteIdentityRoutes } from './modules/site-settings/site-identity.routes.js';
import { registerSiteSettingsRoutes } from './modules/site-settings/site-settings.routes.js';
import { registerTransactionRoutes } from './modules/transactions/transactions.routes.js';
import { registerTrashRoutes } from './modules/trash/trash.routes.js';
import { registerUtilityBudgetRoutes } from './modules/utility-budgets/utility-budgets.routes.js';
import { createWorkspaceDirectory } from './modules/workspaces/workspace.service.js';
import { registerCacheControl } from './platform/cache-control.js';
import { registerProxyWarning } from './platform/client-address.js';
import { registerCsrfProtection } from './platform/csrf.js';
import { type FrameLoader, registerErrorHandler, sendErrorPage } from './platform/errors.js';
import { FLASH_COOKIE } from './platform/flash.js';
import { registerHeaderGuard } from './platform/headers.js';
import { createJobQueue, type JobQueue } from './platform/jobs.js';
import { createPublicationVersions } from './platform/publication.js';
import { createCachedAnswerPath, RenderCache, registerRenderCache } from './platform/render-cache.js';
import { registerStaticAssets } from './platform/static-assets.js';
import './platform/i18n/zod-fr.js';
import './platform/request-workspace.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: ReadonlyArray<RouteEntry>;
    /** The job queue: tests run its due jobs with `app.jobs.runner.runDue()`. */
    jobs: JobQueue;
  }
}

/** A route as registered: who may use it, and why it takes no CSRF token if it does not. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: string | null;
  csrfExempt: string | null;
}

/** Forms are small: a larger body is refused with 413 before any handler runs. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Trust the nearest `hops` proxies (Fastify's own `trustProxy: number`, which its types omit). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

export async function buildApp(
  appDeps: AppDeps,
  options: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const publication = createPublicationVersions(appDeps.db, appDeps.notifications, {
    onError: (error) => app.log.warn({ err: error }, 'publication versions not read'),
  });
  await publication.start();
  const workspaces = await createWorkspaceDirectory(appDeps.db);
  // A host name added or removed moves its workspace's version; so does a new workspace.
  publication.onChange(() => {
    workspaces.reload().catch((error) => app.log.warn({ err: error }, 'workspaces not read'));
  });
  const jobs = createJobQueue({
    db: appDeps.db,
    clock: appDeps.clock,
    pollMs: appDeps.config.jobsPollMs,
    // One process owns an embedded database: a job it left running was stopped by a crash.
    singleProcess: appDeps.config.databaseUrl === undefined,
    onError: (error, job) => app.log.warn({ err: error, job: job?.id, kind: job?.kind }, 'job failed'),
  });
  const deps: AppServices = { ...appDeps, publication, workspaces, jobs };

  const loadErrorFrame: FrameLoader = async (request, title) => {
    request.workspace ??= await workspaces.resolve(request.headers.host);
    if (!request.workspace) throw new Error('no workspace');
    const site = await loadWorkspaceSite(deps, request.workspace);
    return { ...buildFixedPageFrame(site, '/', title), canonicalUrl: null, breadcrumb: null };
  };
  const renderCache =
    deps.config.renderCacheMb > 0 ? new RenderCache(deps.config.renderCacheMb * 1024 * 1024) : null;
  // Set once the app (and its logger) exists; a kept page is answered before Fastify sees it.
  let answerFromCache: ((request: IncomingMessage, response: ServerResponse) => boolean) | null = null;
  const app = Fastify({
    serverFactory: (handler, settings) => {
      const server = createServer(settings.http ?? {}, (request, response) => {
        if (!answerFromCache?.(request, response)) handler(request, response);
      });
      // What Fastify does to the server it makes itself.
      const timeouts = settings as {
        keepAliveTimeout?: number;
        requestTimeout?: number;
        connectionTimeout?: number;
      };
      server.keepAliveTimeout = timeouts.keepAliveTimeout ?? server.keepAliveTimeout;
      server.requestTimeout = timeouts.requestTimeout ?? server.requestTimeout;
      server.setTimeout(timeouts.connectionTimeout ?? 0);
      return server;
    },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy:
      typeof deps.config.trustProxy === 'number' ? trustHops(deps.config.trustProxy) : deps.config.trustProxy,
    // Errors met before routing (a malformed URL, say) get the same French page as the rest.
    frameworkErrors: (error, request, reply) => {
      void sendErrorPage(error, request, reply, loadErrorFrame);
    },
    logger: options.logger ?? { level: deps.config.logLevel },
    ...options,
  });

  // Every route the server answers, as registered: the authorization test checks each of them.
  const routeCatalogue: RouteEntry[] = [];
  app.decorate('routeCatalogue', routeCatalogue);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeCatalogue.push({
        method,
        url: route.url,
        permission: route.config?.permission ?? null,
        csrfExempt: route.config?.csrfExempt ?? null,
      });
    }
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: deps.config.publicUrl.protocol === 'https:' ? [] : null,
      },
    },
    hsts: deps.config.publicUrl.protocol === 'https:',
  });
  await app.register(fastifyFormbody);
  await app.register(fastifyCookie, { secret: deps.config.sessionSecret });
  // Every unsafe request needs a token bound to the browser, the workspace and the session.
  registerCsrfProtection(app, {
    serverSecret: deps.config.sessionSecret,
    secureCookie: deps.config.publicUrl.protocol === 'https:',
    sessionTokenOf: (request) => request.cookies[SESSION_COOKIE],
  });
  registerCacheControl(app);
  registerHeaderGuard(app);
  registerProxyWarning(app, deps.config.trustProxy);
  // Read, hashed and compressed once here, at start; served from memory.
  registerStaticAssets(app);

  // Static files belong to no workspace: they skip the look-up.
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return;
    request.workspace = await workspaces.resolve(request.headers.host);
  });
  const personalCookies = [SESSION_COOKIE, FLASH_COOKIE];
  registerRenderCache(app, { cache: renderCache, publication, personalCookies });
  if (renderCache) {
    answerFromCache = createCachedAnswerPath({
      cache: renderCache,
      publication,
      resolveWorkspace: workspaces.resolveNow,
      personalCookies,
      log: app.log,
    });
  }
  app.addHook('onClose', async () => publication.stop());
  app.decorate('jobs', jobs);
  if (deps.config.jobsPollMs > 0) app.addHook('onReady', async () => jobs.runner.start());
  app.addHook('onClose', async () => jobs.runner.stop());

  registerErrorHandler(app, loadErrorFrame);

  registerAuthHooks(app, deps);
  registerAccountRoutes(app, deps);
  registerInvitationRoutes(app, deps);
  registerBackofficeRoutes(app, deps);
  registerPageRoutes(app, deps);
  registerJobRoutes(app, deps);
  registerMediaRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerContactCardRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerPartnershipRoutes(app, deps);
  registerConventionRoutes(app, deps);
  registerProjectRoutes(app, deps);
  registerTransactionRoutes(app, deps);
  registerProjectUpdateRoutes(app, deps);
  registerExchangeRateRoutes(app, deps);
  registerResultRoutes(app, deps);
  registerMissionRoutes(app, deps);
  registerUtilityBudgetRoutes(app, deps);
  registerReminderJobs(deps);
  registerSiteSettingsRoutes(app, deps);
  registerSiteIdentityRoutes(app, deps);
  registerTrashRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerShareRoutes(app, deps);
  registerLegalRoutes(app, deps);
  registerContentRoutes(app, deps);
  return app;
}
