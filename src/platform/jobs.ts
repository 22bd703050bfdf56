import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Job } from '../db/schema.js';
import type { Clock } from './clock.js';

/**
 * The job queue, in the database (table `jobs`), on both engines: e-mails and scheduled work run
 * after the request that asked for them, at their time, retried with a growing delay, and kept
 * across a restart. Written here rather than taken from pg-boss or graphile-worker: their current
 * versions need Node.js 22, and pg-boss 10 on PGlite (through its `db` adapter) added 5.6 s to the
 * first start and ran about two jobs a second (docs/decisions.md, « Step 6 — the job queue »).
 *
 * A job is claimed with `FOR UPDATE SKIP LOCKED`, so that several processes on PostgreSQL never
 * run one twice. "Now" is the app's clock, so that tests move time and see scheduled work run.
 */

/** What a job does, by kind; a throw is a failure, retried until `max_attempts`. */
export type JobHandler = (job: Job) => Promise<void>;

export interface NewJob {
  kind: string;
  workspaceId: string | null;
  payload?: unknown;
  /** When it may run; now if not given. */
  runAt?: Date;
  /** At most one job per key waits at a time: a second one is not added. */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** First retry after 30 s, then 1, 2, 4… minutes, at most an hour apart. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/** A job left running longer than this by a process that stopped is given back to the queue. */
export const LOCK_TIMEOUT_MS = 10 * 60_000;

/**
 * Adds a job, in the caller's transaction when given one: it exists only if the change that asked
 * for it is committed. Returns whether it was added (false when its unique key already waits).
 */
export async function enqueueJob(db: Db, clock: Clock, job: NewJob): Promise<boolean> {
  const now = clock.now();
  const added = await db
    .insertInto('jobs')
    .values({
      workspace_id: job.workspaceId,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? now,
      unique_key: job.uniqueKey ?? null,
      max_attempts: job.maxAttempts ?? 5,
      created_at: now,
    })
    .onConflict((conflict) =>
      conflict
        .column('unique_key')
        .where('unique_key', 'is not', null)
        .where('state', 'in', ['queued', 'running'])
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return added !== undefined;
}

/** Takes away a waiting job by its key (a publication unscheduled); returns whether one waited. */
export async function cancelQueuedJob(db: Db, uniqueKey: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('jobs')
    .where('unique_key', '=', uniqueKey)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

/** The waiting job of a key, if any: when a page is due to be published. */
export async function findQueuedJob(db: Db, uniqueKey: string): Promise<Job | undefined> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('unique_key', '=', uniqueKey)
    .where('state', '=', 'queued')
    .executeTakeFirst();
}

async function claimDueJob(db: Db, now: Date): Promise<Job | undefined> {
  const { rows } = await sql<Job>`
    UPDATE jobs SET state = 'running', locked_at = ${now}, attempts = attempts + 1
     WHERE id = (
       SELECT id FROM jobs WHERE state = 'queued' AND run_at <= ${now}
        ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return rows[0];
}

async function finishJob(db: Db, job: Job, now: Date, error: unknown): Promise<void> {
  if (error === undefined) {
    await db
      .updateTable('jobs')
      .set({ state: 'done', finished_at: now, locked_at: null, last_error: null })
      .where('id', '=', job.id)
      .execute();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const failed = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      state: failed ? 'failed' : 'queued',
      run_at: failed ? job.run_at : new Date(now.getTime() + retryDelayMs(job.attempts)),
      finished_at: failed ? now : null,
      locked_at: null,
      last_error: message.slice(0, 2000),
    })
    .where('id', '=', job.id)
    .execute();
}

/** Gives back to the queue the jobs a stopped process left running. */
async function releaseAbandonedJobs(db: Db, olderThan: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'queued', locked_at: null })
    .where('state', '=', 'running')
    .where('locked_at', '<', olderThan)
    .execute();
}

export interface JobRunner {
  /** Runs every job due now, one after another; resolves with how many ran. For tests and the poll. */
  runDue(): Promise<number>;
  /** Polls every `pollMs` until stopped; a job queued by this process wakes it at once. */
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

export function createJobRunner(options: {
  db: Db;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  /** An embedded database has one process: a job marked running at start was left by a crash. */
  singleProcess?: boolean;
  onError?: (error: unknown, job: Job | null) => void;
}): JobRunner {
  const { db, clock, handlers } = options;
  const pollMs = options.pollMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  let released = false;

  const runOnce = async (): Promise<number> => {
    if (!released) {
      const cutoff = options.singleProcess
        ? new Date(8.64e15)
        : new Date(clock.now().getTime() - LOCK_TIMEOUT_MS);
      await releaseAbandonedJobs(db, cutoff);
      released = true;
    }
    let count = 0;
    for (;;) {
      if (stopped) return count;
      const now = clock.now();
      const job = await claimDueJob(db, now);
      if (!job) return count;
      const handler = handlers[job.kind];
      let failure: unknown;
      try {
        if (!handler) throw new Error(`No handler for jobs of kind ${job.kind}`);
        await handler(job);
      } catch (error) {
        failure = error ?? new Error('failed');
        options.onError?.(error, job);
      }
      await finishJob(db, job, clock.now(), failure);
      count++;
    }
  };

  const runDue = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await runOnce();
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const tick = () => {
    runDue()
      .catch((error) => options.onError?.(error, null))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };

  return {
    runDue,
    start() {
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    wake() {
      if (!stopped) runDue().catch((error) => options.onError?.(error, null));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}

/** The failed jobs of a workspace, newest first, for the screen that lists them. */
export async function listFailedJobs(db: Db, workspaceId: string): Promise<Job[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', 'failed')
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** A failed job of the workspace queued again now, with its attempts counted afresh. */
export async function retryFailedJob(
  db: Db,
  clock: Clock,
  workspaceId: string,
  jobId: number,
): Promise<boolean> {
  const retried = await db
    .updateTable('jobs')
    .set({ state: 'queued', run_at: clock.now(), attempts: 0, finished_at: null })
    .where('id', '=', jobId)
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(retried.numUpdatedRows) > 0;
}

/**
 * The queue as the app holds it: modules add their handlers at registration, queue jobs inside
 * their transactions, and the runner (started with the server) does the work.
 */
export interface JobQueue {
  handle(kind: string, handler: JobHandler): void;
  /**
   * Work done once a day (the clean-up, the reminders): the job of a day is keyed by its date, so
   * that restarts and several processes add no second one; each run queues the next day's.
   */
  daily(kind: string, work: () => Promise<void>): void;
  /** Queues today's run of every daily job that has none waiting: at start, and in tests. */
  scheduleDaily(): Promise<void>;
  enqueue(db: Db, job: NewJob): Promise<boolean>;
  runner: JobRunner;
}

/** Done jobs are kept this long (a reset job holds the address typed), then deleted. */
export const DONE_JOBS_KEPT_MS = 30 * 24 * 60 * 60_000;

/** The queue's own daily work: deleting old done jobs. */
export const CLEAN_UP_JOB = 'jobs-clean-up';
const DAY_MS = 24 * 60 * 60_000;

/**
 * Deletes the done jobs finished more than DONE_JOBS_KEPT_MS ago; failed ones stay for the
 * administrators until run again. Returns how many went.
 */
export async function deleteOldDoneJobs(db: Db, now: Date): Promise<number> {
  const deleted = await db
    .deleteFrom('jobs')
    .where('state', '=', 'done')
    .where('finished_at', '<', new Date(now.getTime() - DONE_JOBS_KEPT_MS))
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

export function createJobQueue(options: {
  db: Db;
  clock: Clock;
  pollMs: number;
  singleProcess: boolean;
  onError?: (error: unknown, job: Job | null) => void;
}): JobQueue {
  const handlers: Record<string, JobHandler> = {};
  const dailyKinds: string[] = [];
  const runner = createJobRunner({ ...options, handlers });
  const scheduleDay = (kind: string, runAt: Date) =>
    enqueueJob(options.db, options.clock, {
      kind,
      workspaceId: null,
      runAt,
      uniqueKey: `${kind}:${runAt.toISOString().slice(0, 10)}`,
    });
  const queue: JobQueue = {
    handle(kind, handler) {
      if (handlers[kind]) throw new Error(`Two handlers for jobs of kind ${kind}`);
      handlers[kind] = handler;
    },
    daily(kind, work) {
      queue.handle(kind, async () => {
        // Tomorrow's run is queued first: a failure today (retried) must not stop the days after.
        await scheduleDay(kind, new Date(options.clock.now().getTime() + DAY_MS));
        await work();
      });
      dailyKinds.push(kind);
    },
    async scheduleDaily() {
      for (const kind of dailyKinds) await scheduleDay(kind, options.clock.now());
    },
    enqueue: (db, job) => enqueueJob(db, options.clock, job),
    runner: {
      ...runner,
      start() {
        queue
          .scheduleDaily()
          .catch((error) => options.onError?.(error, null))
          .finally(() => runner.start());
      },
    },
  };
  queue.daily(CLEAN_UP_JOB, async () => {
    await deleteOldDoneJobs(options.db, options.clock.now());
  });
  return queue;
}
