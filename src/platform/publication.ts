import { sql } from 'kysely';
import type { DatabaseNotifications, Db } from '../db/database.js';

/**
 * What this process knows of each workspace's publication version: the number a database trigger
 * bumps in the transaction of every change a public page can show (see the migration
 * 202612021000_add_publication_version). Whatever is built from public data and kept in memory
 * (rendered pages, the site frame, the host names) is kept with the version it was built from and
 * dropped once the version has moved on.
 *
 * How the news arrives:
 * - the trigger's notification, which carries the new version: the connection that commits hears
 *   it before its COMMIT returns, so this process knows of its own changes before it answers, and
 *   the other processes hear it a moment later;
 * - in case a notification is lost (a connection closed, a server restarted), the versions are
 *   read every half second, one small query, so that no change stays unknown beyond a second.
 * A version known here only grows: a read that began before a change cannot take it back.
 */
export interface PublicationVersions {
  /** The version known for this workspace; 0 when it is not known yet (nothing cached matches 0). */
  current(workspaceId: string): number;
  /** Reads the versions now; resolves once a read that began after this call has finished. */
  refresh(): Promise<void>;
  /** Called after each read with the workspaces whose version moved, appeared or went away. */
  onChange(listener: (changed: ReadonlySet<string>) => void): void;
  /** The first read, then a read every `pollMs`; stopped by `stop`. */
  start(): Promise<void>;
  stop(): void;
}

/** Half a second: another process's change is known within a second, with room for the query. */
export const PUBLICATION_POLL_MS = 500;

export const PUBLICATION_CHANNEL = 'entente_publication';

export function createPublicationVersions(
  db: Db,
  notifications: DatabaseNotifications,
  options: { pollMs?: number; onError?: (error: unknown) => void } = {},
): PublicationVersions {
  const versions = new Map<string, number>();
  const listeners: Array<(changed: ReadonlySet<string>) => void> = [];
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let schema: string | null = null;

  const tell = (changed: ReadonlySet<string>) => {
    if (changed.size > 0) for (const listener of listeners) listener(changed);
  };

  /** Whether this version is news; if so it is kept. */
  const learn = (workspaceId: string, version: number) => {
    if ((versions.get(workspaceId) ?? 0) >= version) return false;
    versions.set(workspaceId, version);
    return true;
  };

  notifications.subscribe((channel, payload) => {
    if (channel !== PUBLICATION_CHANNEL) return;
    const [fromSchema, workspaceId, version] = payload.split(' ');
    if (fromSchema !== schema || !workspaceId || !version) return;
    if (learn(workspaceId, Number(version))) tell(new Set([workspaceId]));
  });

  async function read(): Promise<void> {
    schema ??= (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]!.schema;
    const rows = await db.selectFrom('workspaces').select(['id', 'publication_version']).execute();
    const changed = new Set<string>();
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      if (learn(row.id, row.publication_version)) changed.add(row.id);
    }
    for (const id of versions.keys()) {
      if (!seen.has(id)) {
        versions.delete(id);
        changed.add(id);
      }
    }
    tell(changed);
  }

  function startRead(): Promise<void> {
    const reading = read().finally(() => {
      if (running === reading) running = null;
    });
    running = reading;
    return reading;
  }

  // A read already under way may have begun before the caller's change was committed: the caller
  // waits for the next one. Callers arriving together share that next read.
  function refresh(): Promise<void> {
    if (!running) return startRead();
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return startRead();
      });
    return queued;
  }

  return {
    current: (workspaceId) => versions.get(workspaceId) ?? 0,
    refresh,
    onChange: (listener) => {
      listeners.push(listener);
    },
    async start() {
      await refresh();
      timer = setInterval(() => {
        refresh().catch((error) => options.onError?.(error));
      }, options.pollMs ?? PUBLICATION_POLL_MS);
      // The reads must not keep a finished process (a CLI command, a test) alive.
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
