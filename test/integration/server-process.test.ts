import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/database.js';

/**
 * The real process, as `npm start` runs it, on the embedded database: restarts keep the data,
 * a SIGKILL leaves no lock behind, and a second process on the same folder is refused.
 */
const SERVER = path.resolve('src/server.ts');
const COOPERATION = '/tout-savoir-sur-la-communaute-de-communes/la-cooperation-decentralisee';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(dataDir: string, port: number): Started {
  // Always the embedded database, even in the PostgreSQL run of the suite.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForReady(started: Started, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /"readyMs":(\d+)/.exec(started.output());
    if (match) return Number(match[1]);
    if (started.child.exitCode !== null) throw new Error(`server exited:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not ready in time:\n${started.output()}`);
}

let dataDir: string;
const running: Started[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'entente-process-'));
});
afterAll(async () => {
  for (const started of running) started.child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('the server process on the embedded database', () => {
  it('starts on an empty folder with the demo, keeps changes over a restart, and logs its ready time', async () => {
    const port = await freePort();
    const first = start(dataDir, port);
    running.push(first);
    await waitForReady(first, 90_000);
    const page = await fetch(`http://127.0.0.1:${port}${COOPERATION}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Visite d’une école primaire à Taliouine - Maroc');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // While the server is stopped, a change is written to its folder; the next start must show it.
    const database = await openPglite({ dataDir });
    await database.db
      .updateTable('pages')
      .set({ title: 'La coopération avec Taliouine' })
      .where('slug', '=', 'la-cooperation-decentralisee')
      .execute();
    await database.close();

    const second = start(dataDir, port);
    running.push(second);
    const readyMs = await waitForReady(second);
    expect(readyMs).toBeGreaterThan(0);
    expect(second.output()).not.toContain('demo data loaded');
    const restarted = await fetch(`http://127.0.0.1:${port}${COOPERATION}`);
    expect(await restarted.text()).toContain('<h1>La coopération avec Taliouine</h1>');
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('refuses a second process on the same folder with a clear message, and the first keeps serving', async () => {
    const port = await freePort();
    const first = start(dataDir, port);
    running.push(first);
    await waitForReady(first);

    const intruder = start(dataDir, await freePort());
    running.push(intruder);
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain('est déjà utilisé par un autre processus Entente');
    expect((await fetch(`http://127.0.0.1:${port}${COOPERATION}`)).status).toBe(200);

    first.child.kill('SIGTERM');
    await first.exited;
  });

  it('starts again after being killed with SIGKILL', async () => {
    const port = await freePort();
    const first = start(dataDir, port);
    running.push(first);
    await waitForReady(first);
    first.child.kill('SIGKILL');
    await first.exited;

    const next = start(dataDir, port);
    running.push(next);
    await waitForReady(next);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    next.child.kill('SIGTERM');
    await next.exited;
  });
});
