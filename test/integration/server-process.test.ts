import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/database.js';
import { freePort } from '../helpers/free-port.js';

/**
 * The real process, as `npm start` runs it, on the embedded database: restarts keep the data,
 * a SIGKILL leaves no lock behind, and a second process on the same folder is refused.
 */
const SERVER = path.resolve('bin/start.js');
const COOPERATION = '/tout-savoir-sur-la-communaute-de-communes/la-cooperation-decentralisee';

interface Started {
  child: ChildProcess;
  /** Standard output and error, as a person at the terminal reads them. */
  output: () => string;
  /** Standard output alone: the log lines. */
  stdout: () => string;
  exited: Promise<number | null>;
}

/**
 * Waits of this test, each bounded: a first start builds the database and loads the demo; on a
 * busy machine a start, or a stop, may take tens of seconds. Each test's own timeout is the sum
 * of its waits, so the test fails on its own terms (with the server's output), never cut short.
 */
const FIRST_START_MS = 120_000;
const START_MS = 90_000;
const STOP_MS = 30_000;
const REQUEST_MS = 30_000;

function start(dataDir: string, port: number, extraEnv: NodeJS.ProcessEnv = {}): Started {
  // Always the embedded database, even in the PostgreSQL run of the suite.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'info',
    LOG_FORMAT: '',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [SERVER], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, stdout: () => stdout, exited };
}

async function waitForReady(started: Started, timeoutMs = START_MS): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /"readyMs":(\d+)/.exec(started.output());
    if (match) return Number(match[1]);
    if (started.child.exitCode !== null) throw new Error(`server exited:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not ready in ${timeoutMs} ms:\n${started.output()}`);
}

/** Its standard output, line by line, each parsed as JSON (a line that is not JSON fails). */
function jsonLines(started: Started): Array<Record<string, unknown>> {
  return started
    .stdout()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`a line of standard output is not JSON: ${line}`);
      }
    });
}

async function waitForText(started: Started, text: string, timeoutMs = START_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.output().includes(text)) return;
    if (started.child.exitCode !== null) throw new Error(`server exited:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`"${text}" not logged in ${timeoutMs} ms:\n${started.output()}`);
}

/** The exit code of a process once it has exited, or null after `timeoutMs`. */
function exitWithin(started: Started, timeoutMs: number): Promise<number | null | 'still running'> {
  return Promise.race([
    started.exited,
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), timeoutMs)),
  ]);
}

/** Stops a server and waits for it to be gone: SIGTERM, then SIGKILL if it lingers. */
async function stop(started: Started): Promise<number | null | 'still running'> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return started.child.exitCode;
  started.child.kill('SIGTERM');
  const code = await exitWithin(started, STOP_MS);
  if (code === 'still running') {
    started.child.kill('SIGKILL');
    await started.exited;
  }
  return code;
}

/**
 * Runs a test's servers and stops every one of them when the test ends, whatever happened: a
 * server left running would hold the data folder's lock against the next test.
 */
async function withServers(
  body: (launch: (port: number, env?: NodeJS.ProcessEnv) => Started) => Promise<void>,
): Promise<void> {
  const launched: Started[] = [];
  try {
    await body((port, env) => {
      const started = start(dataDir, port, env);
      launched.push(started);
      return started;
    });
  } finally {
    await Promise.all(launched.map(stop));
  }
}

const fetchPage = (port: number, path: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(REQUEST_MS) });

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'entente-process-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the server process on the embedded database', () => {
  it(
    'starts on an empty folder with the demo, keeps changes over a restart, and logs its ready time',
    () =>
      withServers(async (launch) => {
        const port = await freePort();
        const first = launch(port);
        await waitForReady(first, FIRST_START_MS);
        // stdout is a pipe here, not a terminal: JSON lines, the ready line last, with the address.
        const lines = jsonLines(first);
        expect(lines.map((line) => line.msg)).toEqual(
          expect.arrayContaining([
            expect.stringContaining('création de la base de données intégrée'),
            expect.stringContaining('Chargement des données de démonstration'),
          ]),
        );
        const ready = lines.at(-1)!;
        expect(ready.address).toBe(`http://localhost:${port}/`);
        expect(ready.msg).toContain(`Entente est prête sur http://localhost:${port}/`);
        expect(ready.msg).toContain('README.md');
        const page = await fetchPage(port, COOPERATION);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('Visite d’une école primaire à Taliouine - Maroc');
        expect(await stop(first)).toBe(0);

        // While the server is stopped, a change is written to its folder; the next start must show it.
        const database = await openPglite({ dataDir });
        await database.db
          .updateTable('pages')
          .set({ title: 'La coopération avec Taliouine' })
          .where('slug', '=', 'la-cooperation-decentralisee')
          .execute();
        await database.close();

        const second = launch(port);
        const readyMs = await waitForReady(second);
        expect(readyMs).toBeGreaterThan(0);
        expect(second.output()).not.toContain('Chargement des données de démonstration');
        const restarted = await fetchPage(port, COOPERATION);
        expect(await restarted.text()).toContain('<h1>La coopération avec Taliouine</h1>');
      }),
    FIRST_START_MS + START_MS + 3 * STOP_MS + 2 * REQUEST_MS + 30_000,
  );

  it(
    'keeps a queued job over a SIGKILL, and runs it when started again',
    () =>
      withServers(async (launch) => {
        const port = await freePort();
        const first = launch(port);
        await waitForReady(first, FIRST_START_MS);
        expect(await stop(first)).toBe(0);

        // While it is stopped: the cooperation page back to a draft, its publication queued for later.
        const key = 'test-restart:la-cooperation-decentralisee';
        let database = await openPglite({ dataDir });
        const page = await database.db
          .updateTable('pages')
          .set({ status: 'draft' })
          .where('slug', '=', 'la-cooperation-decentralisee')
          .returning(['id', 'workspace_id'])
          .executeTakeFirstOrThrow();
        await database.db
          .insertInto('jobs')
          .values({
            workspace_id: page.workspace_id,
            kind: 'publish-page',
            payload: JSON.stringify({ pageId: page.id }),
            run_at: new Date(Date.now() + 3_600_000),
            unique_key: key,
            created_at: new Date(),
          })
          .execute();
        await database.close();

        const second = launch(port, { JOBS_POLL_MS: '200' });
        await waitForReady(second);
        expect((await fetchPage(port, COOPERATION)).status).toBe(404);
        second.child.kill('SIGKILL');
        await second.exited;

        // Killed with the job waiting: it is still in the folder. Its time comes while it is down.
        database = await openPglite({ dataDir });
        const waiting = await database.db
          .updateTable('jobs')
          .set({ run_at: new Date() })
          .where('unique_key', '=', key)
          .returning('state')
          .executeTakeFirstOrThrow();
        expect(waiting.state).toBe('queued');
        await database.close();

        const third = launch(port, { JOBS_POLL_MS: '200' });
        await waitForReady(third);
        const deadline = Date.now() + REQUEST_MS;
        let status = 0;
        while (Date.now() < deadline && status !== 200) {
          status = (await fetchPage(port, COOPERATION)).status;
          if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(status, third.output()).toBe(200);
        expect(await stop(third)).toBe(0);
        database = await openPglite({ dataDir });
        const done = await database.db
          .selectFrom('jobs')
          .select(['state', 'attempts'])
          .where('unique_key', '=', key)
          .executeTakeFirstOrThrow();
        await database.close();
        expect(done).toEqual({ state: 'done', attempts: 1 });
      }),
    FIRST_START_MS + 2 * START_MS + 3 * STOP_MS + 3 * REQUEST_MS + 30_000,
  );

  it(
    'refuses a second process on the same folder with a clear message, and the first keeps serving',
    () =>
      withServers(async (launch) => {
        const port = await freePort();
        const first = launch(port);
        await waitForReady(first);

        const intruder = launch(await freePort());
        expect(await exitWithin(intruder, START_MS)).toBe(1);
        expect(intruder.output()).toContain('est déjà utilisé par un autre processus Entente');
        expect((await fetchPage(port, COOPERATION)).status).toBe(200);
      }),
    2 * START_MS + 2 * STOP_MS + REQUEST_MS + 30_000,
  );

  it(
    'starts again after being killed with SIGKILL, and logs in the format LOG_FORMAT asks for',
    () =>
      withServers(async (launch) => {
        const port = await freePort();
        const first = launch(port);
        await waitForReady(first);
        first.child.kill('SIGKILL');
        await first.exited;

        // LOG_FORMAT=json asks for JSON whatever stdout is; LOG_FORMAT=pretty for readable lines.
        const next = launch(port, { LOG_FORMAT: 'json' });
        await waitForReady(next);
        expect(jsonLines(next).at(-1)?.msg).toContain(`Entente est prête sur http://localhost:${port}/`);
        expect((await fetchPage(port, '/')).status).toBe(200);
        expect(await stop(next)).toBe(0);

        const readable = launch(port, { LOG_FORMAT: 'pretty' });
        await waitForText(readable, `Entente est prête sur http://localhost:${port}/`);
        expect(readable.output()).not.toMatch(/^\{/m);
      }),
    3 * START_MS + 3 * STOP_MS + REQUEST_MS + 30_000,
  );
});
