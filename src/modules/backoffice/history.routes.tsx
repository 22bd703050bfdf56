import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { sendHtml } from '../../platform/html.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from './backoffice.service.js';
import { loadHistory } from './history.service.js';
import { HistoryView } from './history.views.js';

/**
 * The history page of one record. Its title is `title` when given, else the record's latest name
 * in the trail; a record with no event yet (loaded with the demo) asks `currentTitle`, which
 * throws NotFound for an id that is not in this workspace.
 */
export async function sendRecordHistory(
  deps: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  record: {
    type: string;
    id: string;
    backHref: string;
    title?: string;
    currentTitle?: () => Promise<string>;
    /** Where "Rétablir cette version" posts, for a record kind that offers it to this person. */
    restoreAction?: (eventId: number, earlier?: boolean) => string;
  },
) {
  const actor = actorOf(request);
  const events = await loadHistory(deps, actor.workspace, record.type, record.id);
  const title =
    record.title ??
    events.find((event) => event.label)?.label ??
    (await record.currentTitle?.()) ??
    record.id;
  const frame = await buildAdminFrame(deps, request, reply);
  return sendHtml(
    reply,
    <HistoryView
      frame={frame}
      title={title}
      backHref={record.backHref}
      events={events}
      restoreAction={record.restoreAction}
    />,
  );
}
