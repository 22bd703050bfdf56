import type { Config } from './config.js';
import type { DatabaseNotifications, Db } from './db/database.js';
import type { WorkspaceDirectory } from './modules/workspaces/workspace.service.js';
import type { Clock } from './platform/clock.js';
import type { JobQueue } from './platform/jobs.js';
import type { Mailer } from './platform/mail/mailer.js';
import type { PublicationVersions } from './platform/publication.js';
import type { FileStorage } from './platform/storage.js';

/**
 * What the process hands the app: configuration and connections to the outside world. A file
 * of its own, so that modules can name these types without importing `app.ts`, which imports
 * every module.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  mailer: Mailer;
  clock: Clock;
  storage: FileStorage;
  /** What the database says to every connection: a change of publication version, at once. */
  notifications: DatabaseNotifications;
}

/** What the routes get: the deps, what the app keeps in memory from the database, the job queue. */
export interface AppServices extends AppDeps {
  publication: PublicationVersions;
  workspaces: WorkspaceDirectory;
  jobs: JobQueue;
}
