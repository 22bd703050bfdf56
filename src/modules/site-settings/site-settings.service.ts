import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { type SiteSettings, toolKinds, type Workspace } from '../../db/schema.js';
import { insertAuditEvent } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { defaultMiscLinks } from '../content/content.service.js';
import {
  type EditableSettingsFields,
  findHostNamesTakenElsewhere,
  findSettingsRow,
  findWorkspaceForUpdate,
  updateWorkspaceHostNames,
  upsertSettingsRow,
} from './site-settings.repo.js';
import type { SettingsForm } from './site-settings.schemas.js';

export interface SiteSettingsDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl'>;
}

export const SITE_SETTINGS_RECORD_TYPE = 'site_settings';

const text = messages.settings;

/** What the settings screen shows and the history records: the settings row and the host names. */
export interface SettingsSnapshot extends EditableSettingsFields {
  host_names: string[];
}

/**
 * The settings as the public site applies them: a workspace that never saved any gets the same
 * defaults as content.service gives the public site.
 */
function effectiveSettings(row: SiteSettings | undefined, workspace: Workspace): EditableSettingsFields {
  if (row) {
    return {
      site_name: row.site_name,
      tools: row.tools,
      misc_links: row.misc_links,
      publisher_name: row.publisher_name,
      publisher_address: row.publisher_address,
      publication_director: row.publication_director,
      hosting_provider: row.hosting_provider,
      contact_email: row.contact_email,
    };
  }
  return {
    site_name: workspace.name,
    tools: [...toolKinds],
    misc_links: defaultMiscLinks(),
    publisher_name: workspace.name,
    publisher_address: '',
    publication_director: '',
    hosting_provider: '',
    contact_email: '',
  };
}

export async function getSiteSettings(deps: SiteSettingsDeps, actor: Actor): Promise<SettingsSnapshot> {
  assertMay(actor, 'content.read');
  const row = await findSettingsRow(deps.db, actor.workspace.id);
  return { ...effectiveSettings(row, actor.workspace), host_names: actor.workspace.host_names };
}

/**
 * Saves the settings and the host names in one transaction, with one audit event.
 * `currentHost` is the host name the request came on: an administrator may not remove it,
 * or the next request would reach another workspace (or none) and lock them out. The default
 * workspace answers every host nobody else lists, so it has no such risk.
 */
export async function updateSiteSettings(
  deps: SiteSettingsDeps,
  actor: Actor,
  form: SettingsForm,
  currentHost: string,
): Promise<SettingsSnapshot> {
  assertMay(actor, 'settings.manage');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const workspace = await findWorkspaceForUpdate(trx, actor.workspace.id);
    if (!workspace) throw new NotFoundError(messages.notFound.lead);

    const taken = await findHostNamesTakenElsewhere(trx, workspace.id, form.host_names);
    if (taken[0]) throw new RuleError('host_names', text.errors.hostTaken(taken[0]));
    // The default workspace answers PUBLIC_URL's host without listing it; another workspace
    // listing it would take over the default workspace's public address and its e-mails' links.
    const publicHost = deps.config.publicUrl.hostname.toLowerCase();
    if (!workspace.is_default && form.host_names.includes(publicHost)) {
      throw new RuleError('host_names', text.errors.hostPublicUrl(publicHost));
    }
    if (!workspace.is_default && !form.host_names.includes(currentHost)) {
      throw new RuleError('host_names', text.errors.hostLockOut(currentHost));
    }

    const before: SettingsSnapshot = {
      ...effectiveSettings(await findSettingsRow(trx, workspace.id), workspace),
      host_names: workspace.host_names,
    };
    const row = await upsertSettingsRow(trx, workspace.id, {
      site_name: form.site_name,
      tools: form.tools,
      misc_links: form.misc_links,
      publisher_name: form.publisher_name,
      publisher_address: form.publisher_address,
      publication_director: form.publication_director,
      hosting_provider: form.hosting_provider,
      contact_email: form.contact_email,
      updated_at: now,
    });
    const updatedWorkspace = await updateWorkspaceHostNames(trx, workspace.id, form.host_names);
    const after: SettingsSnapshot = {
      ...effectiveSettings(row, updatedWorkspace),
      host_names: updatedWorkspace.host_names,
    };
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: actor.user.id,
      action: 'update',
      recordType: SITE_SETTINGS_RECORD_TYPE,
      recordId: workspace.id,
      before,
      after,
      at: now,
    });
    return after;
  });
}
