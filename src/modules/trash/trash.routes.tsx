import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { RuleError } from '../../platform/errors-typed.js';
import { setFlash } from '../../platform/flash.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { emptyTrash, listTrash, restoreDeletion } from './trash.service.js';
import { TrashView } from './trash.views.js';

const deletionParams = z.object({ deletionId: z.uuid() });

export function registerTrashRoutes(app: FastifyInstance, deps: AppServices): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error: string | null,
    status: number,
  ) => {
    const actor = actorOf(request);
    const entries = await listTrash(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <TrashView
        frame={frame}
        entries={entries}
        can={{ restore: roleMay(actor.role, 'content.restore'), empty: roleMay(actor.role, 'trash.empty') }}
        error={error}
      />,
      status,
    );
  };

  app.get('/gestion/corbeille', { config: { permission: 'content.read' } }, (request, reply) =>
    render(request, reply, null, 200),
  );

  app.post(
    '/gestion/corbeille/:deletionId/restaurer',
    { config: { permission: 'content.restore' } },
    async (request, reply) => {
      const params = deletionParams.safeParse(request.params);
      if (!params.success) return reply.callNotFound();
      try {
        await restoreDeletion(deps, actorOf(request), params.data.deletionId);
      } catch (error) {
        if (error instanceof RuleError) return render(request, reply, error.message, 409);
        throw error;
      }
      setFlash(reply, messages.trash.restored);
      return reply.redirect('/gestion/corbeille', 303);
    },
  );

  app.post('/gestion/corbeille/vider', { config: { permission: 'trash.empty' } }, async (request, reply) => {
    const count = await emptyTrash(deps, actorOf(request));
    setFlash(reply, messages.trash.emptied(count));
    return reply.redirect('/gestion/corbeille', 303);
  });
}
