import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { prepareDatabase } from './db/bootstrap.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { openConfiguredDatabase } from './db/database.js';
import { systemClock } from './platform/clock.js';
import { messages } from './platform/i18n/fr.js';
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

async function main(): Promise<void> {
  mark('modulesLoaded');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
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
  const { seeded } = await prepareDatabase(database, storage, (step) => {
    if (step !== 'seeding') mark(step);
  });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  const app = await buildApp({ config, db: database.db, mailer, clock: systemClock, storage });
  mark('appBuilt');
  if (seeded) app.log.info('demo data loaded into the new embedded database');

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

  await app.listen({ port: config.port, host: config.host });
  mark('listening');
  const cpu = process.cpuUsage();
  app.log.debug({ startupPhases, cpuMs: Math.round((cpu.user + cpu.system) / 1000) }, 'startup phases');
  // Measured from the start of the process, module loading included.
  const readyMs = Math.round(process.uptime() * 1000);
  app.log.info(
    { readyMs, engine: database.engine },
    messages.startup.ready(`http://${config.host}:${config.port}/`, readyMs),
  );
}

main().catch((error) => {
  process.stderr.write(`Entente n’a pas pu démarrer : ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
