import { createHash } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import type { Document } from '../../db/schema.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { matchesEtag } from '../../platform/cache-control.js';
import { RuleError } from '../../platform/errors-typed.js';
import { setFlash } from '../../platform/flash.js';
import { type FieldErrors, formBody, parseForm, refusalOf, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { recordIdOf } from '../../platform/params.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import { readUploadForm, uploadedFileOf } from '../../platform/uploads.js';
import type { StaleSave } from '../../platform/versions.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import {
  type DocumentField,
  documentFields,
  documentFormSchema,
  documentTextFields,
} from './documents.schemas.js';
import {
  checkDocumentUpload,
  deleteDocument,
  documentFileName,
  findPublicDocumentFile,
  getDocument,
  listDocuments,
  listPagesUsingDocument,
  MAX_DOCUMENT_BYTES,
  mayEditDocument,
  updateDocument,
  uploadDocument,
} from './documents.service.js';
import {
  DeleteDocumentView,
  type DocumentFormValues,
  DocumentsListView,
  documentFormValues,
  EditDocumentView,
  emptyDocumentFormValues,
  UploadDocumentView,
} from './documents.views.js';

const text = messages.documents;
const fileParams = z.object({ id: z.uuid(), file: z.string().max(200) });

/** As images: caches may keep a file five minutes, then ask again (a trashed one answers 404). */
const DOCUMENT_CACHE_CONTROL = 'public, max-age=300, must-revalidate';

export function registerDocumentRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'content.read' as const } };

  /**
   * A document's file, for anyone while it is live: downloaded (never shown in the site's own
   * origin, where a crafted PDF or office file could run), under its name, its type as its bytes
   * said when it was sent, and never sniffed.
   */
  app.get('/documents/:id/:file', async (request, reply) => {
    const params = fileParams.safeParse(request.params);
    const document = params.success
      ? await findPublicDocumentFile(deps.db, workspaceOf(request).id, params.data.id, params.data.file)
      : null;
    if (!document) return reply.callNotFound();
    const etag = `"${createHash('sha256').update(document.storage_key).digest('base64url').slice(0, 32)}"`;
    const fileName = documentFileName(document);
    reply
      .header('cache-control', DOCUMENT_CACHE_CONTROL)
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-disposition',
        `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      );
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(document.mime_type).send(deps.storage.read(document.storage_key));
  });

  app.get('/gestion/documents', read, async (request, reply) => {
    const actor = actorOf(request);
    const documents = await listDocuments(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <DocumentsListView
        frame={frame}
        documents={documents}
        canCreate={roleMay(actor.role, 'content.create')}
      />,
    );
  });

  const renderUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: DocumentFormValues,
    errors: FieldErrors<DocumentField>,
    status: number,
  ) => {
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <UploadDocumentView frame={frame} values={values} errors={errors} />, status);
  };

  app.get('/gestion/documents/nouveau', { config: { permission: 'content.create' } }, (request, reply) =>
    renderUpload(request, reply, emptyDocumentFormValues, {}, 200),
  );

  // Multipart for this route only: one file of 20 MB at most, a few short fields.
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: {
        fileSize: MAX_DOCUMENT_BYTES,
        files: 1,
        fields: 10,
        parts: 12,
        fieldNameSize: 100,
        fieldSize: 16 * 1024,
        headerPairs: 100,
      },
    });
    scope.post(
      '/gestion/documents',
      {
        config: { permission: 'content.create' },
        preValidation: readUploadForm,
        bodyLimit: MAX_DOCUMENT_BYTES + 1024 * 1024,
      },
      async (request, reply) => {
        const body = formBody(request.body);
        const values = typedText(body, documentTextFields);
        const file = uploadedFileOf(request);
        const parsed = parseForm(documentFormSchema, body, documentFields);
        if (!parsed.success) {
          const fileProblem = await checkDocumentUpload(file);
          return renderUpload(
            request,
            reply,
            values,
            fileProblem ? { file: fileProblem, ...parsed.errors } : parsed.errors,
            400,
          );
        }
        try {
          const document = await uploadDocument(deps, actorOf(request), parsed.data, file);
          setFlash(reply, text.created);
          return reply.redirect(`/gestion/documents/${document.id}`, 303);
        } catch (error) {
          if (error instanceof RuleError)
            return renderUpload(request, reply, values, { [error.field]: error.message }, 400);
          throw error;
        }
      },
    );
  });

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    document: Document,
    values: DocumentFormValues,
    errors: FieldErrors<DocumentField | 'document'>,
    status: number,
    stale?: StaleSave,
  ) => {
    const actor = actorOf(request);
    const usedBy = await listPagesUsingDocument(deps, actor, document);
    const canEdit = mayEditDocument(actor, usedBy);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <EditDocumentView
        frame={frame}
        document={document}
        values={values}
        errors={errors}
        usedBy={usedBy}
        can={{ edit: canEdit, delete: roleMay(actor.role, 'content.delete') }}
        readOnlyNotice={
          canEdit ? null : roleMay(actor.role, 'content.edit') ? text.contributorPublished : text.readOnly
        }
        stale={stale}
      />,
      status,
    );
  };

  app.get('/gestion/documents/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const document = await getDocument(deps, actorOf(request), id);
    return renderEdit(request, reply, document, documentFormValues(document), {}, 200);
  });

  app.post('/gestion/documents/:id', { config: { permission: 'content.edit' } }, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const document = await getDocument(deps, actorOf(request), id);
    const body = formBody(request.body);
    const values = typedText(body, documentTextFields);
    const parsed = parseForm(documentFormSchema, body, documentFields);
    if (!parsed.success) return renderEdit(request, reply, document, values, parsed.errors, 400);
    try {
      await updateDocument(deps, actorOf(request), id, parsed.data);
      setFlash(reply, text.saved);
      return reply.redirect(`/gestion/documents/${id}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const kept = { ...values, ...refusal.values };
      return renderEdit(request, reply, document, kept, refusal.errors, refusal.status, refusal.stale);
    }
  });

  const renderDelete = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: string | null,
    status: number,
  ) => {
    const actor = actorOf(request);
    const document = await getDocument(deps, actor, id);
    const usedBy = await listPagesUsingDocument(deps, actor, document);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <DeleteDocumentView frame={frame} document={document} usedBy={usedBy} error={error} />,
      status,
    );
  };

  app.get(
    '/gestion/documents/:id/supprimer',
    { config: { permission: 'content.delete' } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return renderDelete(request, reply, id, null, 200);
    },
  );

  app.post(
    '/gestion/documents/:id/supprimer',
    { config: { permission: 'content.delete' } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      try {
        await deleteDocument(deps, actorOf(request), id);
        setFlash(reply, text.deleted);
        return reply.redirect('/gestion/documents', 303);
      } catch (error) {
        if (error instanceof RuleError) return renderDelete(request, reply, id, error.message, 409);
        throw error;
      }
    },
  );

  app.get('/gestion/documents/:id/historique', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return sendRecordHistory(deps, request, reply, {
      type: 'document',
      id,
      backHref: `/gestion/documents/${id}`,
      currentTitle: async () => (await getDocument(deps, actorOf(request), id)).title,
    });
  });
}
