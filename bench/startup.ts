/**
 * Start and restart time of the real server process on the embedded database, as `npm start`
 * runs it: the first start makes the database and loads the demo, then RUNS restarts reopen it.
 * Each run is timed from the spawn of the process to its first HTTP answer (200 on `/`), and the
 * server's own phase marks (logged at debug level) say where the time went. Talks only to
 * 127.0.0.1; every wait is bounded; every server it starts is stopped.
 *
 *   npm run bench:startup              # RUNS=5 by default
 */

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  cleanupOnInterrupt,
  freePort,
  median,
  type ServerProcess,
  sleep,
  startCommand,
  startServer,
} from './server-process.js';

const RUNS = Number(process.env.RUNS ?? 5);
/** The command `npm start` runs (read from package.json), or START_COMMAND to compare another one. */
const START_COMMAND = startCommand(process.cwd());

interface Run {
  firstAnswerMs: number;
  /** CPU time (user + system, all threads) the server had used once listening: less sensitive to load. */
  cpuMs: number;
  phases: Record<string, number>;
}

async function startOnce(dataDir: string, port: number): Promise<Run> {
  const server: ServerProcess = await startServer({
    appDir: process.cwd(),
    command: START_COMMAND,
    port,
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'debug', LOG_FORMAT: 'json', DATABASE_URL: undefined },
    captureStdout: true,
  });
  try {
    // The answer may arrive before the server's log line has crossed the pipe.
    const logDeadline = performance.now() + 5000;
    while (!server.output().includes('"startupPhases"') && performance.now() < logDeadline) await sleep(10);
    return { firstAnswerMs: server.firstAnswerMs, ...readPhases(server.output()) };
  } finally {
    await server.stop();
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

const summary = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms (range ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

console.log(`command: ${START_COMMAND.join(' ').replace(process.execPath, 'node')}`);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'entente-startup-'));
const cleanup = cleanupOnInterrupt(() => rm(dataDir, { recursive: true, force: true }));
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
  await cleanup();
}
