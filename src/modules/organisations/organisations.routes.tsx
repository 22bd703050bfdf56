import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { Organisation } from '../../db/schema.js';
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
import {
  type OrganisationForm,
  organisationFields,
  organisationFormSchema,
} from './organisations.schemas.js';
import {
  addOrganisationFromPlace,
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  ORGANISATION_RECORD_TYPE,
  type OrganisationDetails,
  planOrganisationDeletion,
  searchPlacesForWorkspace,
  updateOrganisation,
} from './organisations.service.js';
import {
  DeleteOrganisationView,
  emptyOrganisationValues,
  type OrganisationFormValues,
  OrganisationFormView,
  OrganisationsListView,
  organisationFormValues,
  PlacePickerView,
  placeSummary,
} from './organisations.views.js';

const text = messages.organisations;

/** The text of a query-string parameter, or '' (a repeated or missing one reads as empty). */
function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.slice(0, 100) : '';
}

export function registerOrganisationRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'content.read' as const } };
  const create = { config: { permission: 'content.create' as const } };
  const edit = { config: { permission: 'content.edit' as const } };
  const remove = { config: { permission: 'content.delete' as const } };

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    details: OrganisationDetails | null,
    values: OrganisationFormValues,
    errors: Record<string, string>,
    status: number,
    stale?: StaleSave,
  ) => {
    const actor = actorOf(request);
    const frame = await buildAdminFrame(deps, request, reply);
    const may = details ? 'content.edit' : 'content.create';
    return sendHtml(
      reply,
      <OrganisationFormView
        frame={frame}
        details={details}
        values={values}
        errors={errors}
        can={{ edit: roleMay(actor.role, may), delete: roleMay(actor.role, 'content.delete') }}
        stale={stale}
      />,
      status,
    );
  };

  const saveForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    details: OrganisationDetails | null,
    save: (actor: Actor, form: OrganisationForm) => Promise<Organisation>,
  ) => {
    const body = formBody(request.body);
    const values = typedText(body, organisationFields);
    const parsed = parseForm(organisationFormSchema, body, organisationFields);
    if (!parsed.success)
      return renderForm(request, reply, details, values, parsed.errors as Record<string, string>, 400);
    let saved: Organisation;
    try {
      saved = await save(actorOf(request), parsed.data);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return renderForm(
        request,
        reply,
        details,
        { ...values, ...refusal.values },
        refusal.errors,
        refusal.status,
        refusal.stale,
      );
    }
    setFlash(reply, details ? text.saved : text.created);
    return reply.redirect(`/gestion/organisations/${saved.id}`, 303);
  };

  app.get('/gestion/organisations', read, async (request, reply) => {
    const actor = actorOf(request);
    const organisations = await listOrganisations(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <OrganisationsListView
        frame={frame}
        organisations={organisations}
        canCreate={roleMay(actor.role, 'content.create')}
      />,
    );
  });

  const renderPicker = async (
    request: FastifyRequest,
    reply: FastifyReply,
    query: string,
    error?: string,
  ) => {
    const results = query.trim() ? await searchPlacesForWorkspace(deps, actorOf(request), query) : null;
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <PlacePickerView frame={frame} query={query} results={results} error={error} />,
      error ? 400 : 200,
    );
  };

  app.get('/gestion/organisations/ajouter', create, (request, reply) =>
    renderPicker(request, reply, queryText(request, 'q')),
  );

  // The picker's suggestions as one types (place-picker.js): the same search, as JSON.
  app.get('/gestion/repertoire/suggestions', create, async (request, reply) => {
    const results = await searchPlacesForWorkspace(deps, actorOf(request), queryText(request, 'q'));
    const shown = results.slice(0, 10);
    return reply.header('cache-control', 'no-store').send({
      /** Said by the live region as the list changes. */
      status: text.picker.suggestionsCount(shown.length),
      alreadyHere: text.picker.alreadyHere,
      suggestions: shown.map(({ place, organisationId }) => ({
        key: place.key,
        name: place.name,
        summary: placeSummary(place),
        organisationId,
      })),
    });
  });

  app.post('/gestion/organisations/ajouter', create, async (request, reply) => {
    const place = formBody(request.body).place;
    try {
      const { organisation, created } = await addOrganisationFromPlace(
        deps,
        actorOf(request),
        typeof place === 'string' ? place : '',
      );
      if (created) setFlash(reply, text.createdFromGazetteer);
      return reply.redirect(`/gestion/organisations/${organisation.id}`, 303);
    } catch (error) {
      if (error instanceof RuleError) return renderPicker(request, reply, '', error.message);
      throw error;
    }
  });

  app.get('/gestion/organisations/nouvelle', create, (request, reply) =>
    renderForm(request, reply, null, emptyOrganisationValues(), {}, 200),
  );

  app.post('/gestion/organisations', create, (request, reply) =>
    saveForm(request, reply, null, (actor, form) => createOrganisation(deps, actor, form)),
  );

  app.get('/gestion/organisations/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getOrganisation(deps, actorOf(request), id);
    return renderForm(
      request,
      reply,
      details,
      organisationFormValues(details.organisation, details.contacts),
      {},
      200,
    );
  });

  app.post('/gestion/organisations/:id', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getOrganisation(deps, actorOf(request), id);
    return saveForm(request, reply, details, (actor, form) => updateOrganisation(deps, actor, id, form));
  });

  const renderDelete = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: string | null,
    status: number,
  ) => {
    const plan = await planOrganisationDeletion(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <DeleteOrganisationView frame={frame} plan={plan} error={error} />, status);
  };

  app.get('/gestion/organisations/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return renderDelete(request, reply, id, null, 200);
  });

  app.post('/gestion/organisations/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    try {
      await deleteOrganisation(deps, actorOf(request), id);
    } catch (error) {
      if (error instanceof RuleError) return renderDelete(request, reply, id, error.message, 400);
      throw error;
    }
    setFlash(reply, text.deleted);
    return reply.redirect('/gestion/organisations', 303);
  });

  app.get('/gestion/organisations/:id/historique', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return sendRecordHistory(deps, request, reply, {
      type: ORGANISATION_RECORD_TYPE,
      id,
      backHref: `/gestion/organisations/${id}`,
      currentTitle: async () => (await getOrganisation(deps, actorOf(request), id)).organisation.name,
    });
  });
}
