import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppServices } from '../../app-services.js';
import type { Page } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { formatDateTimeFr, instantInParis } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { setFlash } from '../../platform/flash.js';
import { formBody, parseForm, refusalOf, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import { eventIdOf, recordIdOf } from '../../platform/params.js';
import { openedVersionSchema, type StaleSave } from '../../platform/versions.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { diffRecords } from '../backoffice/history.service.js';
import { listContactCards } from '../contact-cards/contact-cards.service.js';
import { pageFields, pageFormSchema } from './pages.schemas.js';
import {
  cancelScheduledPublication,
  createPage,
  deletePage,
  discardPageChanges,
  findPageDraft,
  findScheduledPublication,
  getPage,
  listPageDrafts,
  listPages,
  orderAsTree,
  pageVersionForm,
  planPageDeletion,
  planUnpublishing,
  proposePageChanges,
  publishPageChanges,
  registerPageJobs,
  returnPageChanges,
  schedulePagePublication,
  setPagePublished,
  updatePage,
  withDraft,
} from './pages.service.js';
import {
  DeletePageView,
  PageChangesView,
  type PageFormValues,
  PageFormView,
  PagesListView,
  pageFormValues,
  type ScheduleValues,
  UnpublishPageView,
} from './pages.views.js';

const text = messages.pages;

export function registerPageRoutes(app: FastifyInstance, deps: AppServices): void {
  registerPageJobs(deps);

  const read = { config: { permission: 'content.read' as const } };
  const withPermission = (
    permission: 'content.create' | 'content.edit' | 'content.publish' | 'content.delete',
  ) => ({
    config: { permission },
  });

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    page: Page | null,
    /** What the form holds; a function of the page as its form shows it (with its draft), if need be. */
    values: PageFormValues | ((shown: PageFormValues) => PageFormValues),
    errors: Record<string, string>,
    status: number,
    stale?: StaleSave,
    /** The scheduling form sent back with its messages, what was typed kept. */
    scheduleSent?: { values: ScheduleValues; errors: Record<string, string> },
  ) => {
    const actor = actorOf(request);
    const maySchedule = page !== null && page.status === 'draft' && roleMay(actor.role, 'content.publish');
    const scheduledFor = maySchedule ? await findScheduledPublication(deps, actor, page.id) : null;
    const items = await listPages(deps, actor);
    const cards = (await listContactCards(deps, actor)).map((item) => item.card);
    // A page cannot go under itself or its own descendants.
    const excluded = new Set<string>();
    if (page) {
      for (const item of items) {
        if (item.page.id === page.id || (item.page.parent_id && excluded.has(item.page.parent_id)))
          excluded.add(item.page.id);
      }
    }
    const parentChoices = items
      .filter((item) => !excluded.has(item.page.id))
      .map((item) => ({
        value: item.page.id,
        label: `${'— '.repeat(item.depth)}${item.depth === 0 ? text.fields.homeParent : item.page.title}`,
      }));
    const contactChoices = [
      { value: '', label: text.fields.noContactCard },
      ...cards.map((card) => ({ value: card.id, label: card.service_name })),
    ];
    const draft = page && page.status === 'published' ? await findPageDraft(deps, actor, page.id) : null;
    // Only an existing page's form is given as a function of what it shows.
    const formValues =
      typeof values === 'function' ? values(pageFormValues(withDraft(page!, draft))) : values;
    const canEdit = roleMay(actor.role, page ? 'content.edit' : 'content.create');
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <PageFormView
        frame={frame}
        page={page}
        path={page ? (items.find((item) => item.page.id === page.id)?.path ?? null) : null}
        values={formValues}
        errors={errors}
        parentChoices={parentChoices}
        contactChoices={contactChoices}
        isRoot={page ? page.parent_id === null : items.length === 0}
        can={{
          edit: canEdit,
          publish: roleMay(actor.role, 'content.publish'),
          delete: roleMay(actor.role, 'content.delete'),
        }}
        readOnlyNotice={canEdit ? null : text.readOnly}
        draft={draft}
        stale={stale}
        schedule={
          maySchedule
            ? {
                at: scheduledFor,
                values: scheduleSent?.values ?? { publish_date: '', publish_time: '' },
                errors: scheduleSent?.errors ?? {},
              }
            : null
        }
      />,
      status,
    );
  };

  /** Saves a form, or shows it again with the messages beside the fields and what was typed. */
  const saveForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    page: Page | null,
    save: (actor: Actor, form: z.infer<typeof pageFormSchema>, intention: string) => Promise<Page>,
  ) => {
    const body = formBody(request.body);
    const intention = typeof body.intention === 'string' ? body.intention : '';
    const values = typedText(body, pageFields);
    const parsed = parseForm(pageFormSchema, body, pageFields);
    if (!parsed.success) return renderForm(request, reply, page, values, parsed.errors, 400);
    try {
      const actor = actorOf(request);
      const saved = await save(actor, parsed.data, intention);
      if (page?.status === 'published' && intention === 'proposer') {
        await proposePageChanges(deps, actor, page.id);
        setFlash(reply, text.changesProposed);
      } else if (page?.status === 'published') {
        setFlash(reply, intention === 'publier' ? text.changesPublished : text.draftKept);
      } else setFlash(reply, page ? text.saved : text.created);
      return reply.redirect(`/gestion/pages/${saved.id}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const kept = { ...values, ...refusal.values };
      return renderForm(request, reply, page, kept, refusal.errors, refusal.status, refusal.stale);
    }
  };

  app.get('/gestion/pages', read, async (request, reply) => {
    const actor = actorOf(request);
    const items = await listPages(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <PagesListView
        frame={frame}
        items={items}
        withChanges={new Set((await listPageDrafts(deps, actor)).keys())}
        canCreate={roleMay(actor.role, 'content.create')}
      />,
    );
  });

  app.get('/gestion/pages/nouvelle', { config: { permission: 'content.create' } }, async (request, reply) => {
    const items = orderAsTree((await listPages(deps, actorOf(request))).map((item) => item.page));
    const root = items.find((item) => item.depth === 0);
    const values: PageFormValues = {
      title: '',
      slug: '',
      parent_id: root?.page.id ?? '',
      position: '0',
      summary: '',
      body_markdown: '',
      contact_card_id: '',
      version: '',
    };
    return renderForm(request, reply, null, values, {}, 200);
  });

  app.post('/gestion/pages', withPermission('content.create'), (request, reply) =>
    saveForm(request, reply, null, (actor, form) => createPage(deps, actor, form)),
  );

  app.get('/gestion/pages/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const page = await getPage(deps, actorOf(request), id);
    return renderForm(request, reply, page, (shown) => shown, {}, 200);
  });

  app.post('/gestion/pages/:id', withPermission('content.edit'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const page = await getPage(deps, actorOf(request), id);
    return saveForm(request, reply, page, (actor, form, intention) =>
      updatePage(deps, actor, page.id, form, {
        publishNow: intention === 'publier' && roleMay(actor.role, 'content.publish'),
      }),
    );
  });

  const renderChanges = async (
    request: FastifyRequest,
    reply: FastifyReply,
    page: Page,
    sent: { comment: string; error?: string } = { comment: '' },
    status = 200,
  ) => {
    const actor = actorOf(request);
    const draft = await findPageDraft(deps, actor, page.id);
    const drafted = withDraft(page, draft);
    // Both versions as a reader knows them: the parent and the contact card by their names.
    const titles = new Map((await listPages(deps, actor)).map((item) => [item.page.id, item.page.title]));
    const cards = new Map(
      (await listContactCards(deps, actor)).map((item) => [item.card.id, item.card.service_name]),
    );
    const readable = (version: Page) => ({
      ...pageFormValues(version),
      parent_id: titles.get(version.parent_id ?? '') ?? '',
      contact_card_id: cards.get(version.contact_card_id ?? '') ?? '',
    });
    const changes = draft ? diffRecords(readable(page), readable(drafted)) : [];
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <PageChangesView
        frame={frame}
        page={drafted}
        draft={draft}
        changes={changes}
        can={{
          edit: roleMay(actor.role, 'content.edit'),
          publish: roleMay(actor.role, 'content.publish'),
          delete: roleMay(actor.role, 'content.delete'),
        }}
        comment={sent.comment}
        commentError={sent.error}
      />,
      status,
    );
  };

  /** The review of a published page's unpublished changes: differences, preview, decision. */
  app.get('/gestion/pages/:id/modifications', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return renderChanges(request, reply, await getPage(deps, actorOf(request), id));
  });

  /** Runs a decision on a page's unpublished changes, or shows the page's form with the refusal. */
  const decide = async (
    request: FastifyRequest,
    reply: FastifyReply,
    act: (actor: Actor, page: Page, openedVersion: number) => Promise<unknown>,
    done: string,
  ) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const actor = actorOf(request);
    const page = await getPage(deps, actor, id);
    const openedVersion = openedVersionSchema.parse(formBody(request.body).version);
    try {
      await act(actor, page, openedVersion);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const current = await getPage(deps, actor, id);
      const kept = (shown: PageFormValues) => ({ ...shown, ...refusal.values });
      return renderForm(request, reply, current, kept, refusal.errors, refusal.status, refusal.stale);
    }
    setFlash(reply, done);
    return reply.redirect(`/gestion/pages/${id}`, 303);
  };

  app.post('/gestion/pages/:id/publier-modifications', withPermission('content.publish'), (request, reply) =>
    decide(
      request,
      reply,
      (actor, page, version) => publishPageChanges(deps, actor, page.id, version),
      text.changesPublished,
    ),
  );

  app.post('/gestion/pages/:id/abandonner-modifications', withPermission('content.edit'), (request, reply) =>
    decide(
      request,
      reply,
      (actor, page, version) => discardPageChanges(deps, actor, page.id, version),
      text.changesDiscarded,
    ),
  );

  app.post('/gestion/pages/:id/proposer', withPermission('content.edit'), (request, reply) =>
    decide(request, reply, (actor, page) => proposePageChanges(deps, actor, page.id), text.changesProposed),
  );

  app.post('/gestion/pages/:id/renvoyer', withPermission('content.publish'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const actor = actorOf(request);
    const page = await getPage(deps, actor, id);
    const comment = typedText(formBody(request.body), ['comment'] as const).comment;
    try {
      await returnPageChanges(deps, actor, id, comment);
    } catch (error) {
      if (!(error instanceof RuleError) || error.field !== 'comment') throw error;
      return renderChanges(request, reply, page, { comment, error: error.message }, 400);
    }
    setFlash(reply, text.changesReturned);
    return reply.redirect(`/gestion/pages/${id}`, 303);
  });

  app.post('/gestion/pages/:id/publier', withPermission('content.publish'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    await setPagePublished(deps, actorOf(request), id, true);
    setFlash(reply, text.published);
    return reply.redirect(`/gestion/pages/${id}`, 303);
  });

  // A draft published by the job queue at a Paris date and time.
  app.post('/gestion/pages/:id/programmer', withPermission('content.publish'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const actor = actorOf(request);
    const page = await getPage(deps, actor, id);
    const values = typedText(formBody(request.body), ['publish_date', 'publish_time'] as const);
    const date = values.publish_date.trim();
    const time = values.publish_time.trim();
    const errors: Record<string, string> = {};
    if (!instantInParis(date, '00:00')) errors.publish_date = text.errors.scheduleDateInvalid;
    if (!instantInParis('2000-01-01', time)) errors.publish_time = text.errors.scheduleTimeInvalid;
    const at = instantInParis(date, time);
    const back = (sent: Record<string, string>) =>
      renderForm(request, reply, page, pageFormValues(page), {}, 400, undefined, { values, errors: sent });
    if (!at || Object.keys(errors).length > 0) return back(errors);
    try {
      await schedulePagePublication(deps, actor, id, at);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return back(refusal.errors);
    }
    setFlash(reply, text.scheduledFor(formatDateTimeFr(at)));
    return reply.redirect(`/gestion/pages/${id}`, 303);
  });

  app.post('/gestion/pages/:id/deprogrammer', withPermission('content.publish'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    await cancelScheduledPublication(deps, actorOf(request), id);
    setFlash(reply, text.unscheduled);
    return reply.redirect(`/gestion/pages/${id}`, 303);
  });

  const renderUnpublish = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    status: number,
  ) => {
    const plan = await planUnpublishing(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <UnpublishPageView frame={frame} plan={plan} />, status);
  };

  // What unpublishing would take along, or why it cannot be done, before it is done.
  app.get('/gestion/pages/:id/depublier', withPermission('content.publish'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return renderUnpublish(request, reply, id, 200);
  });

  /**
   * Unpublishes at once a page with nothing to tell; one with published sub-pages only once the
   * confirmation page was seen (`confirmer=oui`); none that a published page links to.
   */
  app.post('/gestion/pages/:id/depublier', withPermission('content.publish'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const plan = await planUnpublishing(deps, actorOf(request), id);
    if (plan.linkedFrom.length > 0) return renderUnpublish(request, reply, id, 409);
    const confirmed = formBody(request.body).confirmer === 'oui';
    if (plan.publishedChildren.length > 0 && !confirmed) return renderUnpublish(request, reply, id, 200);
    try {
      const changed = await setPagePublished(deps, actorOf(request), id, false);
      setFlash(
        reply,
        changed.length > 1 ? text.unpublishedWithChildren(changed.length - 1) : text.unpublished,
      );
    } catch (error) {
      // A link added meanwhile: the plan, read again, says which.
      if (error instanceof RuleError) return renderUnpublish(request, reply, id, 409);
      throw error;
    }
    return reply.redirect(`/gestion/pages/${id}`, 303);
  });

  const renderDelete = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: string | null,
    status: number,
  ) => {
    try {
      const plan = await planPageDeletion(deps, actorOf(request), id);
      const frame = await buildAdminFrame(deps, request, reply);
      return sendHtml(reply, <DeletePageView frame={frame} plan={plan} error={error} />, status);
    } catch (caught) {
      if (!(caught instanceof RuleError)) throw caught;
      // The home page: back to its form with the reason.
      const page = await getPage(deps, actorOf(request), id);
      return renderForm(request, reply, page, pageFormValues(page), { page: caught.message }, 400);
    }
  };

  app.get(
    '/gestion/pages/:id/supprimer',
    { config: { permission: 'content.delete' } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return renderDelete(request, reply, id, null, 200);
    },
  );

  app.post('/gestion/pages/:id/supprimer', withPermission('content.delete'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    try {
      const count = await deletePage(deps, actorOf(request), id);
      setFlash(reply, text.deleted(count));
      return reply.redirect('/gestion/pages', 303);
    } catch (error) {
      if (error instanceof RuleError) return renderDelete(request, reply, id, error.message, 400);
      throw error;
    }
  });

  app.get('/gestion/pages/:id/historique', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const actor = actorOf(request);
    // A page in the trash, or purged, keeps its history, without restoring.
    const page = await getPage(deps, actor, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    return sendRecordHistory(deps, request, reply, {
      type: 'page',
      id,
      backHref: `/gestion/pages/${id}`,
      currentTitle: async () => (page ?? (await getPage(deps, actor, id))).title,
      restoreAction:
        page && roleMay(actor.role, 'content.edit')
          ? (eventId, earlier) =>
              `/gestion/pages/${id}/historique/${eventId}/${earlier ? 'retablir-avant' : 'retablir'}`
          : undefined,
    });
  });

  /**
   * An earlier version saved again: the one a change left (`retablir`) or, for the oldest change
   * of the trail, the one it found (`retablir-avant`). Refused by a rule (its address taken since,
   * its parent deleted…), it is shown in the form with the message beside the field, ready to save.
   */
  const restoreVersion = (earlier: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = recordIdOf(request);
    const eventId = eventIdOf(request);
    if (!id || !eventId) return reply.callNotFound();
    const actor = actorOf(request);
    const page = await getPage(deps, actor, id);
    const { form, at } = await pageVersionForm(deps, actor, page, eventId, earlier);
    try {
      const saved = await updatePage(deps, actor, id, form, { auditAction: 'restore_version' });
      setFlash(
        reply,
        saved.version === page.version
          ? text.versionAlreadyCurrent
          : page.status === 'published'
            ? text.versionRestoredAsDraft(formatDateTimeFr(at))
            : text.versionRestored(formatDateTimeFr(at)),
      );
      return reply.redirect(`/gestion/pages/${id}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const values = { ...pageFormValues({ ...page, ...form, version: page.version }), ...refusal.values };
      return renderForm(request, reply, page, values, refusal.errors, refusal.status, refusal.stale);
    }
  };
  app.post(
    '/gestion/pages/:id/historique/:eventId/retablir',
    withPermission('content.edit'),
    restoreVersion(false),
  );
  app.post(
    '/gestion/pages/:id/historique/:eventId/retablir-avant',
    withPermission('content.edit'),
    restoreVersion(true),
  );
}
