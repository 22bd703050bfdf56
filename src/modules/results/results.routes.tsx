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
import { resultFields, resultFormSchema } from './results.schemas.js';
import {
  applyResultDraft,
  createResult,
  deleteResult,
  getResult,
  getResultDraft,
  RESULT_RECORD_TYPE,
  type ResultDetails,
  returnResultDraft,
  updateResult,
} from './results.service.js';
import {
  DeleteResultView,
  emptyResultValues,
  ResultPageView,
  resultFormValues,
  withProposedResult,
} from './results.views.js';

const text = messages.results;

export function registerResultRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'partnerships.read' as const } };
  const create = { config: { permission: 'content.create' as const } };
  const edit = { config: { permission: 'content.edit' as const } };
  const remove = { config: { permission: 'content.delete' as const } };

  const pageOf =
    (
      request: FastifyRequest,
      reply: FastifyReply,
      project: ProjectDetails,
      details: ResultDetails | null,
    ): RenderForm =>
    async (values, errors, status, stale) => {
      const actor = actorOf(request);
      const draft =
        details && roleMay(actor.role, 'content.read')
          ? await getResultDraft(deps, actor, details.result.id)
          : null;
      // A contributor goes on from the changes proposed; an editor's form shows the result as it is.
      const shown =
        draft && details && !savesAtOnce(actor) && status === 200
          ? resultFormValues(withProposedResult(details, draft.form))
          : values;
      const frame = await buildAdminFrame(deps, request, reply);
      return sendHtml(
        reply,
        <ResultPageView
          frame={frame}
          project={project}
          details={details}
          values={shown}
          errors={errors}
          draft={draft}
          can={{
            edit: roleMay(actor.role, details ? 'content.edit' : 'content.create'),
            delete: roleMay(actor.role, 'content.delete'),
            review: savesAtOnce(actor),
          }}
          stale={stale}
        />,
        status,
      );
    };

  const done = (notice: string) => (saved: { id: string }) => ({
    notice,
    href: `/gestion/resultats/${saved.id}`,
  });

  app.get('/gestion/projets/:id/resultats/nouveau', create, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const project = await getProject(deps, actorOf(request), id);
    return pageOf(request, reply, project, null)(emptyResultValues(), {}, 200);
  });

  app.post('/gestion/projets/:id/resultats', create, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const project = await getProject(deps, actorOf(request), id);
    return saveRecordForm(request, reply, {
      schema: resultFormSchema,
      fields: resultFields,
      render: pageOf(request, reply, project, null),
      save: (form) => createResult(deps, actorOf(request), id, form),
      done: done(text.created),
    });
  });

  app.get('/gestion/resultats/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getResult(deps, actorOf(request), id);
    return pageOf(request, reply, details.project, details)(resultFormValues(details), {}, 200);
  });

  app.post('/gestion/resultats/:id', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getResult(deps, actorOf(request), id);
    return saveRecordForm(request, reply, {
      schema: resultFormSchema,
      fields: resultFields,
      render: pageOf(request, reply, details.project, details),
      save: (form) => updateResult(deps, actorOf(request), id, form),
      done: done(savesAtOnce(actorOf(request)) ? text.saved : messages.review.proposed),
    });
  });

  registerReviewAnswers(app, {
    path: '/gestion/resultats/:id',
    apply: (request, id, version) => applyResultDraft(deps, actorOf(request), id, version),
    sendBack: (request, id, comment) => returnResultDraft(deps, actorOf(request), id, comment),
    showAgain: async (request, reply, id, errors, status, stale) => {
      const details = await getResult(deps, actorOf(request), id);
      return pageOf(request, reply, details.project, details)(
        resultFormValues(details),
        errors,
        status,
        stale,
      );
    },
  });

  app.get('/gestion/resultats/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getResult(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <DeleteResultView frame={frame} details={details} />);
  });

  app.post('/gestion/resultats/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const projectId = await deleteResult(deps, actorOf(request), id);
    setFlash(reply, text.deleted);
    return reply.redirect(`/gestion/projets/${projectId}`, 303);
  });

  app.get(
    '/gestion/resultats/:id/historique',
    { config: { permission: 'content.read' as const } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return sendRecordHistory(deps, request, reply, {
        type: RESULT_RECORD_TYPE,
        id,
        backHref: `/gestion/resultats/${id}`,
        currentTitle: async () => (await getResult(deps, actorOf(request), id)).result.title,
      });
    },
  );
}
