import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import { setFlash } from '../../platform/flash.js';
import { formBody, parseForm, refusalOf, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import { type RenderForm, saveRecordForm } from '../../platform/record-form.js';
import { readUploadForm, uploadedFileOf, withUploads } from '../../platform/uploads.js';
import { openedVersionSchema } from '../../platform/versions.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { checkUpload, MAX_UPLOAD_BYTES } from '../media/media.service.js';
import { getProject, type ProjectDetails } from '../projects/projects.service.js';
import {
  photoFields,
  photoFormSchema,
  photoTextFields,
  returnFields,
  returnFormSchema,
  updateFields,
  updateFormSchema,
} from './project-updates.schemas.js';
import {
  addUpdatePhoto,
  changeUpdate,
  deleteUpdate,
  getUpdate,
  proposeUpdate,
  publishUpdate,
  removeUpdatePhoto,
  returnUpdate,
  UPDATE_RECORD_TYPE,
  type UpdateDetails,
} from './project-updates.service.js';
import {
  DeleteUpdateView,
  emptyUpdateValues,
  UpdatePageView,
  updateFormValues,
} from './project-updates.views.js';

const text = messages.projectUpdates;

export function registerProjectUpdateRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'partnerships.read' as const } };
  const propose = { config: { permission: 'updates.propose' as const } };
  const publish = { config: { permission: 'content.publish' as const } };
  const remove = { config: { permission: 'content.delete' as const } };

  const pageOf =
    (
      request: FastifyRequest,
      reply: FastifyReply,
      project: ProjectDetails,
      details: UpdateDetails | null,
      returnValues?: Record<string, string>,
      photoValues?: Record<string, string>,
    ): RenderForm =>
    async (values, errors, status, stale) => {
      const frame = await buildAdminFrame(deps, request, reply);
      return sendHtml(
        reply,
        <UpdatePageView
          frame={frame}
          project={project}
          details={details}
          values={values}
          errors={errors}
          returnValues={returnValues}
          photoValues={photoValues}
          stale={stale}
        />,
        status,
      );
    };

  app.get('/gestion/projets/:id/actualites/nouvelle', propose, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const project = await getProject(deps, actorOf(request), id);
    return pageOf(request, reply, project, null)(emptyUpdateValues(project), {}, 200);
  });

  app.post('/gestion/projets/:id/actualites', propose, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const project = await getProject(deps, actorOf(request), id);
    return saveRecordForm(request, reply, {
      schema: updateFormSchema,
      fields: updateFields,
      render: pageOf(request, reply, project, null),
      save: (form) => proposeUpdate(deps, actorOf(request), id, form),
      done: (saved) => ({ notice: text.proposed, href: `/gestion/actualites/${saved.id}` }),
    });
  });

  app.get('/gestion/actualites/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getUpdate(deps, actorOf(request), id);
    return pageOf(request, reply, details.project, details)(updateFormValues(details), {}, 200);
  });

  app.post('/gestion/actualites/:id', propose, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getUpdate(deps, actorOf(request), id);
    return saveRecordForm(request, reply, {
      schema: updateFormSchema,
      fields: updateFields,
      render: pageOf(request, reply, details.project, details),
      save: (form) => changeUpdate(deps, actorOf(request), id, form),
      done: (saved) => ({ notice: text.saved, href: `/gestion/actualites/${saved.id}` }),
    });
  });

  // A photo of the news, sent with its texts as a multipart form (read before the CSRF check).
  withUploads(app, MAX_UPLOAD_BYTES, (scope) => {
    scope.post(
      '/gestion/actualites/:id/photos',
      { ...propose, preValidation: readUploadForm },
      async (request, reply) => {
        const id = recordIdOf(request);
        if (!id) return reply.callNotFound();
        const details = await getUpdate(deps, actorOf(request), id);
        const body = formBody(request.body);
        const values = typedText(body, photoTextFields);
        const file = uploadedFileOf(request);
        const again = (errors: Record<string, string>) =>
          pageOf(
            request,
            reply,
            details.project,
            details,
            undefined,
            values,
          )(updateFormValues(details), errors, 400);
        const parsed = parseForm(photoFormSchema, body, photoFields);
        if (!parsed.success) {
          // Every message at once: the file's too, so it is not refused only on the next try.
          const fileProblem = await checkUpload(file);
          return again(fileProblem ? { file: fileProblem, ...parsed.errors } : parsed.errors);
        }
        try {
          await addUpdatePhoto(deps, actorOf(request), id, parsed.data, file);
        } catch (error) {
          const refusal = refusalOf(error);
          if (!refusal) throw error;
          return again(refusal.errors);
        }
        setFlash(reply, text.photoAdded);
        return reply.redirect(`/gestion/actualites/${id}`, 303);
      },
    );
  });

  app.post('/gestion/actualites/:id/photos/retirer', propose, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const mediaId = z.uuid().safeParse(formBody(request.body).media_id);
    if (!mediaId.success) return reply.callNotFound();
    await removeUpdatePhoto(deps, actorOf(request), id, mediaId.data);
    setFlash(reply, text.photoRemoved);
    return reply.redirect(`/gestion/actualites/${id}`, 303);
  });

  app.post('/gestion/actualites/:id/publier', publish, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getUpdate(deps, actorOf(request), id);
    const version = openedVersionSchema.parse(formBody(request.body).version);
    try {
      await publishUpdate(deps, actorOf(request), id, version);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const fresh = await getUpdate(deps, actorOf(request), id);
      return pageOf(request, reply, details.project, fresh)(
        updateFormValues(fresh),
        refusal.errors,
        refusal.status,
        refusal.stale,
      );
    }
    setFlash(reply, text.published);
    return reply.redirect(`/gestion/projets/${details.project.project.id}`, 303);
  });

  app.post('/gestion/actualites/:id/renvoyer', publish, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getUpdate(deps, actorOf(request), id);
    const body = formBody(request.body);
    const typed = typedText(body, returnFields);
    const parsed = parseForm(returnFormSchema, body, returnFields);
    const again = (errors: Record<string, string>, status: number) =>
      pageOf(request, reply, details.project, details, typed)(updateFormValues(details), errors, status);
    if (!parsed.success) return again(parsed.errors as Record<string, string>, 400);
    try {
      await returnUpdate(deps, actorOf(request), id, parsed.data);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return again(refusal.errors, refusal.status);
    }
    setFlash(reply, text.returned);
    return reply.redirect(`/gestion/actualites/${id}`, 303);
  });

  app.get('/gestion/actualites/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const details = await getUpdate(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <DeleteUpdateView frame={frame} details={details} />);
  });

  app.post('/gestion/actualites/:id/supprimer', remove, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const projectId = await deleteUpdate(deps, actorOf(request), id);
    setFlash(reply, text.deleted);
    return reply.redirect(`/gestion/projets/${projectId}`, 303);
  });

  app.get(
    '/gestion/actualites/:id/historique',
    { config: { permission: 'content.read' as const } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return sendRecordHistory(deps, request, reply, {
        type: UPDATE_RECORD_TYPE,
        id,
        backHref: `/gestion/actualites/${id}`,
        currentTitle: async () => (await getUpdate(deps, actorOf(request), id)).update.title,
      });
    },
  );
}
