import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { Media } from '../../db/schema.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { RuleError } from '../../platform/errors-typed.js';
import { setFlash } from '../../platform/flash.js';
import { type FieldErrors, formBody, parseForm, refusalOf, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import { readUploadForm, uploadedFileOf } from '../../platform/uploads.js';
import type { StaleSave } from '../../platform/versions.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { MAX_UPLOAD_BYTES } from './media.images.js';
import {
  type MediaField,
  type MediaForm,
  mediaFields,
  mediaFormSchema,
  mediaTextFields,
} from './media.schemas.js';
import {
  checkUpload,
  deleteMedia,
  getMedia,
  listIdentityRolesOfMedia,
  listMedia,
  listPagesUsingMedia,
  mayEditMedia,
  planMediaDeletion,
  previewFile,
  updateMedia,
  uploadMedia,
} from './media.service.js';
import {
  DeleteMediaView,
  EditMediaView,
  emptyMediaFormValues,
  type MediaFormValues,
  MediaListView,
  mediaFormValues,
  UploadMediaView,
} from './media.views.js';

const text = messages.media;

export function registerMediaRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'content.read' as const } };
  const withPermission = (permission: 'content.edit' | 'content.delete') => ({
    config: { permission },
  });

  const renderUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: MediaFormValues,
    errors: FieldErrors<MediaField | 'media'>,
    status: number,
  ) => {
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <UploadMediaView frame={frame} values={values} errors={errors} />, status);
  };

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    media: Media,
    values: MediaFormValues,
    errors: FieldErrors<MediaField | 'media'>,
    status: number,
    stale?: StaleSave,
  ) => {
    const actor = actorOf(request);
    const usedBy = await listPagesUsingMedia(deps, actor, media);
    const identityRoles = await listIdentityRolesOfMedia(deps, actor, media);
    const canEdit = mayEditMedia(actor, usedBy);
    const readOnlyNotice = canEdit
      ? null
      : roleMay(actor.role, 'content.edit')
        ? text.contributorPublished
        : text.readOnly;
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <EditMediaView
        frame={frame}
        media={media}
        values={values}
        errors={errors}
        usedBy={usedBy}
        identityRoles={identityRoles}
        can={{ edit: canEdit, delete: roleMay(actor.role, 'content.delete') }}
        readOnlyNotice={readOnlyNotice}
        stale={stale}
      />,
      status,
    );
  };

  app.get('/gestion/images', read, async (request, reply) => {
    const actor = actorOf(request);
    const items = await listMedia(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <MediaListView frame={frame} items={items} canCreate={roleMay(actor.role, 'content.create')} />,
    );
  });

  app.get('/gestion/images/nouvelle', { config: { permission: 'content.create' } }, (request, reply) =>
    renderUpload(request, reply, emptyMediaFormValues, {}, 200),
  );

  // Multipart is parsed for this route only, with tight limits: one file, a few short fields.
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: {
        fileSize: MAX_UPLOAD_BYTES,
        files: 1,
        fields: 10,
        parts: 12,
        fieldNameSize: 100,
        fieldSize: 16 * 1024,
        headerPairs: 100,
      },
    });
    scope.post(
      '/gestion/images',
      { config: { permission: 'content.create' }, preValidation: readUploadForm },
      async (request, reply) => {
        const body = formBody(request.body);
        const values = typedText(body, mediaTextFields);
        const file = uploadedFileOf(request);
        const parsed = parseForm(mediaFormSchema, body, mediaFields);
        if (!parsed.success) {
          // Every message at once: the file's too, so it is not refused only on the next try.
          const fileProblem = await checkUpload(file);
          const errors = parsed.errors;
          return renderUpload(
            request,
            reply,
            values,
            fileProblem ? { file: fileProblem, ...errors } : errors,
            400,
          );
        }
        try {
          const media = await uploadMedia(deps, actorOf(request), parsed.data, file);
          setFlash(reply, text.created);
          return reply.redirect(`/gestion/images/${media.id}`, 303);
        } catch (error) {
          if (error instanceof RuleError)
            return renderUpload(request, reply, values, { [error.field]: error.message }, 400);
          throw error;
        }
      },
    );
  });

  app.get('/gestion/images/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const media = await getMedia(deps, actorOf(request), id);
    return renderEdit(request, reply, media, mediaFormValues(media), {}, 200);
  });

  app.post('/gestion/images/:id', withPermission('content.edit'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const media = await getMedia(deps, actorOf(request), id);
    const body = formBody(request.body);
    const values = typedText(body, mediaTextFields);
    const parsed = parseForm(mediaFormSchema, body, mediaFields);
    if (!parsed.success) return renderEdit(request, reply, media, values, parsed.errors, 400);
    try {
      await updateMedia(deps, actorOf(request), media.id, parsed.data satisfies MediaForm);
      setFlash(reply, text.saved);
      return reply.redirect(`/gestion/images/${media.id}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const kept = { ...values, ...refusal.values };
      return renderEdit(request, reply, media, kept, refusal.errors, refusal.status, refusal.stale);
    }
  });

  /** The small preview of the back office's lists and forms (the public site has /medias/…). */
  app.get('/gestion/images/:id/apercu', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const media = await getMedia(deps, actorOf(request), id);
    const preview = previewFile(media);
    // Like every back-office answer, never stored (accounts.hooks marks it private).
    return reply
      .type(preview.mimeType)
      .header('x-content-type-options', 'nosniff')
      .send(deps.storage.read(preview.key));
  });

  const renderDelete = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: string | null,
    status: number,
  ) => {
    const plan = await planMediaDeletion(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <DeleteMediaView frame={frame} plan={plan} error={error} />, status);
  };

  app.get(
    '/gestion/images/:id/supprimer',
    { config: { permission: 'content.delete' } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return renderDelete(request, reply, id, null, 200);
    },
  );

  app.post('/gestion/images/:id/supprimer', withPermission('content.delete'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    try {
      await deleteMedia(deps, actorOf(request), id);
      setFlash(reply, text.deleted);
      return reply.redirect('/gestion/images', 303);
    } catch (error) {
      if (error instanceof RuleError) return renderDelete(request, reply, id, error.message, 400);
      throw error;
    }
  });

  app.get('/gestion/images/:id/historique', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return sendRecordHistory(deps, request, reply, {
      type: 'media',
      id,
      backHref: `/gestion/images/${id}`,
      currentTitle: async () => (await getMedia(deps, actorOf(request), id)).name,
    });
  });
}
