import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { type SiteSettings, toolKinds, type Workspace } from '../../db/schema.js';
import { insertAuditEvent } from '../../platform/audit/audit.repo.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { changesNothing, refuseStaleSave } from '../../platform/versions.js';
import { defaultMiscLinks } from '../content/content.service.js';
import { findPublicMedia } from '../media/media.service.js';
import { type EditableSettingsFields, findSettingsRow, upsertSettingsRow } from './site-settings.repo.js';
import { mainColourProblem, type SettingsForm } from './site-settings.schemas.js';

export interface SiteSettingsDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl'>;
}

export const SITE_SETTINGS_RECORD_TYPE = 'site_settings';

/**
 * What the settings screen shows: the settings row, and the host names, which the installation's
 * operator sets from the command line (`entente workspace host add`), shown read only.
 */
export interface SettingsSnapshot extends EditableSettingsFields {
  host_names: string[];
  /** The settings row's version (0 before the first save), which the form sends back. */
  version: number;
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
      logo_media_id: row.logo_media_id,
      main_colour: row.main_colour,
      banner_media_id: row.banner_media_id,
      presentation: row.presentation,
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
    logo_media_id: null,
    main_colour: null,
    banner_media_id: null,
    presentation: '',
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
  return {
    ...effectiveSettings(row, actor.workspace),
    host_names: actor.workspace.host_names,
    version: row?.version ?? 0,
  };
}

/**
 * The settings as the history reads them: the logo and banner by the name of their image (an id
 * says nothing to a reader), as they were named at the time of the change.
 */
async function auditSnapshot(db: Db, workspaceId: string, settings: EditableSettingsFields, version: number) {
  const { logo_media_id, banner_media_id, ...rest } = settings;
  const nameOf = async (mediaId: string | null) =>
    mediaId ? ((await findPublicMedia(db, workspaceId, mediaId))?.name ?? mediaId) : '';
  return { ...rest, logo: await nameOf(logo_media_id), banner: await nameOf(banner_media_id), version };
}

/** What the settings form changes, as the audit trail records it: what a refused save lists. */
export const SETTINGS_RECORDED_FIELDS = [
  'site_name',
  'logo',
  'main_colour',
  'banner',
  'presentation',
  'tools',
  'misc_links',
  'publisher_name',
  'publisher_address',
  'publication_director',
  'hosting_provider',
  'contact_email',
] as const;

/**
 * The rules the form's schema checks, checked again where the change is made: each chosen image is
 * a live image of the workspace, and the main colour carries white text.
 */
async function assertIdentity(db: Db, workspaceId: string, form: SettingsForm): Promise<void> {
  for (const field of ['logo_media_id', 'banner_media_id'] as const) {
    const mediaId = form[field];
    if (mediaId && !(await findPublicMedia(db, workspaceId, mediaId)))
      throw new RuleError(field, messages.settings.errors.imageUnknown);
  }
  const colourProblem = form.main_colour === null ? null : mainColourProblem(form.main_colour);
  if (colourProblem) throw new RuleError('main_colour', colourProblem);
}

/** Saves the settings in one transaction, with one audit event. */
export async function updateSiteSettings(
  deps: SiteSettingsDeps,
  actor: Actor,
  form: SettingsForm,
): Promise<SettingsSnapshot> {
  assertMay(actor, 'settings.manage');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await refuseStaleSave(trx, {
      table: 'site_settings',
      key: {},
      workspaceId: actor.workspace.id,
      recordType: SITE_SETTINGS_RECORD_TYPE,
      recordId: actor.workspace.id,
      openedVersion: form.version,
      fields: SETTINGS_RECORDED_FIELDS,
      asRecorded: (row) =>
        auditSnapshot(trx, actor.workspace.id, effectiveSettings(row as SiteSettings, actor.workspace), 0),
    });
    const beforeRow = await findSettingsRow(trx, actor.workspace.id);
    const before = effectiveSettings(beforeRow, actor.workspace);
    await assertIdentity(trx, actor.workspace.id, form);
    const { version: _opened, ...values } = form;
    // Saving a form without a change records nothing: no version, no history line.
    if (beforeRow && changesNothing(beforeRow, values)) {
      return { ...before, host_names: actor.workspace.host_names, version: beforeRow.version };
    }
    const row = await upsertSettingsRow(trx, actor.workspace.id, {
      site_name: form.site_name,
      tools: form.tools,
      misc_links: form.misc_links,
      logo_media_id: form.logo_media_id,
      main_colour: form.main_colour,
      banner_media_id: form.banner_media_id,
      presentation: form.presentation,
      publisher_name: form.publisher_name,
      publisher_address: form.publisher_address,
      publication_director: form.publication_director,
      hosting_provider: form.hosting_provider,
      contact_email: form.contact_email,
      updated_at: now,
    });
    const after = effectiveSettings(row, actor.workspace);
    await insertAuditEvent(trx, {
      workspaceId: actor.workspace.id,
      actorUserId: actor.user.id,
      action: 'update',
      recordType: SITE_SETTINGS_RECORD_TYPE,
      recordId: actor.workspace.id,
      before: await auditSnapshot(trx, actor.workspace.id, before, beforeRow?.version ?? 0),
      after: await auditSnapshot(trx, actor.workspace.id, after, row.version),
      at: now,
    });
    return { ...after, host_names: actor.workspace.host_names, version: row.version };
  });
}
