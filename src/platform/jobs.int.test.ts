import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Job } from '../db/schema.js';
import { createSettableClock } from './clock.js';
import {
  CLEAN_UP_JOB,
  cancelQueuedJob,
  createJobQueue,
  createJobRunner,
  DONE_JOBS_KEPT_MS,
  enqueueJob,
  type JobHandler,
  listFailedJobs,
  retryDelayMs,
  retryFailedJob,
} from './jobs.js';

/** The job queue on the engine of the run (PGlite, or PostgreSQL when DATABASE_URL is set). */
let database: DatabaseHandle;
let workspaceId: string;
const clock = createSettableClock(new Date('2026-11-26T10:00:00Z'));

beforeAll(async () => {
  database = await createTestDatabase();
  const workspace = await database.db
    .insertInto('workspaces')
    .values({ slug: 'file-de-taches', name: 'Espace de la file de tâches', created_at: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  workspaceId = workspace.id;
});
afterAll(async () => {
  await database?.close();
});

function runnerWith(handlers: Record<string, JobHandler>, singleProcess = false) {
  return createJobRunner({ db: database.db, clock, handlers, singleProcess });
}

async function jobOf(kind: string): Promise<Job> {
  return database.db.selectFrom('jobs').selectAll().where('kind', '=', kind).executeTakeFirstOrThrow();
}

describe('the job queue', () => {
  it('runs a job once it is due, and only then', async () => {
    const ran: unknown[] = [];
    const runner = runnerWith({ later: async (job) => void ran.push(job.payload) });
    await enqueueJob(database.db, clock, {
      kind: 'later',
      workspaceId,
      payload: { page: 'p' },
      runAt: new Date('2026-11-27T07:00:00Z'),
    });
    expect(await runner.runDue()).toBe(0);
    clock.set(new Date('2026-11-27T07:00:00Z'));
    expect(await runner.runDue()).toBe(1);
    expect(ran).toEqual([{ page: 'p' }]);
    expect(await runner.runDue()).toBe(0);
    expect((await jobOf('later')).state).toBe('done');
  });

  it('retries a failing job later and later, then lists it as failed; a retry runs it again', async () => {
    let fail = true;
    let calls = 0;
    const runner = runnerWith({
      flaky: async () => {
        calls++;
        if (fail) throw new Error('le serveur de messagerie ne répond pas');
      },
    });
    await enqueueJob(database.db, clock, { kind: 'flaky', workspaceId, maxAttempts: 3 });
    expect(await runner.runDue()).toBe(1);
    let job = await jobOf('flaky');
    expect(job).toMatchObject({
      state: 'queued',
      attempts: 1,
      last_error: 'le serveur de messagerie ne répond pas',
    });
    expect(new Date(job.run_at).getTime() - clock.now().getTime()).toBe(retryDelayMs(1));
    // Not before its time.
    clock.advance(retryDelayMs(1) - 1000);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1000);
    expect(await runner.runDue()).toBe(1);
    clock.advance(retryDelayMs(2));
    expect(await runner.runDue()).toBe(1);
    job = await jobOf('flaky');
    expect(job).toMatchObject({ state: 'failed', attempts: 3 });
    expect(calls).toBe(3);
    expect((await listFailedJobs(database.db, workspaceId)).map((failed) => failed.id)).toContain(job.id);

    fail = false;
    expect(await retryFailedJob(database.db, clock, workspaceId, job.id)).toBe(true);
    expect(await runner.runDue()).toBe(1);
    expect((await jobOf('flaky')).state).toBe('done');
    expect((await listFailedJobs(database.db, workspaceId)).map((failed) => failed.id)).not.toContain(job.id);
  });

  it('adds nothing when the transaction that queued the job rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, clock, { kind: 'rolled-back', workspaceId });
        throw new Error('the change is refused');
      }),
    ).rejects.toThrow('the change is refused');
    const rows = await database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'rolled-back')
      .execute();
    expect(rows).toEqual([]);
  });

  it('keeps one waiting job per key, and takes it away on demand', async () => {
    expect(await enqueueJob(database.db, clock, { kind: 'keyed', workspaceId, uniqueKey: 'page:1' })).toBe(
      true,
    );
    expect(await enqueueJob(database.db, clock, { kind: 'keyed', workspaceId, uniqueKey: 'page:1' })).toBe(
      false,
    );
    expect(await cancelQueuedJob(database.db, 'page:1')).toBe(true);
    expect(await enqueueJob(database.db, clock, { kind: 'keyed', workspaceId, uniqueKey: 'page:1' })).toBe(
      true,
    );
  });

  it('gives back a job a stopped process left running', async () => {
    await enqueueJob(database.db, clock, { kind: 'abandoned', workspaceId });
    await database.db
      .updateTable('jobs')
      .set({ state: 'running', locked_at: clock.now(), attempts: 1 })
      .where('kind', '=', 'abandoned')
      .execute();
    let ran = 0;
    await runnerWith({ abandoned: async () => void ran++ }, true).runDue();
    expect(ran).toBe(1);
    expect((await jobOf('abandoned')).state).toBe('done');
  });

  it('never runs a job twice, with two runners at work at once', async () => {
    const seen: number[] = [];
    const handler: JobHandler = async (job) => {
      seen.push(job.id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    for (let index = 0; index < 20; index++)
      await enqueueJob(database.db, clock, { kind: 'shared', workspaceId });
    const [first, second] = await Promise.all([
      runnerWith({ shared: handler }).runDue(),
      runnerWith({ shared: handler }).runDue(),
    ]);
    expect(first + second).toBe(20);
    expect(new Set(seen).size).toBe(20);
  });

  it('deletes the done jobs after thirty days, keeps the others, and comes back the next day', async () => {
    const now = clock.now();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    for (const [kind, state, finished] of [
      ['old-done', 'done', ago(DONE_JOBS_KEPT_MS + 60_000)],
      ['recent-done', 'done', ago(DONE_JOBS_KEPT_MS - 60_000)],
      ['old-failed', 'failed', ago(2 * DONE_JOBS_KEPT_MS)],
    ] as const) {
      await database.db
        .insertInto('jobs')
        .values({
          workspace_id: workspaceId,
          kind,
          state,
          run_at: finished,
          created_at: finished,
          finished_at: finished,
        })
        .execute();
    }
    const queue = createJobQueue({ db: database.db, clock, pollMs: 20, singleProcess: false });
    queue.runner.start();
    try {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const done = await database.db
          .selectFrom('jobs')
          .select('id')
          .where('kind', '=', CLEAN_UP_JOB)
          .where('state', '=', 'done')
          .executeTakeFirst();
        if (done || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await queue.runner.stop();
    }
    const kinds = (await database.db.selectFrom('jobs').select('kind').execute()).map((row) => row.kind);
    expect(kinds).not.toContain('old-done');
    expect(kinds).toEqual(expect.arrayContaining(['recent-done', 'old-failed']));
    const next = await database.db
      .selectFrom('jobs')
      .select('run_at')
      .where('kind', '=', CLEAN_UP_JOB)
      .where('state', '=', 'queued')
      .executeTakeFirstOrThrow();
    expect(new Date(next.run_at).getTime()).toBe(now.getTime() + 24 * 60 * 60_000);
  });
});
