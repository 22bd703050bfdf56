import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { Partnership } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { RuleError } from '../../platform/errors-typed.js';
import { setFlash } from '../../platform/flash.js';
import { formBody, parseForm, refusalOf, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import type { StaleSave } from '../../platform/versions.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { listConventionsOf, partnershipWarning } from '../conventions/conventions.service.js';
import { listMissions } from '../missions/missions.service.js';
import { listProjects } from '../projects/projects.service.js';
import { type PartnershipForm, partnershipFields, partnershipFormSchema } from './partnerships.schemas.js';
import {
  createPartnership,
  deletePartnership,
  getPartnership,
  listPartnerships,
  PARTNERSHIP_RECORD_TYPE,
  type PartnershipRow,
  partnerAccountCount,
  partnershipChoices,
  planPartnershipDeletion,
  setPartnershipSharing,
  updatePartnership,
} from './partnerships.service.js';
import {
  DeletePartnershipView,
  emptyPartnershipValues,
  type PartnershipFormValues,
  PartnershipPageView,
  PartnershipsListView,
  partnershipFormValues,
  partnershipTitle,
} from './partnerships.views.js';

const text = messages.partnerships;

export function registerPartnershipRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'partnerships.read' as const } };
  const create = { config: { permission: 'content.create' as const } };
  const edit = { config: { permission: 'content.edit' as const } };
  const remove = { config: { permission: 'content.delete' as const } };
  const share = { config: { permission: 'partnerships.share' as const } };

  const renderPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRow | null,
    values: PartnershipFormValues | null,
    errors: Record<string, string>,
    status: number,
    stale?: StaleSave,
  ) => {
    const actor = actorOf(request);
    const mayEdit = roleMay(actor.role, partnership ? 'content.edit' : 'content.create');
    const [choices, conventions, projects, missions, partnerAccounts] = await Promise.all([
      mayEdit ? partnershipChoices(deps, actor) : Promise.resolve({ local: [], partners: [] }),
      partnership ? listConventionsOf(deps, actor, partnership.id) : Promise.resolve([]),
      partnership ? listProjects(deps, actor, partnership.id) : Promise.resolve([]),
      partnership ? listMissions(deps, actor, { partnershipId: partnership.id }) : Promise.resolve([]),
      partnership && roleMay(actor.role, 'partnerships.share')
        ? partnerAccountCount(deps, actor, partnership)
        : Promise.resolve(0),
    ]);
    const warning =
      partnership && actor.role !== 'partner' ? partnershipWarning(partnership, conventions) : null;
    const shown =
      values ??
      (partnership
        ? partnershipFormValues(partnership)
        : emptyPartnershipValues(choices, actor.workspace.organisation_id));
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <PartnershipPageView
        frame={frame}
        partnership={partnership}
        choices={choices}
        values={shown}
        errors={errors}
        can={{
          edit: mayEdit,
          delete: roleMay(actor.role, 'content.delete'),
          share: roleMay(actor.role, 'partnerships.share'),
          createConvention: roleMay(actor.role, 'content.create'),
        }}
        conventions={conventions}
        projects={projects}
        missions={missions}
        warning={warning}
        partnerAccounts={partnerAccounts}
        stale={stale}
      />,
      status,
    );
  };

  const saveForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRow | null,
    save: (actor: Actor, form: PartnershipForm) => Promise<Partnership>,
  ) => {
    const body = formBody(request.body);
    const values = typedText(body, partnershipFields);
    const parsed = parseForm(partnershipFormSchema, body, partnershipFields);
    if (!parsed.success)
      return renderPage(request, reply, partnership, values, parsed.errors as Record<string, string>, 400);
    let saved: Partnership;
    try {
      saved = await save(actorOf(request), parsed.data);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return renderPage(
        request,
        reply,
        partnership,
        { ...values, ...refusal.values },
        refusal.errors,
        refusal.status,
        refusal.stale,
      );
    }
    setFlash(reply, partnership ? text.saved : text.created);
    return reply.redirect(`/gestion/partenariats/${saved.id}`, 303);
  };

  app.get('/gestion/partenariats', read, async (request, reply) => {
    const actor = actorOf(request);
    const partnerships = await listPartnerships(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <PartnershipsListView
        frame={frame}
        partnerships={partnerships}
        canCreate={roleMay(actor.role, 'content.create')}
        forPartner={actor.role === 'partner'}
      />,
    );
  });

  app.get('/gestion/partenariats/nouveau', create, (request, reply) =>
    renderPage(request, reply, null, null, {}, 200),
  );

  app.post('/gestion/partenariats', create, (request, reply) =>
    saveForm(request, reply, null, (actor, form) => createPartnership(deps, actor, form)),
  );

  app.get('/gestion/partenariats/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const partnership = await getPartnership(deps, actorOf(request), id);
    return renderPage(request, reply, partnership, null, {}, 200);
  });

  app.post('/gestion/partenariats/:id', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const partnership = await getPartnership(deps, actorOf(request), id);
    return saveForm(request, reply, partnership, (actor, form) => updatePartnership(deps, actor, id, form));
  });

  app.post('/gestion/partenariats/:id/partage', share, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const shared = formBody(request.body).partage === 'oui';
    await setPartnershipSharing(deps, actorOf(request), id, shared);
    setFlash(reply, shared ? text.sharedDone : text.unsharedDone);
    return reply.redirect(`/gestion/partenariats/${id}`, 303);
  });

  const renderDelete = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: string | null,
    status: number,
  ) => {
    const plan = await planPartnershipDeletion(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <DeletePartnershipView
        frame={frame}
        partnership={plan.partnership}
        refused={plan.refused}
        error={error}
      />,
      status,
    );
  };

  app.get('/gestion/partenariats/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return renderDelete(request, reply, id, null, 200);
  });

  app.post('/gestion/partenariats/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    try {
      await deletePartnership(deps, actorOf(request), id);
    } catch (error) {
      if (error instanceof RuleError) return renderDelete(request, reply, id, error.message, 400);
      throw error;
    }
    setFlash(reply, text.deleted);
    return reply.redirect('/gestion/partenariats', 303);
  });

  app.get(
    '/gestion/partenariats/:id/historique',
    { config: { permission: 'content.read' as const } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return sendRecordHistory(deps, request, reply, {
        type: PARTNERSHIP_RECORD_TYPE,
        id,
        backHref: `/gestion/partenariats/${id}`,
        currentTitle: async () => partnershipTitle(await getPartnership(deps, actorOf(request), id)),
      });
    },
  );
}
