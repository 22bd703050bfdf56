import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { Convention } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { RuleError } from '../../platform/errors-typed.js';
import { setFlash } from '../../platform/flash.js';
import { formBody, parseForm, refusalOf, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import { readUploadForm, uploadedFileOf, withUploads } from '../../platform/uploads.js';
import type { StaleSave } from '../../platform/versions.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { MAX_DOCUMENT_BYTES } from '../documents/documents.service.js';
import { getPartnership, type PartnershipRow } from '../partnerships/partnerships.service.js';
import { type ConventionForm, conventionFields, conventionFormSchema } from './conventions.schemas.js';
import {
  attachSignedDocument,
  CONVENTION_RECORD_TYPE,
  type ConventionDetails,
  conventionChoices,
  createConvention,
  defaultParties,
  deleteConvention,
  getConvention,
  updateConvention,
} from './conventions.service.js';
import {
  type ConventionFormValues,
  ConventionPageView,
  conventionFormValues,
  DeleteConventionView,
} from './conventions.views.js';

const text = messages.conventions;

export function registerConventionRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'partnerships.read' as const } };
  const create = { config: { permission: 'content.create' as const } };
  const edit = { config: { permission: 'content.edit' as const } };
  const remove = { config: { permission: 'content.delete' as const } };

  const renderPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRow,
    details: ConventionDetails | null,
    values: ConventionFormValues | null,
    errors: Record<string, string>,
    status: number,
    stale?: StaleSave,
  ) => {
    const actor = actorOf(request);
    const mayEdit = roleMay(actor.role, details ? 'content.edit' : 'content.create');
    const choices = mayEdit ? await conventionChoices(deps, actor) : { organisations: [], documents: [] };
    const shown =
      values ??
      (details
        ? conventionFormValues(details.convention, details.parties, details.amendments)
        : conventionFormValues(null, defaultParties(partnership), []));
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <ConventionPageView
        frame={frame}
        partnership={partnership}
        details={details}
        values={shown}
        errors={errors}
        choices={choices}
        can={{ edit: mayEdit, delete: roleMay(actor.role, 'content.delete') }}
        stale={stale}
      />,
      status,
    );
  };

  const saveForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRow,
    details: ConventionDetails | null,
    save: (actor: Actor, form: ConventionForm) => Promise<Convention>,
  ) => {
    const body = formBody(request.body);
    const values = typedText(body, conventionFields);
    const parsed = parseForm(conventionFormSchema, body, conventionFields);
    if (!parsed.success)
      return renderPage(
        request,
        reply,
        partnership,
        details,
        values,
        parsed.errors as Record<string, string>,
        400,
      );
    let saved: Convention;
    try {
      saved = await save(actorOf(request), parsed.data);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return renderPage(
        request,
        reply,
        partnership,
        details,
        { ...values, ...refusal.values },
        refusal.errors,
        refusal.status,
        refusal.stale,
      );
    }
    setFlash(reply, details ? text.saved : text.created);
    return reply.redirect(`/gestion/conventions/${saved.id}`, 303);
  };

  app.get('/gestion/partenariats/:id/conventions/nouvelle', create, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const partnership = await getPartnership(deps, actorOf(request), id);
    return renderPage(request, reply, partnership, null, null, {}, 200);
  });

  app.post('/gestion/partenariats/:id/conventions', create, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const partnership = await getPartnership(deps, actorOf(request), id);
    return saveForm(request, reply, partnership, null, (actor, form) =>
      createConvention(deps, actor, id, form),
    );
  });

  app.get('/gestion/conventions/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getConvention(deps, actorOf(request), id);
    return renderPage(request, reply, details.partnership, details, null, {}, 200);
  });

  app.post('/gestion/conventions/:id', edit, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getConvention(deps, actorOf(request), id);
    return saveForm(request, reply, details.partnership, details, (actor, form) =>
      updateConvention(deps, actor, id, form),
    );
  });

  withUploads(app, MAX_DOCUMENT_BYTES, (scope) =>
    scope.post(
      '/gestion/conventions/:id/document',
      {
        config: { permission: 'content.edit' as const },
        preValidation: readUploadForm,
        bodyLimit: MAX_DOCUMENT_BYTES + 1024 * 1024,
      },
      async (request, reply) => {
        const id = recordIdOf(request);
        if (!id) return reply.callNotFound();
        try {
          await attachSignedDocument(deps, actorOf(request), id, uploadedFileOf(request));
        } catch (error) {
          if (!(error instanceof RuleError)) throw error;
          const details = await getConvention(deps, actorOf(request), id);
          return renderPage(request, reply, details.partnership, details, null, { file: error.message }, 400);
        }
        setFlash(reply, text.documentAttached);
        return reply.redirect(`/gestion/conventions/${id}`, 303);
      },
    ),
  );

  app.get('/gestion/conventions/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getConvention(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <DeleteConventionView frame={frame} details={details} />);
  });

  app.post('/gestion/conventions/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const partnershipId = await deleteConvention(deps, actorOf(request), id);
    setFlash(reply, text.deleted);
    return reply.redirect(`/gestion/partenariats/${partnershipId}`, 303);
  });

  app.get(
    '/gestion/conventions/:id/historique',
    { config: { permission: 'content.read' as const } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return sendRecordHistory(deps, request, reply, {
        type: CONVENTION_RECORD_TYPE,
        id,
        backHref: `/gestion/conventions/${id}`,
        currentTitle: async () => (await getConvention(deps, actorOf(request), id)).convention.title,
      });
    },
  );
}
