import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import { setFlash } from '../../platform/flash.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { listWorkspaceFailedJobs, retryWorkspaceJob } from './jobs.service.js';
import { FailedJobsView } from './jobs.views.js';

const jobParams = z.object({
  jobId: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
});

/** The failed jobs of the workspace, for its administrators, each with "Relancer". */
export function registerJobRoutes(app: FastifyInstance, deps: AppServices): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error: string | null,
    status: number,
  ) => {
    const jobs = await listWorkspaceFailedJobs(deps, actorOf(request));
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <FailedJobsView frame={frame} jobs={jobs} error={error} />, status);
  };

  app.get('/gestion/taches', { config: { permission: 'settings.manage' } }, (request, reply) =>
    render(request, reply, null, 200),
  );

  app.post(
    '/gestion/taches/:jobId/relancer',
    { config: { permission: 'settings.manage' } },
    async (request, reply) => {
      const params = jobParams.safeParse(request.params);
      if (!params.success) return reply.callNotFound();
      if (!(await retryWorkspaceJob(deps, actorOf(request), params.data.jobId))) {
        return render(request, reply, messages.jobs.notFound, 409);
      }
      deps.jobs.runner.wake();
      setFlash(reply, messages.jobs.retried);
      return reply.redirect('/gestion/taches', 303);
    },
  );
}
