import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { setFlash } from '../../platform/flash.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import { type RenderForm, saveRecordForm } from '../../platform/record-form.js';
import { savesAtOnce } from '../../platform/review.js';
import { registerReviewAnswers } from '../../platform/review-form.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { getProject, type ProjectDetails } from '../projects/projects.service.js';
import { transactionFields, transactionFormSchema } from './transactions.schemas.js';
import {
  applyTransactionDraft,
  createTransaction,
  deleteTransaction,
  getTransaction,
  getTransactionDraft,
  returnTransactionDraft,
  TRANSACTION_RECORD_TYPE,
  type TransactionDetails,
  transactionChoices,
  updateTransaction,
} from './transactions.service.js';
import {
  DeleteTransactionView,
  emptyTransactionValues,
  TransactionPageView,
  transactionFormValues,
  transactionLabel,
  withProposedTransaction,
} from './transactions.views.js';

const text = messages.transactions;

export function registerTransactionRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'partnerships.read' as const } };
  const create = { config: { permission: 'content.create' as const } };
  const edit = { config: { permission: 'content.edit' as const } };
  const remove = { config: { permission: 'content.delete' as const } };

  const pageOf =
    (
      request: FastifyRequest,
      reply: FastifyReply,
      project: ProjectDetails,
      details: TransactionDetails | null,
    ): RenderForm =>
    async (values, errors, status, stale) => {
      const actor = actorOf(request);
      const mayEdit = roleMay(actor.role, details ? 'content.edit' : 'content.create');
      const [choices, draft] = await Promise.all([
        mayEdit ? transactionChoices(deps, actor) : Promise.resolve({ organisations: [], documents: [] }),
        details && roleMay(actor.role, 'content.read')
          ? getTransactionDraft(deps, actor, details.transaction.id)
          : Promise.resolve(null),
      ]);
      // A contributor goes on from the changes proposed; an editor's form shows the transaction as it is.
      const shown =
        draft && details && !savesAtOnce(actor) && status === 200
          ? transactionFormValues(withProposedTransaction(details.transaction, draft.form))
          : values;
      const frame = await buildAdminFrame(deps, request, reply);
      return sendHtml(
        reply,
        <TransactionPageView
          frame={frame}
          project={project}
          details={details}
          values={shown}
          errors={errors}
          choices={choices}
          draft={draft}
          can={{ edit: mayEdit, delete: roleMay(actor.role, 'content.delete'), review: savesAtOnce(actor) }}
          stale={stale}
        />,
        status,
      );
    };

  const done = (notice: string) => (saved: { id: string }) => ({
    notice,
    href: `/gestion/operations/${saved.id}`,
  });

  app.get('/gestion/projets/:id/operations/nouvelle', create, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const project = await getProject(deps, actorOf(request), id);
    return pageOf(request, reply, project, null)(emptyTransactionValues(project), {}, 200);
  });

  app.post('/gestion/projets/:id/operations', create, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const project = await getProject(deps, actorOf(request), id);
    return saveRecordForm(request, reply, {
      schema: transactionFormSchema,
      fields: transactionFields,
      render: pageOf(request, reply, project, null),
      save: (form) => createTransaction(deps, actorOf(request), id, form),
      done: done(text.created),
    });
  });

  app.get('/gestion/operations/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getTransaction(deps, actorOf(request), id);
    return pageOf(
      request,
      reply,
      details.project,
      details,
    )(transactionFormValues(details.transaction), {}, 200);
  });

  app.post('/gestion/operations/:id', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getTransaction(deps, actorOf(request), id);
    return saveRecordForm(request, reply, {
      schema: transactionFormSchema,
      fields: transactionFields,
      render: pageOf(request, reply, details.project, details),
      save: (form) => updateTransaction(deps, actorOf(request), id, form),
      done: done(savesAtOnce(actorOf(request)) ? text.saved : messages.review.proposed),
    });
  });

  registerReviewAnswers(app, {
    path: '/gestion/operations/:id',
    apply: (request, id, version) => applyTransactionDraft(deps, actorOf(request), id, version),
    sendBack: (request, id, comment) => returnTransactionDraft(deps, actorOf(request), id, comment),
    showAgain: async (request, reply, id, errors, status, stale) => {
      const details = await getTransaction(deps, actorOf(request), id);
      return pageOf(request, reply, details.project, details)(
        transactionFormValues(details.transaction),
        errors,
        status,
        stale,
      );
    },
  });

  app.get('/gestion/operations/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getTransaction(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <DeleteTransactionView frame={frame} details={details} />);
  });

  app.post('/gestion/operations/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const projectId = await deleteTransaction(deps, actorOf(request), id);
    setFlash(reply, text.deleted);
    return reply.redirect(`/gestion/projets/${projectId}`, 303);
  });

  app.get(
    '/gestion/operations/:id/historique',
    { config: { permission: 'content.read' as const } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return sendRecordHistory(deps, request, reply, {
        type: TRANSACTION_RECORD_TYPE,
        id,
        backHref: `/gestion/operations/${id}`,
        currentTitle: async () =>
          transactionLabel((await getTransaction(deps, actorOf(request), id)).transaction),
      });
    },
  );
}
