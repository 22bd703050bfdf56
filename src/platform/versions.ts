import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';

/**
 * No lost update. Every editable record has a `version` that the database moves at each update
 * (migration 202612031000). An edit form sends back the version it was opened on; inside the
 * save's transaction `refuseStaleSave` locks the record's row and refuses the save if the
 * record has moved since, naming who changed it, when, and which fields. The form is then shown
 * again with what was typed, carrying the current version: saving it again is a deliberate
 * choice to replace the other person's change.
 */

/** The tables whose rows are edited in a form; each has the `version` column and its trigger. */
export type VersionedTable =
  | 'pages'
  | 'media'
  | 'documents'
  | 'contact_cards'
  | 'site_settings'
  | 'memberships'
  | 'organisations'
  | 'partnerships'
  | 'conventions'
  | 'projects'
  | 'project_transactions'
  | 'project_updates'
  | 'project_results'
  | 'missions';

/** The hidden field every edit form carries. */
export const VERSION_FIELD = 'version';

/**
 * The version a form was opened on. A form without one (sent by a tool, or a page saved before
 * this existed) counts as opened on no version: its save is refused as stale, never applied blind.
 */
export const openedVersionSchema = z
  .string()
  .optional()
  .transform((value) => (value && /^\d{1,9}$/.test(value) ? Number(value) : 0));

export interface FieldChange {
  field: string;
  /** As the form showed it when opened; undefined when that version's content is not known. */
  before: unknown;
  after: unknown;
}

export interface StaleSave {
  currentVersion: number;
  /** The fields that differ between the version the form was opened on and the current one. */
  changes: FieldChange[];
  /** Whether `changes` could be worked out (the opened version's content is in the audit trail). */
  changesKnown: boolean;
  lastChange: { by: string | null; at: Date } | null;
}

export class StaleVersionError extends Error {
  constructor(readonly stale: StaleSave) {
    super('The record changed since the form was opened');
  }
}

/**
 * Values compared as the audit trail stores them: dates as ISO strings, and objects whatever the
 * order of their keys (jsonb keeps its own order).
 */
function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a ?? null) === stableJson(b ?? null);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}

/**
 * Locks the record (until the transaction ends) and throws StaleVersionError when its version is
 * not the one the form was opened on. A record that is not there (deleted meanwhile) passes: the
 * caller's own lookup answers that case. `fields` are those the form edits, in the form's order.
 */
export async function refuseStaleSave(
  trx: Db,
  record: {
    table: VersionedTable;
    /** The key of the row: its columns and values, e.g. `{ id }`, workspace_id added. */
    key: Record<string, string>;
    workspaceId: string;
    /** As the audit trail names it. */
    recordType: string;
    recordId: string;
    openedVersion: number;
    fields: readonly string[];
    /**
     * The row as the audit trail records it, when it records something else than the row (the
     * settings name their logo rather than its id): the current values are compared in that shape.
     */
    asRecorded?: (row: Record<string, unknown>) => Promise<Record<string, unknown>>;
  },
): Promise<void> {
  const conditions = Object.entries({ ...record.key, workspace_id: record.workspaceId }).map(
    ([column, value]) => sql`${sql.ref(column)} = ${value}`,
  );
  const { rows } = await sql<Record<string, unknown> & { version: number }>`
    SELECT * FROM ${sql.table(record.table)} WHERE ${sql.join(conditions, sql` AND `)} FOR UPDATE`.execute(
    trx,
  );
  const current = rows[0];
  if (!current || current.version === record.openedVersion) return;

  const events = trx
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .where('audit_events.workspace_id', '=', record.workspaceId)
    .where('audit_events.record_type', '=', record.recordType)
    .where('audit_events.record_id', '=', record.recordId);
  const last = await events
    .select(['users.display_name as by', 'audit_events.at as at'])
    .orderBy('audit_events.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  // The record as the form showed it: what a change left it as, or (for a record made before
  // versions were kept in the trail, such as the demo's) what the next change found.
  const version = String(record.openedVersion);
  const opened = await events
    .select(
      sql<unknown>`CASE WHEN audit_events.after ->> 'version' = ${version} THEN audit_events.after
        ELSE audit_events.before END`.as('values'),
    )
    .where((eb) =>
      eb.or([
        sql<boolean>`audit_events.after ->> 'version' = ${version}`,
        sql<boolean>`audit_events.before ->> 'version' = ${version}`,
      ]),
    )
    .orderBy('audit_events.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const openedValues =
    opened?.values && typeof opened.values === 'object' ? (opened.values as Record<string, unknown>) : null;
  const recorded = record.asRecorded ? await record.asRecorded(current) : current;
  const currentValues = JSON.parse(JSON.stringify(recorded)) as Record<string, unknown>;
  const changes = openedValues
    ? record.fields
        .filter((field) => !sameValue(openedValues[field], currentValues[field]))
        .map((field) => ({ field, before: openedValues[field], after: currentValues[field] }))
    : [];
  throw new StaleVersionError({
    currentVersion: current.version,
    changes,
    changesKnown: openedValues !== null,
    lastChange: last ? { by: last.by ?? null, at: new Date(last.at) } : null,
  });
}

/**
 * Whether saving `values` over `current` would change nothing: then no update is made, so no
 * version, no audit event and no publication change. Values compare as they are stored.
 */
export function changesNothing(current: Record<string, unknown>, values: Record<string, unknown>): boolean {
  return Object.entries(values).every(([field, value]) =>
    sameValue(comparable(current[field]), comparable(value)),
  );
}

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Moves a record's version without changing its row (its trigger counts the update): what a
 * change kept elsewhere, such as a draft of its changes, does so that forms opened before it are
 * refused as stale. Returns the new version.
 */
export async function bumpRecordVersion(
  trx: Db,
  table: VersionedTable,
  workspaceId: string,
  id: string,
): Promise<number> {
  const { rows } = await sql<{ version: number }>`
    UPDATE ${sql.table(table)} SET version = version WHERE id = ${id} AND workspace_id = ${workspaceId}
    RETURNING version`.execute(trx);
  return rows[0]?.version ?? 0;
}
