import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { setFlash } from '../../platform/flash.js';
import { formBody } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import { type RenderForm, saveRecordForm } from '../../platform/record-form.js';
import { savesAtOnce } from '../../platform/review.js';
import { registerReviewAnswers } from '../../platform/review-form.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { missionFields, missionFormSchema } from './missions.schemas.js';
import {
  applyMissionDraft,
  createMission,
  deleteMission,
  getMission,
  getMissionDraft,
  listMissions,
  MISSION_RECORD_TYPE,
  type MissionDetails,
  missionChoices,
  returnMissionDraft,
  updateMission,
} from './missions.service.js';
import {
  DeleteMissionView,
  emptyMissionValues,
  MissionPageView,
  MissionsListView,
  missionFormValues,
  withProposedMission,
} from './missions.views.js';

const text = messages.missions;
const newMissionQuery = z.object({
  partenariat: z.uuid().optional().catch(undefined),
  projet: z.uuid().optional().catch(undefined),
});

export function registerMissionRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'partnerships.read' as const } };
  const create = { config: { permission: 'content.create' as const } };
  const edit = { config: { permission: 'content.edit' as const } };
  const remove = { config: { permission: 'content.delete' as const } };

  const pageOf =
    (request: FastifyRequest, reply: FastifyReply, details: MissionDetails | null): RenderForm =>
    async (values, errors, status, stale) => {
      const actor = actorOf(request);
      const mayEdit = roleMay(actor.role, details ? 'content.edit' : 'content.create');
      const draft =
        details && roleMay(actor.role, 'content.read')
          ? await getMissionDraft(deps, actor, details.mission.id)
          : null;
      // A contributor goes on from the changes proposed; an editor's form shows the mission as it is.
      const shown =
        draft && details && !savesAtOnce(actor) && status === 200
          ? missionFormValues(withProposedMission(details, draft.form))
          : values;
      // The costs are chosen among the transactions of the partnership the form names.
      const partnershipId = String(formBody(request.body).partnership_id ?? shown.partnership_id ?? '');
      const choices = mayEdit ? await missionChoices(deps, actor, partnershipId) : null;
      const frame = await buildAdminFrame(deps, request, reply);
      return sendHtml(
        reply,
        <MissionPageView
          frame={frame}
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

  app.get('/gestion/missions', read, async (request, reply) => {
    const actor = actorOf(request);
    const missions = await listMissions(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <MissionsListView
        frame={frame}
        missions={missions}
        canCreate={roleMay(actor.role, 'content.create')}
      />,
    );
  });

  app.get('/gestion/missions/nouvelle', create, async (request, reply) => {
    const query = newMissionQuery.parse(request.query ?? {});
    return pageOf(request, reply, null)(
      emptyMissionValues(query.partenariat ?? '', query.projet ?? ''),
      {},
      200,
    );
  });

  const done = (notice: string) => (saved: { id: string }) => ({
    notice,
    href: `/gestion/missions/${saved.id}`,
  });

  app.post('/gestion/missions', create, (request, reply) =>
    saveRecordForm(request, reply, {
      schema: missionFormSchema,
      fields: missionFields,
      render: pageOf(request, reply, null),
      save: (form) => createMission(deps, actorOf(request), form),
      done: done(text.created),
    }),
  );

  app.get('/gestion/missions/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getMission(deps, actorOf(request), id);
    return pageOf(request, reply, details)(missionFormValues(details), {}, 200);
  });

  app.post('/gestion/missions/:id', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getMission(deps, actorOf(request), id);
    return saveRecordForm(request, reply, {
      schema: missionFormSchema,
      fields: missionFields,
      render: pageOf(request, reply, details),
      save: (form) => updateMission(deps, actorOf(request), id, form),
      done: done(savesAtOnce(actorOf(request)) ? text.saved : messages.review.proposed),
    });
  });

  registerReviewAnswers(app, {
    path: '/gestion/missions/:id',
    apply: (request, id, version) => applyMissionDraft(deps, actorOf(request), id, version),
    sendBack: (request, id, comment) => returnMissionDraft(deps, actorOf(request), id, comment),
    showAgain: async (request, reply, id, errors, status, stale) => {
      const details = await getMission(deps, actorOf(request), id);
      return pageOf(request, reply, details)(missionFormValues(details), errors, status, stale);
    },
  });

  app.get('/gestion/missions/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getMission(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <DeleteMissionView frame={frame} details={details} />);
  });

  app.post('/gestion/missions/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const partnershipId = await deleteMission(deps, actorOf(request), id);
    setFlash(reply, text.deleted);
    return reply.redirect(`/gestion/partenariats/${partnershipId}`, 303);
  });

  app.get(
    '/gestion/missions/:id/historique',
    { config: { permission: 'content.read' as const } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return sendRecordHistory(deps, request, reply, {
        type: MISSION_RECORD_TYPE,
        id,
        backHref: `/gestion/missions/${id}`,
        currentTitle: async () => (await getMission(deps, actorOf(request), id)).mission.title,
      });
    },
  );
}
