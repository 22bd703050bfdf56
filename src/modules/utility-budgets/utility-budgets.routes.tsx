import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { setFlash } from '../../platform/flash.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import { saveRecordForm } from '../../platform/record-form.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { budgetFields, budgetFormSchema } from './utility-budgets.schemas.js';
import { addUtilityBudget, deleteUtilityBudget, listUtilityBudgets } from './utility-budgets.service.js';
import { UtilityBudgetsView } from './utility-budgets.views.js';

const text = messages.utilityBudgets;

export function registerUtilityBudgetRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'content.read' as const } };
  const edit = { config: { permission: 'content.publish' as const } };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string>,
    status: number,
  ) => {
    const actor = actorOf(request);
    const budgets = await listUtilityBudgets(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <UtilityBudgetsView
        frame={frame}
        budgets={budgets}
        canEdit={roleMay(actor.role, 'content.publish')}
        values={values}
        errors={errors}
      />,
      status,
    );
  };

  app.get('/gestion/budgets-annexes', read, (request, reply) => render(request, reply, {}, {}, 200));

  app.post('/gestion/budgets-annexes', edit, (request, reply) =>
    saveRecordForm(request, reply, {
      schema: budgetFormSchema,
      fields: budgetFields,
      render: (values, errors, status) => render(request, reply, values, errors, status),
      save: (form) => addUtilityBudget(deps, actorOf(request), form),
      done: () => ({ notice: text.added, href: '/gestion/budgets-annexes' }),
    }),
  );

  app.post('/gestion/budgets-annexes/:id/supprimer', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    await deleteUtilityBudget(deps, actorOf(request), id);
    setFlash(reply, text.deleted);
    return reply.redirect('/gestion/budgets-annexes', 303);
  });
}
