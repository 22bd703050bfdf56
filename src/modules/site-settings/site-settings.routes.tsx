import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { setFlash } from '../../platform/flash.js';
import { formBody, parseForm, refusalOf, typedText } from '../../platform/forms.js';
import { sendHtml } from '../../platform/html.js';
import { messages } from '../../platform/i18n/fr.js';
import type { StaleSave } from '../../platform/versions.js';
import { actorOf } from '../accounts/accounts.hooks.js';
import { buildAdminFrame } from '../backoffice/backoffice.service.js';
import { sendRecordHistory } from '../backoffice/history.routes.js';
import { listMedia } from '../media/media.service.js';
import { workspacePublicUrl } from '../workspaces/workspace.service.js';
import { buildSettingsFormSchema, settingsFields, settingsTextFields } from './site-settings.schemas.js';
import { getSiteSettings, SITE_SETTINGS_RECORD_TYPE, updateSiteSettings } from './site-settings.service.js';
import { type SettingsFormValues, SettingsView, settingsFormValues } from './site-settings.views.js';

const text = messages.settings;

/** The ticked tools as sent: nothing, one value or several. */
function typedTools(body: Record<string, unknown>): string[] {
  const tools = body.tools;
  if (typeof tools === 'string') return [tools];
  if (Array.isArray(tools)) return tools.filter((tool): tool is string => typeof tool === 'string');
  return [];
}

export function registerSiteSettingsRoutes(app: FastifyInstance, deps: AppServices): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: SettingsFormValues | null,
    errors: Record<string, string>,
    status: number,
    stale?: StaleSave,
  ) => {
    const actor = actorOf(request);
    const shown = values ?? settingsFormValues(await getSiteSettings(deps, actor));
    const frame = await buildAdminFrame(deps, request, reply);
    return sendHtml(
      reply,
      <SettingsView
        frame={frame}
        values={shown}
        errors={errors}
        canManage={roleMay(actor.role, 'settings.manage')}
        hostNames={actor.workspace.host_names}
        isDefaultWorkspace={actor.workspace.is_default}
        images={await listMedia(deps, actor)}
        stale={stale}
      />,
      status,
    );
  };

  // Every member who reads content sees the settings; only an administrator changes them.
  app.get('/gestion/parametres', { config: { permission: 'content.read' } }, (request, reply) =>
    render(request, reply, null, {}, 200),
  );

  app.post('/gestion/parametres', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const body = formBody(request.body);
    const values: SettingsFormValues = { ...typedText(body, settingsTextFields), tools: typedTools(body) };
    const actor = actorOf(request);
    const schema = buildSettingsFormSchema(workspacePublicUrl(deps.config, actor.workspace));
    const parsed = parseForm(schema, body, settingsFields);
    if (!parsed.success) return render(request, reply, values, parsed.errors, 400);
    try {
      await updateSiteSettings(deps, actor, parsed.data);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const kept = { ...values, ...refusal.values };
      return render(request, reply, kept, refusal.errors, refusal.status, refusal.stale);
    }
    setFlash(reply, text.saved);
    return reply.redirect('/gestion/parametres', 303);
  });

  app.get(
    '/gestion/parametres/historique',
    { config: { permission: 'content.read' } },
    async (request, reply) => {
      const actor = actorOf(request);
      return sendRecordHistory(deps, request, reply, {
        type: SITE_SETTINGS_RECORD_TYPE,
        id: actor.workspace.id,
        backHref: '/gestion/parametres',
        title: text.historyTitle,
      });
    },
  );
}
