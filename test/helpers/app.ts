import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { AppDeps } from '../../src/app-services.js';
import type { Config } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { seedDemo } from '../../src/db/seeds/demo.js';
import { type Clock, createSettableClock } from '../../src/platform/clock.js';
import { createMailer } from '../../src/platform/mail/mailer.js';
import { createFileStorage } from '../../src/platform/storage.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  database: DatabaseHandle;
  config: Config;
  clock: ReturnType<typeof createSettableClock>;
  close(): Promise<void>;
}

export const TEST_PUBLIC_URL = 'https://cooperation.example.test/';

export function buildTestConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: process.env.DATABASE_URL,
    publicUrl: new URL(TEST_PUBLIC_URL),
    sessionSecret: randomBytes(32).toString('hex'),
    smtpUrl: undefined,
    mailFrom: 'Entente <ne-pas-repondre@example.test>',
    logLevel: 'silent',
    logFormat: 'json',
    trustProxy: false,
    renderCacheMb: 16,
    // Tests run due jobs themselves (app.jobs.runner.runDue()), at the time of the settable clock.
    jobsPollMs: 0,
    ...overrides,
  };
}

/** The app on a fresh database with the demo loaded, mail to `smtpUrl` or to .eml files. */
export async function createTestApp(
  options: {
    smtpUrl?: string;
    publicUrl?: string;
    clock?: Clock;
    trustProxy?: Config['trustProxy'];
    /** Where the app's log lines go (JSON, one a line); by default nothing is logged. */
    logStream?: Writable;
  } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'entente-test-'));
  const config = buildTestConfig(dataDir, {
    smtpUrl: options.smtpUrl,
    ...(options.publicUrl ? { publicUrl: new URL(options.publicUrl) } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });
  const database = await createTestDatabase();
  const storage = createFileStorage(dataDir);
  await seedDemo(database.db, storage);
  const clock = createSettableClock(new Date('2026-11-26T10:00:00Z'));
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir });
  const deps: AppDeps = {
    config,
    db: database.db,
    notifications: database.notifications,
    mailer,
    clock: options.clock ?? clock,
    storage,
  };
  const app = await buildApp(deps, {
    logger: options.logStream ? { level: 'info', stream: options.logStream } : false,
  });
  await app.ready();
  return {
    app,
    deps,
    database,
    config,
    clock,
    async close() {
      await app.close();
      mailer.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
