/**
 * What the benches share: the server started as `npm start` runs it (the command read from
 * package.json, run without npm in between), free ports on 127.0.0.1, child processes that are
 * all stopped on the way out (SIGINT included), and medians. Every wait here is bounded.
 */

import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';

export const START_TIMEOUT_MS = 120_000;
export const STOP_TIMEOUT_MS = 30_000;

export { freePort } from '../test/helpers/free-port.js';

/** Resolves with the status code, or null if nothing answers yet. */
export function ask(port: number, urlPath = '/'): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The command `npm start` runs in `appDir` (read from its package.json), or START_COMMAND to
 * compare another one; `node` is this very Node binary.
 */
export function startCommand(appDir: string): string[] {
  const packageJson = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const command = (process.env.START_COMMAND ?? packageJson.scripts.start).split(/\s+/);
  if (command[0] === 'node') command[0] = process.execPath;
  return command;
}

// Every child started through here, so that one call stops them all (on SIGINT, or in a finally).
const running = new Map<ChildProcess, Promise<void>>();

/** Spawns a child that `stopAll()` will stop; `exited` resolves when it has gone. */
export function spawnTracked(
  command: string,
  args: string[],
  options: SpawnOptions,
): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(command, args, options);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  running.set(child, exited);
  void exited.then(() => running.delete(child));
  return { child, exited };
}

/** SIGTERM, then SIGKILL if the child is still there after `timeoutMs`. */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<void>,
  timeoutMs = STOP_TIMEOUT_MS,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!gone) {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(5000)]);
  }
}

/** Runs a command to its end, bounded in time; resolves with what it printed on stdout. */
export async function runToEnd(
  command: string,
  args: string[],
  options: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  const { child, exited } = spawnTracked(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const name = [command, ...args].join(' ').replace(process.execPath, 'node');
  const ended = await Promise.race([exited.then(() => true), sleep(options.timeoutMs).then(() => false)]);
  if (!ended) {
    await stopChild(child, exited, 5000);
    throw new Error(`${name} did not end in ${options.timeoutMs} ms`);
  }
  if (child.exitCode !== 0) {
    throw new Error(`${name} failed (${child.exitCode ?? child.signalCode}):\n${stderr}${stdout}`);
  }
  return stdout;
}

/** Stops every child still running, all together. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(([child, exited]) => stopChild(child, exited)));
}

/**
 * Returns a function that stops every child and then runs `cleanup` (temporary files, a database),
 * once, whether the bench ends, fails or is interrupted (Ctrl-C).
 */
export function cleanupOnInterrupt(cleanup: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const once = () => {
    done ??= stopAll().then(cleanup);
    return done;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping what the bench started…\n`);
    void once().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return once;
}

export interface ServerProcess {
  pid: number;
  /** From the spawn to the first 200 on `readyPath`. */
  firstAnswerMs: number;
  /** What the server wrote (stderr always; stdout too when captured). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The checkout to run: the command's working directory. */
  appDir: string;
  command: string[];
  port: number;
  /** Added to this process's environment (a value `undefined` removes the variable). */
  env: Record<string, string | undefined>;
  /** Keep stdout (the log lines) in memory; otherwise it goes to /dev/null. */
  captureStdout: boolean;
  readyPath?: string;
  /** Polling interval while waiting for the first answer. */
  pollMs?: number;
}

/** Starts the server and waits for its first 200; on any failure the process is stopped. */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(options.port), HOST: '127.0.0.1' };
  for (const [name, value] of Object.entries(options.env)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const began = performance.now();
  const { child, exited } = spawnTracked(options.command[0]!, options.command.slice(1), {
    cwd: options.appDir,
    env,
    stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    // Bounded: a server that logs every request must not fill this process's memory.
    if (output.length < 1_000_000) output += chunk;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () => stopChild(child, exited);
  try {
    const deadline = began + START_TIMEOUT_MS;
    while (performance.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
      }
      if ((await ask(options.port, options.readyPath ?? '/')) === 200) {
        return { pid: child.pid!, firstAnswerMs: performance.now() - began, output: () => output, stop };
      }
      await sleep(options.pollMs ?? 5);
    }
    throw new Error(`no answer in ${START_TIMEOUT_MS} ms:\n${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resident memory of a process in MB (VmRSS in /proc/<pid>/status), or null where unreadable. */
export function residentMemoryMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (100 on Linux). */
const CLOCK_TICKS = 100;

/** The process and its children (nginx's workers), from /proc. */
export function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean);
    return [pid, ...children.flatMap((child) => processTree(Number(child)))];
  } catch {
    return [pid];
  }
}

/**
 * CPU seconds (user + system, all threads) used so far by each of these processes, from
 * /proc/<pid>/stat; a process that has gone is left out.
 */
export function cpuSeconds(pids: number[]): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces), from the 3rd: utime is the 14th, stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {}
  }
  return used;
}

/** CPU seconds used between two readings, by the processes present at both (a backend may close). */
export function cpuSecondsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) {
    const start = before.get(pid);
    if (start !== undefined) total += seconds - start;
  }
  return total;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
