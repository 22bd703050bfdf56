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
import { rateFields, rateFormSchema } from './exchange-rates.schemas.js';
import { addRate, deleteRate, listRates } from './exchange-rates.service.js';
import { ExchangeRatesView } from './exchange-rates.views.js';

const text = messages.exchangeRates;

export function registerExchangeRateRoutes(app: FastifyInstance, deps: AppServices): void {
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
    const rates = await listRates(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <ExchangeRatesView
        frame={frame}
        rates={rates}
        canEdit={roleMay(actor.role, 'content.publish')}
        values={values}
        errors={errors}
      />,
      status,
    );
  };

  app.get('/gestion/taux-de-change', read, (request, reply) => render(request, reply, {}, {}, 200));

  app.post('/gestion/taux-de-change', edit, (request, reply) =>
    saveRecordForm(request, reply, {
      schema: rateFormSchema,
      fields: rateFields,
      render: (values, errors, status) => render(request, reply, values, errors, status),
      save: (form) => addRate(deps, actorOf(request), form),
      done: () => ({ notice: text.added, href: '/gestion/taux-de-change' }),
    }),
  );

  app.post('/gestion/taux-de-change/:id/supprimer', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    await deleteRate(deps, actorOf(request), id);
    setFlash(reply, text.deleted);
    return reply.redirect('/gestion/taux-de-change', 303);
  });
}
