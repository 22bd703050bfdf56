import type { Db } from '../../db/database.js';
import type { Workspace } from '../../db/schema.js';
import { findAuditEvents } from '../../platform/audit/audit.repo.js';
import { formatDateTimeFr } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { type DiffPart, wordDiff } from '../../platform/text-diff.js';
import { formatNumberFr } from '../../platform/typography.js';

/**
 * Fields whose change a history shows; timestamps and the record's version, which move with
 * every save, are left out.
 */
const IGNORED = new Set([
  'id',
  'workspace_id',
  'created_at',
  'updated_at',
  'version',
  'deletion_id',
  'deleted_by',
  'storage_key',
]);

/** Changes that leave the record's content as a version someone may want back. */
export const RESTORABLE_ACTIONS: ReadonlySet<string> = new Set([
  'create',
  'update',
  'move',
  'restore_version',
  'update_draft',
  'publish_changes',
]);

export interface FieldChange {
  field: string;
  before: string;
  after: string;
  /** For a text, the change word by word (long texts folded to the changed passages). */
  diff?: DiffPart[];
}

/** Fields whose values are codes or dates, shown before and after rather than word by word. */
const NOT_TEXT = new Set([
  'role',
  'status',
  'parent_id',
  'contact_card_id',
  'main_colour',
  'deactivated_at',
  'kind',
  'country_code',
  'iati_type',
  'gazetteer_key',
]);

function isText(field: string, value: unknown): boolean {
  if (NOT_TEXT.has(field)) return false;
  if (value === null || value === undefined || value === '') return true;
  return typeof value === 'string' && !ISO_TIMESTAMP.test(value);
}

export interface HistoryEntry {
  /** The audit event's id: how "Rétablir cette version" names it. */
  id: number;
  /** The change left a whole version of the record, which may be restored. */
  restorable: boolean;
  /**
   * The oldest change the trail holds found a version no change left (the record was made
   * before the trail, like the demo's): that one may be restored too.
   */
  earlierRestorable: boolean;
  /** What the record was called at that moment, from its snapshot. */
  label: string | null;
  at: Date;
  actorName: string | null;
  action: string;
  changes: FieldChange[];
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A value as a reader of the history understands it: French labels, French dates. */
export function asText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (field === 'role' && typeof value === 'string' && value in messages.roles) {
    return messages.roles[value as keyof typeof messages.roles];
  }
  if (field === 'status' && (value === 'draft' || value === 'published')) {
    return value === 'draft' ? messages.pages.statusDraft : messages.pages.statusPublished;
  }
  if (field === 'tools' && Array.isArray(value)) {
    const names = messages.site.tools as Record<string, string>;
    return value.map((tool) => names[String(tool)] ?? String(tool)).join(', ');
  }
  if (field === 'misc_links' && Array.isArray(value)) {
    return value
      .map(
        (link: { label?: unknown; href?: unknown }) =>
          `${String(link.label ?? '')} (${String(link.href ?? '')})`,
      )
      .join(', ');
  }
  if (field === 'kind' && typeof value === 'string' && value in messages.organisations.kinds) {
    return messages.organisations.kinds[value as keyof typeof messages.organisations.kinds];
  }
  if (field === 'contacts' && Array.isArray(value)) {
    return value
      .map((contact: Record<string, unknown>) =>
        [contact.name, contact.role, contact.email, contact.phone].filter((part) => part).join(', '),
      )
      .join(' ; ');
  }
  if (typeof value === 'number') return formatNumberFr(value, { maximumFractionDigits: 6 });
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) return formatDateTimeFr(new Date(value));
  if (typeof value === 'boolean') return value ? messages.history.yes : messages.history.no;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

export function labelOf(snapshot: unknown): string | null {
  const record = (snapshot ?? {}) as Record<string, unknown>;
  for (const key of ['title', 'display_name', 'service_name', 'name', 'site_name']) {
    if (typeof record[key] === 'string' && record[key]) return record[key] as string;
  }
  return null;
}

export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((field) => !IGNORED.has(field));
  return fields
    .map((field): FieldChange => {
      const change = { field, before: asText(field, b[field]), after: asText(field, a[field]) };
      const words = isText(field, b[field]) && isText(field, a[field]);
      return words ? { ...change, diff: wordDiff(change.before, change.after) } : change;
    })
    .filter((change) => change.before !== change.after);
}

export async function loadHistory(
  deps: { db: Db },
  workspace: Workspace,
  recordType: string,
  recordId: string,
): Promise<HistoryEntry[]> {
  const events = await findAuditEvents(deps.db, workspace.id, recordType, recordId);
  return events.map((event, index) => ({
    id: event.id,
    restorable: RESTORABLE_ACTIONS.has(event.action) && event.after !== null,
    earlierRestorable:
      index === events.length - 1 &&
      RESTORABLE_ACTIONS.has(event.action) &&
      event.action !== 'create' &&
      event.before !== null,
    label: labelOf(event.after) ?? labelOf(event.before),
    at: event.at,
    actorName: event.actor_name,
    action: event.action,
    changes: diffRecords(event.before, event.after),
  }));
}
