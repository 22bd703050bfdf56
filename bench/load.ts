/**
 * The load generator, as a process of its own: wrk (Debian package) where it is installed, else
 * autocannon (dev dependency). Both keep connections open, send no Accept-Encoding (identity
 * bytes) and give the same figures: answers per second, p50 and p99 latency, bytes read.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { runToEnd } from './server-process.js';

export interface LoadResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Bytes read per answer, headers included. */
  bytesPerAnswer: number;
  /** Answers other than 2xx/3xx, and socket errors and timeouts. */
  failures: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** wrk's threads (autocannon runs on one). */
  threads: number;
  durationSeconds: number;
}

export interface LoadGenerator {
  name: string;
  run(options: LoadOptions): Promise<LoadResult>;
  close(): Promise<void>;
}

/** wrk's own summary, written by a Lua `done` hook as one JSON line. */
const WRK_SCRIPT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%.0f,"durationUs":%.0f,"bytes":%.0f,"p50Us":%.0f,"p99Us":%.0f,"failures":%.0f}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

export async function wrkGenerator(executable: string): Promise<LoadGenerator> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'entente-wrk-'));
  const script = path.join(dir, 'summary.lua');
  await writeFile(script, WRK_SCRIPT);
  return {
    name: 'wrk',
    async run(options) {
      const threads = Math.max(1, Math.min(options.threads, options.connections));
      const stdout = await runToEnd(
        executable,
        [
          `-t${threads}`,
          `-c${options.connections}`,
          `-d${options.durationSeconds}s`,
          '--timeout',
          '10s',
          '-s',
          script,
          options.url,
        ],
        { timeoutMs: (options.durationSeconds + 30) * 1000 },
      );
      const line = stdout.split('\n').find((text) => text.startsWith('WRK_JSON '));
      if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
      const summary = JSON.parse(line.slice('WRK_JSON '.length)) as {
        requests: number;
        durationUs: number;
        bytes: number;
        p50Us: number;
        p99Us: number;
        failures: number;
      };
      return {
        perSecond: summary.requests / (summary.durationUs / 1e6),
        p50Ms: summary.p50Us / 1000,
        p99Ms: summary.p99Us / 1000,
        requests: summary.requests,
        bytesPerAnswer: summary.requests ? summary.bytes / summary.requests : 0,
        failures: summary.failures,
      };
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

export function autocannonGenerator(): LoadGenerator {
  const require = createRequire(import.meta.url);
  const cli = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');
  return {
    name: 'autocannon',
    async run(options) {
      const stdout = await runToEnd(
        process.execPath,
        [
          cli,
          '--json',
          '--connections',
          String(options.connections),
          '--duration',
          String(options.durationSeconds),
          '--timeout',
          '10',
          options.url,
        ],
        { timeoutMs: (options.durationSeconds + 30) * 1000 },
      );
      const result = JSON.parse(stdout) as {
        requests: { total: number };
        latency: { p50: number; p99: number };
        throughput: { total: number };
        duration: number;
        non2xx: number;
        errors: number;
        timeouts: number;
      };
      return {
        perSecond: result.requests.total / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: result.requests.total,
        bytesPerAnswer: result.requests.total ? result.throughput.total / result.requests.total : 0,
        failures: result.non2xx + result.errors + result.timeouts,
      };
    },
    close: async () => {},
  };
}
