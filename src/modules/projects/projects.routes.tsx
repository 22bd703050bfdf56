import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { RuleError } from '../../platform/errors-typed.js';
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
import { listUpdatesOf } from '../project-updates/project-updates.service.js';
import { listResultsOf } from '../results/results.service.js';
import { listTransactionsOf } from '../transactions/transactions.service.js';
import { projectFields, projectFormSchema } from './projects.schemas.js';
import {
  applyProjectDraft,
  createProject,
  deleteProject,
  getProject,
  getProjectDraft,
  listProjects,
  PROJECT_RECORD_TYPE,
  type ProjectDetails,
  planProjectDeletion,
  projectChoices,
  returnProjectDraft,
  updateProject,
} from './projects.service.js';
import {
  DeleteProjectView,
  emptyProjectValues,
  ProjectPageView,
  ProjectsListView,
  projectFormValues,
  withProposedChanges,
} from './projects.views.js';

const text = messages.projects;
const newProjectQuery = z.object({ partenariat: z.uuid().optional().catch(undefined) });

export function registerProjectRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'partnerships.read' as const } };
  const create = { config: { permission: 'content.create' as const } };
  const edit = { config: { permission: 'content.edit' as const } };
  const remove = { config: { permission: 'content.delete' as const } };

  /** The project's page: its form for those who may edit, else what it records; its transactions. */
  const pageOf =
    (request: FastifyRequest, reply: FastifyReply, details: ProjectDetails | null): RenderForm =>
    async (values, errors, status, stale) => {
      const actor = actorOf(request);
      const mayEdit = roleMay(actor.role, details ? 'content.edit' : 'content.create');
      const [choices, transactions, updates, results, draft] = await Promise.all([
        mayEdit ? projectChoices(deps, actor) : Promise.resolve(null),
        details ? listTransactionsOf(deps, actor, details) : Promise.resolve([]),
        details ? listUpdatesOf(deps, actor, details) : Promise.resolve([]),
        details ? listResultsOf(deps, actor, details) : Promise.resolve([]),
        details && roleMay(actor.role, 'content.read')
          ? getProjectDraft(deps, actor, details.project.id)
          : Promise.resolve(null),
      ]);
      // A contributor goes on from the changes proposed; an editor's form shows the project as it is.
      const shown =
        draft && details && !roleMay(actor.role, 'content.publish') && status === 200
          ? projectFormValues(withProposedChanges(details, draft.form))
          : values;
      const frame = await buildAdminFrame(deps, request, reply);
      return sendHtml(
        reply,
        <ProjectPageView
          frame={frame}
          details={details}
          values={shown}
          errors={errors}
          choices={choices}
          draft={draft}
          transactions={transactions}
          updates={updates}
          results={results}
          can={{
            review: roleMay(actor.role, 'content.publish'),
            proposeUpdate: roleMay(actor.role, 'updates.propose'),
            edit: mayEdit,
            delete: roleMay(actor.role, 'content.delete'),
            createTransaction: roleMay(actor.role, 'content.create'),
          }}
          stale={stale}
        />,
        status,
      );
    };

  app.get('/gestion/projets', read, async (request, reply) => {
    const actor = actorOf(request);
    const projects = await listProjects(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <ProjectsListView
        frame={frame}
        projects={projects}
        canCreate={roleMay(actor.role, 'content.create')}
      />,
    );
  });

  app.get('/gestion/projets/nouveau', create, async (request, reply) => {
    const partnershipId = newProjectQuery.parse(request.query ?? {}).partenariat ?? '';
    return pageOf(request, reply, null)(emptyProjectValues(partnershipId), {}, 200);
  });

  const done = (notice: string) => (saved: { id: string }) => ({
    notice,
    href: `/gestion/projets/${saved.id}`,
  });

  app.post('/gestion/projets', create, (request, reply) =>
    saveRecordForm(request, reply, {
      schema: projectFormSchema,
      fields: projectFields,
      render: pageOf(request, reply, null),
      save: (form) => createProject(deps, actorOf(request), form),
      done: done(text.created),
    }),
  );

  app.get('/gestion/projets/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getProject(deps, actorOf(request), id);
    return pageOf(request, reply, details)(projectFormValues(details), {}, 200);
  });

  app.post('/gestion/projets/:id', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getProject(deps, actorOf(request), id);
    return saveRecordForm(request, reply, {
      schema: projectFormSchema,
      fields: projectFields,
      render: pageOf(request, reply, details),
      save: (form) => updateProject(deps, actorOf(request), id, form),
      done: done(savesAtOnce(actorOf(request)) ? text.saved : messages.review.proposed),
    });
  });

  registerReviewAnswers(app, {
    path: '/gestion/projets/:id',
    apply: (request, id, version) => applyProjectDraft(deps, actorOf(request), id, version),
    sendBack: (request, id, comment) => returnProjectDraft(deps, actorOf(request), id, comment),
    showAgain: async (request, reply, id, errors, status, stale) => {
      const details = await getProject(deps, actorOf(request), id);
      return pageOf(request, reply, details)(projectFormValues(details), errors, status, stale);
    },
  });

  const renderDelete = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: string | null,
    status: number,
  ) => {
    const plan = await planProjectDeletion(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <DeleteProjectView
        frame={frame}
        details={plan.details}
        refused={plan.refused}
        along={plan.along}
        error={error}
      />,
      status,
    );
  };

  app.get('/gestion/projets/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return renderDelete(request, reply, id, null, 200);
  });

  app.post('/gestion/projets/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    let partnershipId: string;
    try {
      partnershipId = await deleteProject(deps, actorOf(request), id);
    } catch (error) {
      if (error instanceof RuleError) return renderDelete(request, reply, id, error.message, 400);
      throw error;
    }
    setFlash(reply, text.deleted);
    return reply.redirect(`/gestion/partenariats/${partnershipId}`, 303);
  });

  app.get(
    '/gestion/projets/:id/historique',
    { config: { permission: 'content.read' as const } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return sendRecordHistory(deps, request, reply, {
        type: PROJECT_RECORD_TYPE,
        id,
        backHref: `/gestion/projets/${id}`,
        currentTitle: async () => (await getProject(deps, actorOf(request), id)).project.title,
      });
    },
  );
}
