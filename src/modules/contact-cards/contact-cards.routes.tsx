import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import type { ContactCard } from '../../db/schema.js';
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
import { type ContactCardForm, contactCardFields, contactCardFormSchema } from './contact-cards.schemas.js';
import {
  CONTACT_CARD_RECORD_TYPE,
  createContactCard,
  deleteContactCard,
  getContactCard,
  listContactCards,
  planContactCardDeletion,
  updateContactCard,
} from './contact-cards.service.js';
import {
  type ContactCardFormValues,
  ContactCardFormView,
  ContactCardsListView,
  contactCardFormValues,
  DeleteContactCardView,
  emptyContactCardValues,
} from './contact-cards.views.js';

const text = messages.contactCards;

export function registerContactCardRoutes(app: FastifyInstance, deps: AppServices): void {
  const read = { config: { permission: 'content.read' as const } };
  // A card is public as soon as it is saved: creating or changing one needs the right to publish.
  const withPermission = (permission: 'content.publish' | 'content.delete') => ({
    config: { permission },
  });

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    card: ContactCard | null,
    values: ContactCardFormValues,
    errors: Record<string, string>,
    status: number,
    stale?: StaleSave,
  ) => {
    const actor = actorOf(request);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <ContactCardFormView
        frame={frame}
        card={card}
        values={values}
        errors={errors}
        can={{ edit: roleMay(actor.role, 'content.publish'), delete: roleMay(actor.role, 'content.delete') }}
        stale={stale}
      />,
      status,
    );
  };

  /** Saves a form, or shows it again with the messages beside the fields and what was typed. */
  const saveForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    card: ContactCard | null,
    save: (actor: Actor, form: ContactCardForm) => Promise<ContactCard>,
  ) => {
    const body = formBody(request.body);
    const values = typedText(body, contactCardFields);
    const parsed = parseForm(contactCardFormSchema, body, contactCardFields);
    if (!parsed.success) return renderForm(request, reply, card, values, parsed.errors, 400);
    let saved: ContactCard;
    try {
      saved = await save(actorOf(request), parsed.data);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const kept = { ...values, ...refusal.values };
      return renderForm(request, reply, card, kept, refusal.errors, refusal.status, refusal.stale);
    }
    setFlash(reply, card ? text.saved : text.created);
    return reply.redirect(`/gestion/contacts/${saved.id}`, 303);
  };

  app.get('/gestion/contacts', read, async (request, reply) => {
    const actor = actorOf(request);
    const items = await listContactCards(deps, actor);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <ContactCardsListView frame={frame} items={items} canCreate={roleMay(actor.role, 'content.publish')} />,
    );
  });

  app.get('/gestion/contacts/nouvelle', { config: { permission: 'content.publish' } }, (request, reply) =>
    renderForm(request, reply, null, emptyContactCardValues, {}, 200),
  );

  app.post('/gestion/contacts', withPermission('content.publish'), (request, reply) =>
    saveForm(request, reply, null, (actor, form) => createContactCard(deps, actor, form)),
  );

  app.get('/gestion/contacts/:id', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const card = await getContactCard(deps, actorOf(request), id);
    return renderForm(request, reply, card, contactCardFormValues(card), {}, 200);
  });

  app.post('/gestion/contacts/:id', withPermission('content.publish'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    const card = await getContactCard(deps, actorOf(request), id);
    return saveForm(request, reply, card, (actor, form) => updateContactCard(deps, actor, card.id, form));
  });

  const renderDelete = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: string | null,
    status: number,
  ) => {
    const plan = await planContactCardDeletion(deps, actorOf(request), id);
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(reply, <DeleteContactCardView frame={frame} plan={plan} error={error} />, status);
  };

  app.get(
    '/gestion/contacts/:id/supprimer',
    { config: { permission: 'content.delete' } },
    async (request, reply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      return renderDelete(request, reply, id, null, 200);
    },
  );

  app.post('/gestion/contacts/:id/supprimer', withPermission('content.delete'), async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    try {
      await deleteContactCard(deps, actorOf(request), id);
    } catch (error) {
      if (error instanceof RuleError) return renderDelete(request, reply, id, error.message, 400);
      throw error;
    }
    setFlash(reply, text.deleted);
    return reply.redirect('/gestion/contacts', 303);
  });

  app.get('/gestion/contacts/:id/historique', read, async (request, reply) => {
    const id = recordIdOf(request);
    if (!id) return reply.callNotFound();
    return sendRecordHistory(deps, request, reply, {
      type: CONTACT_CARD_RECORD_TYPE,
      id,
      backHref: `/gestion/contacts/${id}`,
      currentTitle: async () => (await getContactCard(deps, actorOf(request), id)).service_name,
    });
  });
}
