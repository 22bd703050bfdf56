import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgresql';
  notifications: DatabaseNotifications;
  close(): Promise<void>;
}

/** The channels every connection listens to: the publication versions (platform/publication). */
export const LISTENED_CHANNELS = ['entente_publication'] as const;

/** What the database says on the listened channels, to whoever subscribed. */
export interface DatabaseNotifications {
  subscribe(listener: (channel: string, payload: string) => void): void;
}

/**
 * Every connection of the pool listens, so that the connection that commits a change hears of it
 * before its COMMIT returns (PostgreSQL tells a listening session of its own notifications at
 * commit): this process knows of its own changes at once, whichever code made them. Connections
 * resting in the pool hear those of other processes.
 */
export function listenOnEveryConnection(pool: pg.Pool): DatabaseNotifications {
  const listeners: Array<(channel: string, payload: string) => void> = [];
  pool.on('connect', (client) => {
    client.on('notification', (message) => {
      for (const listener of listeners) listener(message.channel, message.payload ?? '');
    });
    // Queued before the query the connection was opened for; a failure shows on that query.
    for (const channel of LISTENED_CHANNELS) client.query(`LISTEN ${channel}`).catch(() => undefined);
  });
  return {
    subscribe: (listener) => {
      listeners.push(listener);
    },
  };
}

// int8 (counts, sums) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/** A query must not wait forever for PGlite's single connection (see conventions.md). */
const CONNECTION_TIMEOUT_MS = 10_000;

export async function openPostgres(
  databaseUrl: string,
  options: { max?: number } = {},
): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
  });
  const notifications = listenOnEveryConnection(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgresql', notifications, close: () => db.destroy() };
}

export async function openPglite(
  source: { dataDir: string } | { loadDataDir: Blob } | { fresh: true },
): Promise<DatabaseHandle> {
  const extensions = { unaccent, pg_trgm };
  const pglite =
    'dataDir' in source
      ? await PGlite.create(await ensureDir(path.join(source.dataDir, 'pgdata')), { extensions })
      : 'loadDataDir' in source
        ? await PGlite.create({ extensions, loadDataDir: source.loadDataDir })
        : await PGlite.create({ extensions });
  return wrapPglite(pglite);
}

async function ensureDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return dir;
}

export function wrapPglite(pglite: PGlite): DatabaseHandle {
  const pool = new pg.Pool({ ...createPgConfig(pglite), connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  const notifications = listenOnEveryConnection(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    notifications,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

export interface OpenedDatabase extends DatabaseHandle {
  /** Releases the data folder's lock too, on the embedded database. */
  close(): Promise<void>;
}

/** The database the configuration names: PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR (locked). */
export async function openConfiguredDatabase(config: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<OpenedDatabase> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const lock = lockDataDir(config.dataDir);
  try {
    const handle = await openPglite({ dataDir: config.dataDir });
    return {
      ...handle,
      async close() {
        try {
          await handle.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
