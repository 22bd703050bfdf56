import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { prepareDatabase } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { openConfiguredDatabase } from './db/database.js';
import { describeImport } from './modules/gazetteer/gazetteer.service.js';
import { systemClock } from './platform/clock.js';
import { messages } from './platform/i18n/fr.js';
import { createLogOutput } from './platform/logging.js';
import { createMailer } from './platform/mail/mailer.js';
import { createFileStorage } from './platform/storage.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Milliseconds since the process began, at each step of the start (logged at debug level). */
const startupPhases: Record<string, number> = {};
const mark = (name: string) => {
  startupPhases[name] = Math.round(performance.now());
};

/** The address to open in a browser: a loopback or wildcard listener is reached as localhost. */
function browserAddress(host: string, port: number): string {
  const local = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}/`;
}

async function main(): Promise<void> {
  mark('modulesLoaded');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const log = await createLogOutput(config.logFormat, config.logLevel);

  // PGlite writes PG_VERSION when it creates a database: without it, this start makes one.
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION'))) {
    log.early.info(messages.startup.creatingDatabase(config.dataDir));
  }
  let database: Awaited<ReturnType<typeof openConfiguredDatabase>>;
  try {
    database = await openConfiguredDatabase(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    throw error;
  }
  mark('databaseOpened');

  const storage = createFileStorage(config.dataDir);
  const { demo } = await prepareDatabase(database, storage, (event) => {
    if (event.step === 'migrating') log.early.info(messages.startup.migrating(event.pending));
    else if (event.step === 'seeding') log.early.info(messages.startup.loadingDemo);
    else if (event.step === 'importingGazetteer') log.early.info(messages.startup.importingGazetteer);
    else if (event.step === 'gazetteerImported') log.early.info(describeImport(event.report));
    else mark(event.step);
  });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  const app = await buildApp(
    { config, db: database.db, notifications: database.notifications, mailer, clock: systemClock, storage },
    { logger: log.fastifyLogger },
  );
  mark('appBuilt');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    mailer.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // Fastify's own "Server listening at" line is held back: the ready line below says it, last.
  const level = app.log.level;
  app.log.level = ['trace', 'debug', 'info'].includes(level) ? 'warn' : level;
  try {
    await app.listen({ port: config.port, host: config.host });
  } finally {
    app.log.level = level;
  }
  mark('listening');
  const cpu = process.cpuUsage();
  app.log.debug({ startupPhases, cpuMs: Math.round((cpu.user + cpu.system) / 1000) }, 'startup phases');
  // Measured from the start of the process, module loading included.
  const readyMs = Math.round(process.uptime() * 1000);
  const address = browserAddress(config.host, config.port);
  app.log.info(
    { readyMs, engine: database.engine, address },
    demo ? messages.startup.readyWithDemo(address) : messages.startup.ready(address),
  );
}

main().catch((error) => {
  process.stderr.write(`Entente n’a pas pu démarrer : ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
