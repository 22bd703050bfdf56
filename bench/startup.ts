/**
 * Start and restart time of the real server process on the embedded database, as `npm start`
 * runs it: the first start makes the database and loads the demo, then RUNS restarts reopen it.
 * Each run is timed from the spawn of the process to its first HTTP answer (200 on `/`), and the
 * server's own phase marks (logged at debug level) say where the time went. Talks only to
 * 127.0.0.1; every wait is bounded; every server it starts is stopped.
 *
 *   npm run bench:startup              # RUNS=5 by default
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.RUNS ?? 5);
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
/**
 * The command `npm start` runs (read from package.json, run without npm in between), or
 * START_COMMAND to compare another one.
 */
const packageJson = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: { start: string } };
const START_COMMAND = (process.env.START_COMMAND ?? packageJson.scripts.start).split(/\s+/);
if (START_COMMAND[0] === 'node') START_COMMAND[0] = process.execPath;

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

/** Resolves with the status code, or null if nothing answers yet. */
function ask(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

interface Run {
  firstAnswerMs: number;
  /** CPU time (user + system, all threads) the server had used once listening: less sensitive to load. */
  cpuMs: number;
  phases: Record<string, number>;
}

async function startOnce(dataDir: string, port: number): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
  };
  delete env.DATABASE_URL;
  const began = performance.now();
  const child: ChildProcess = spawn(START_COMMAND[0]!, START_COMMAND.slice(1), {
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = began + START_TIMEOUT_MS;
    let firstAnswerMs: number | null = null;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
      if ((await ask(port)) === 200) {
        firstAnswerMs = performance.now() - began;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (firstAnswerMs === null) throw new Error(`no answer in ${START_TIMEOUT_MS} ms:\n${output}`);
    // The answer may arrive before the server's log line has crossed the pipe.
    const logDeadline = performance.now() + 5000;
    while (!output.includes('"startupPhases"') && performance.now() < logDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { firstAnswerMs, ...readPhases(output) };
  } finally {
    child.kill('SIGTERM');
    const gone = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_TIMEOUT_MS)),
    ]);
    if (!gone) {
      child.kill('SIGKILL');
      await exited;
    }
  }
}

/** The `startupPhases` debug line: milliseconds since the process began, at each mark. */
function readPhases(output: string): { phases: Record<string, number>; cpuMs: number } {
  for (const line of output.split('\n')) {
    if (!line.includes('"startupPhases"')) continue;
    try {
      const parsed = JSON.parse(line) as { startupPhases: Record<string, number>; cpuMs: number };
      return { phases: parsed.startupPhases, cpuMs: parsed.cpuMs };
    } catch {}
  }
  return { phases: {}, cpuMs: Number.NaN };
}

/** Time for a bare process to start and exit: what no change in the app can win back. */
function processFloorMs(args: string[]): number {
  const began = performance.now();
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - began;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const summary = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms (range ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

console.log(`command: ${START_COMMAND.join(' ').replace(process.execPath, 'node')}`);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'entente-startup-'));
try {
  const port = await freePort();
  const first = await startOnce(dataDir, port);
  console.log(
    `first start (new database, demo loaded): ${first.firstAnswerMs.toFixed(0)} ms to first answer`,
  );
  console.log(`  phases: ${JSON.stringify(first.phases)}`);

  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await startOnce(dataDir, port);
    runs.push(run);
    console.log(
      `restart ${i + 1}: ${run.firstAnswerMs.toFixed(0)} ms to first answer, ${run.cpuMs} ms CPU; phases ${JSON.stringify(run.phases)}`,
    );
  }
  console.log(`\nrestart to first answer, ${RUNS} runs: ${summary(runs.map((r) => r.firstAnswerMs))}`);
  console.log(`CPU time used by then: ${summary(runs.map((r) => r.cpuMs))}`);
  // Each mark is the time since the process began; a step is the time since the mark before it.
  const names = Object.keys(runs[0]?.phases ?? {});
  names.forEach((name, index) => {
    const at = runs.map((r) => r.phases[name] ?? Number.NaN);
    const step = runs.map(
      (r) => (r.phases[name] ?? 0) - (index > 0 ? (r.phases[names[index - 1]!] ?? 0) : 0),
    );
    console.log(
      `  ${name.padEnd(16)} at ${median(at).toFixed(0).padStart(5)} ms, step ${median(step).toFixed(0).padStart(5)} ms`,
    );
  });
  const floor = [0, 1, 2].map(() => processFloorMs(['-e', '0']));
  const floorTsx = [0, 1, 2].map(() => processFloorMs(['--import', 'tsx', '-e', '0']));
  console.log(`\nfloor: node -e 0 ${summary(floor)}; node --import tsx -e 0 ${summary(floorTsx)}`);
  console.log(`node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)}`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
