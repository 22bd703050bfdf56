import type { Db } from '../../db/database.js';
import type { Job } from '../../db/schema.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { listFailedJobs, retryFailedJob } from '../../platform/jobs.js';

export interface JobsDeps {
  db: Db;
  clock: Clock;
}

/** The workspace's jobs that failed after their last attempt: an administrator's to look at. */
export async function listWorkspaceFailedJobs(deps: JobsDeps, actor: Actor): Promise<Job[]> {
  assertMay(actor, 'settings.manage');
  return listFailedJobs(deps.db, actor.workspace.id);
}

/** Queues a failed job of the workspace again; false when it is no longer failed (or not there). */
export async function retryWorkspaceJob(deps: JobsDeps, actor: Actor, jobId: number): Promise<boolean> {
  assertMay(actor, 'settings.manage');
  return retryFailedJob(deps.db, deps.clock, actor.workspace.id, jobId);
}
