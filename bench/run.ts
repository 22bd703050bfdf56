/**
 * Public pages side by side with nginx serving the same bytes. The server is started as
 * `npm start` runs it, on a new embedded database with the demo (and, when DATABASE_URL is set,
 * on a new PostgreSQL database with the demo, dropped at the end), once with its render cache and
 * once without (RENDER_CACHE_MB=0), one after the other. Each page's answer is saved and served by
 * nginx under the same path with the same headers; a load generator (wrk, else autocannon) drives
 * each in turn, for several rounds. Talks only to 127.0.0.1; every loop is bounded in count and
 * time; everything it starts is stopped at the end or on Ctrl-C.
 *
 *   npm run bench
 *
 * Environment (all optional):
 *   BENCH_DURATION=5       seconds per measurement (after BENCH_WARMUP=1 second of the same load)
 *   BENCH_CONNECTIONS=16   connections kept open by the load generator
 *   BENCH_THREADS=2        wrk's threads
 *   BENCH_ROUNDS=3         rounds; each measures every page on each side, in a rotating order
 *   BENCH_ENGINES=pglite,postgres   default: pglite, and postgres when DATABASE_URL is set
 *   BENCH_LOAD=wrk|autocannon       default: wrk if found or installable, else autocannon
 *   BENCH_NGINX_WORKERS=auto        nginx's worker_processes
 *   BENCH_APP_DIR=.        the checkout whose server is started (another commit's worktree, say)
 *   LOG_LEVEL              passed to the server; at its default (info) each request is logged
 */

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { autocannonGenerator, type LoadGenerator, type LoadResult, wrkGenerator } from './load.js';
import { type NginxProcess, type SavedPage, startNginx } from './nginx.js';
import {
  cleanupOnInterrupt,
  cpuSeconds,
  cpuSecondsBetween,
  freePort,
  median,
  processTree,
  residentMemoryMb,
  runToEnd,
  type ServerProcess,
  startCommand,
  startServer,
} from './server-process.js';
import { findOrInstall, type Tool, versionOf } from './tools.js';

function wholeNumber(name: string, fallback: number, min = 1, max = 10_000): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got ${raw})`);
  }
  return value;
}

const APP_DIR = path.resolve(process.env.BENCH_APP_DIR || process.cwd());
const DURATION_S = wholeNumber('BENCH_DURATION', 5, 1, 600);
const WARMUP_S = wholeNumber('BENCH_WARMUP', 1, 0, 60);
const CONNECTIONS = wholeNumber('BENCH_CONNECTIONS', 16, 1, 1000);
const THREADS = wholeNumber('BENCH_THREADS', 2, 1, 64);
const ROUNDS = wholeNumber('BENCH_ROUNDS', 3, 1, 20);
const NGINX_WORKERS = process.env.BENCH_NGINX_WORKERS || 'auto';
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const ENGINES = (process.env.BENCH_ENGINES || (DATABASE_URL ? 'pglite,postgres' : 'pglite'))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const engine of ENGINES) {
  if (engine !== 'pglite' && engine !== 'postgres') {
    throw new Error(`BENCH_ENGINES: pglite or postgres, not ${engine}`);
  }
  if (engine === 'postgres' && !DATABASE_URL) throw new Error('BENCH_ENGINES=postgres needs DATABASE_URL');
}
/** The server's level: at info and below, Fastify logs every request (two lines). */
const LOG_LEVEL = process.env.LOG_LEVEL || 'info';
const LOGS_REQUESTS = ['info', 'debug', 'trace'].includes(LOG_LEVEL);
/** For the cached side: RENDER_CACHE_MB as given, else the app's default. */
const CACHE_MB =
  process.env.RENDER_CACHE_MB && process.env.RENDER_CACHE_MB !== '0'
    ? process.env.RENDER_CACHE_MB
    : undefined;

const FIXED_PAGES: Array<{ name: string; url: string }> = [
  { name: 'home', url: '/' },
  {
    name: 'cooperation page',
    url: '/tout-savoir-sur-la-communaute-de-communes/la-cooperation-decentralisee',
  },
  { name: 'search', url: '/recherche?q=cooperation+decentralisee' },
  { name: 'site map', url: '/plan-du-site' },
];

type Side = 'cached' | 'uncached' | 'nginx';
const SIDES: Side[] = ['cached', 'uncached', 'nginx'];
const SIDE_NAMES: Record<Side, string> = { cached: 'app cached', uncached: 'app uncached', nginx: 'nginx' };

interface Answer {
  status: number;
  contentType: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** One GET on 127.0.0.1, identity bytes (no Accept-Encoding), with the headers as sent. */
function fetchAnswer(port: number, url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: url, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers: Array<[string, string]> = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          headers.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
        }
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? '',
          headers,
          body: Buffer.concat(chunks),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`no answer for ${url} in 30 s`)));
    req.end();
  });
}

/** The main stylesheet's address, as the home page links it (it may carry a content hash). */
function stylesheetUrl(homeHtml: string): string {
  const hrefs: string[] = [];
  for (const [tag] of homeHtml.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel=["']?stylesheet\b/i.test(tag)) continue;
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) hrefs.push(href.replaceAll('&amp;', '&'));
  }
  const chosen = hrefs.find((href) => /\/assets\/site\b[^/]*\.css/.test(href)) ?? hrefs[0];
  if (!chosen) throw new Error('the home page links no stylesheet');
  const url = new URL(chosen, 'http://localhost');
  return `${url.pathname}${url.search}`;
}

function firstDifference(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return length;
}

/** Every page answers 200 with the saved bytes and Content-Type; throws otherwise. */
async function checkSameBytes(port: number, pages: SavedPage[], who: string): Promise<void> {
  for (const page of pages) {
    const answer = await fetchAnswer(port, page.url);
    if (answer.status !== 200) throw new Error(`${who}: ${page.url} answered ${answer.status}`);
    if (!answer.body.equals(page.body)) {
      throw new Error(
        `${who}: ${page.url} sent ${answer.body.length} bytes that differ from the ${page.body.length} saved, from byte ${firstDifference(answer.body, page.body)}`,
      );
    }
    if (answer.contentType !== page.contentType) {
      throw new Error(
        `${who}: ${page.url} sent Content-Type ${answer.contentType}, saved ${page.contentType}`,
      );
    }
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

// What the run made, undone at the end or on Ctrl-C (after every child has been stopped).
const undo: Array<() => Promise<void>> = [];
const cleanup = cleanupOnInterrupt(async () => {
  for (const step of undo.reverse()) {
    try {
      await step();
    } catch (error) {
      console.error(`clean-up: ${(error as Error).message}`);
    }
  }
});

async function createDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  undo.push(async () => {
    const dropper = new pg.Client({ connectionString: DATABASE_URL });
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  });
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One measurement, with the CPU time the serving processes used per answer. */
type Sample = LoadResult & { cpuMsPerAnswer: number };

/** The PostgreSQL backends serving a database (on this machine: the server is on 127.0.0.1). */
async function backendPids(database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

interface Measured {
  pages: Array<{ name: string; page: SavedPage }>;
  results: Map<string, Record<Side, Sample[]>>;
  residentMb: Partial<Record<Side, number>>;
  firstStartMs: number;
  loadBefore: string;
  loadAfter: string;
}

async function measureEngine(
  engine: 'pglite' | 'postgres',
  load: LoadGenerator,
  nginxTool: Tool,
): Promise<Measured> {
  const loadBefore = loadAverage();
  const dir = await mkdtemp(path.join(os.tmpdir(), `entente-bench-${engine}-`));
  undo.push(() => rm(dir, { recursive: true, force: true }));
  const dataDir = path.join(dir, 'data');
  const env: Record<string, string | undefined> = {
    DATA_DIR: dataDir,
    LOG_LEVEL,
    LOG_FORMAT: 'json',
    DATABASE_URL: undefined,
    RENDER_CACHE_MB: undefined,
  };
  let databaseName: string | undefined;
  if (engine === 'postgres') {
    const name = `entente_bench_${process.pid}`;
    databaseName = name;
    env.DATABASE_URL = await createDatabase(name);
    env.SESSION_SECRET = randomBytes(32).toString('base64url');
    // As the README says for PostgreSQL: the demo comes through `npm run db:seed -- --demo`, that
    // is `entente seed --demo` (the server loads it by itself only into an empty embedded database).
    console.log(`database ${name} created; loading the demo (entente seed --demo)…`);
    await runToEnd(process.execPath, ['bin/entente.js', 'seed', '--demo'], {
      cwd: APP_DIR,
      env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL, LOG_LEVEL: 'warn' },
      timeoutMs: 300_000,
    });
  }
  const command = startCommand(APP_DIR);
  // One port for every server of this engine: the pages' absolute links name it.
  const port = await freePort();
  const start = (side: 'cached' | 'uncached'): Promise<ServerProcess> =>
    startServer({
      appDir: APP_DIR,
      command,
      port,
      env: { ...env, RENDER_CACHE_MB: side === 'uncached' ? '0' : CACHE_MB },
      captureStdout: false,
    });

  // The first start (on PGlite it makes the database and loads the demo); the pages saved from it.
  const first = await start('cached');
  const pages: Array<{ name: string; page: SavedPage }> = [];
  try {
    const home = await fetchAnswer(port, '/');
    const list = [...FIXED_PAGES, { name: 'stylesheet', url: stylesheetUrl(home.body.toString('utf8')) }];
    for (const { name, url } of list) {
      const answer = await fetchAnswer(port, url);
      if (answer.status !== 200) throw new Error(`${name} (${url}) answered ${answer.status}`);
      pages.push({
        name,
        page: { url, body: answer.body, contentType: answer.contentType, headers: answer.headers },
      });
    }
  } finally {
    await first.stop();
  }

  const nginxPort = await freePort();
  // A folder of its own in the temporary folder: nginx's workers (another user, when run as root)
  // must be able to reach it.
  const nginxDir = await mkdtemp(path.join(os.tmpdir(), 'entente-bench-nginx-'));
  undo.push(() => rm(nginxDir, { recursive: true, force: true }));
  const nginx: NginxProcess = await startNginx(
    {
      executable: nginxTool.path,
      dir: nginxDir,
      port: nginxPort,
      workerProcesses: NGINX_WORKERS,
      accessLog: LOGS_REQUESTS,
    },
    pages.map(({ page }) => page),
  );
  undo.push(() => nginx.stop());
  await checkSameBytes(
    nginxPort,
    pages.map(({ page }) => page),
    'nginx',
  );

  const results = new Map<string, Record<Side, Sample[]>>(
    pages.map(({ name }) => [name, { cached: [], uncached: [], nginx: [] }]),
  );
  const residentMb: Partial<Record<Side, number>> = {};
  /**
   * `servingPids`: the processes that serve, whose CPU time is counted (nginx's master and workers;
   * the app and its database backends).
   */
  const measurePages = async (side: Side, targetPort: number, servingPids: () => Promise<number[]>) => {
    for (const { name, page } of pages) {
      const url = `http://127.0.0.1:${targetPort}${page.url}`;
      const options = { url, connections: CONNECTIONS, threads: THREADS };
      if (WARMUP_S > 0) await load.run({ ...options, durationSeconds: WARMUP_S });
      const pids = await servingPids();
      const cpuBefore = cpuSeconds(pids);
      const measured = await load.run({ ...options, durationSeconds: DURATION_S });
      const cpuMsPerAnswer =
        (cpuSecondsBetween(cpuBefore, cpuSeconds(pids)) * 1000) / Math.max(1, measured.requests);
      const result = { ...measured, cpuMsPerAnswer };
      results.get(name)![side].push(result);
      process.stdout.write(
        `  ${SIDE_NAMES[side].padEnd(12)} ${name.padEnd(16)} ${result.perSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  CPU ${result.cpuMsPerAnswer.toFixed(3)} ms/answer${result.failures ? `  ${result.failures} FAILED` : ''}\n`,
      );
    }
  };
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...SIDES.slice(round % 3), ...SIDES.slice(0, round % 3)];
    console.log(
      `round ${round + 1}/${ROUNDS} (${order.map((side) => SIDE_NAMES[side]).join(', ')}), load ${loadAverage()}`,
    );
    for (const side of order) {
      if (side === 'nginx') {
        await measurePages(side, nginxPort, async () => processTree(nginx.pid));
        continue;
      }
      const server = await start(side);
      try {
        await checkSameBytes(
          port,
          pages.map(({ page }) => page),
          SIDE_NAMES[side],
        );
        // On PostgreSQL the queries run in the server's backends: their CPU time counts too.
        await measurePages(side, port, async () => [
          server.pid,
          ...(databaseName ? await backendPids(databaseName) : []),
        ]);
        residentMb[side] = residentMemoryMb(server.pid) ?? undefined;
      } finally {
        await server.stop();
      }
    }
  }
  await nginx.stop();
  return {
    pages,
    results,
    residentMb,
    firstStartMs: first.firstAnswerMs,
    loadBefore,
    loadAfter: loadAverage(),
  };
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');
const milliseconds = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

function printTable(engine: string, measured: Measured): void {
  const header = [
    'page',
    'bytes',
    'app cached req/s (range)',
    'p50 / p99 ms',
    'app uncached req/s (range)',
    'p50 / p99 ms',
    'nginx req/s (range)',
    'p50 / p99 ms',
    'cached ÷ nginx',
    'uncached ÷ nginx',
  ];
  const rows = measured.pages.map(({ name, page }) => {
    const result = measured.results.get(name)!;
    const rate = (side: Side) => median(result[side].map((r) => r.perSecond));
    const cells = SIDES.flatMap((side) => {
      const rates = result[side].map((r) => r.perSecond);
      return [
        `${number(rate(side))} (${number(Math.min(...rates))}–${number(Math.max(...rates))})`,
        `${milliseconds(median(result[side].map((r) => r.p50Ms)))} / ${milliseconds(median(result[side].map((r) => r.p99Ms)))}`,
      ];
    });
    return [
      name,
      number(page.body.length),
      ...cells,
      (rate('cached') / rate('nginx')).toFixed(3),
      (rate('uncached') / rate('nginx')).toFixed(3),
    ];
  });
  console.log(`\n${engine}:\n`);
  console.log(`${measured.pages.map(({ name, page }) => `${name} \`${page.url}\``).join(', ')}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  // CPU time changes much less with the machine's load than rates do: the figure to compare
  // between runs made under different loads.
  console.log(
    `\nCPU time of the serving processes per answer (user + system, all threads; the app: its process${engine === 'PostgreSQL' ? ' and its PostgreSQL backends' : ''}; nginx: master and workers), median of the rounds:\n`,
  );
  console.log(
    '| page | app cached ms | app uncached ms | nginx ms | cached ÷ nginx, by CPU | uncached ÷ nginx, by CPU |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { name } of measured.pages) {
    const result = measured.results.get(name)!;
    const cpu = (side: Side) => median(result[side].map((r) => r.cpuMsPerAnswer));
    console.log(
      `| ${name} | ${cpu('cached').toFixed(3)} | ${cpu('uncached').toFixed(3)} | ${cpu('nginx').toFixed(3)} | ${(cpu('nginx') / cpu('cached')).toFixed(3)} | ${(cpu('nginx') / cpu('uncached')).toFixed(3)} |`,
    );
  }
  const failures = [...measured.results.values()].flatMap((bySide) =>
    SIDES.flatMap((side) => bySide[side].map((r) => r.failures)),
  );
  const failed = failures.reduce((a, b) => a + b, 0);
  if (failed > 0)
    console.log(`\nWARNING: ${failed} answers were errors or not 2xx/3xx: the figures above are not valid.`);
  const wire = measured.pages.map(({ name }) => {
    const result = measured.results.get(name)!;
    return `${name} ${SIDES.map((side) => number(median(result[side].map((r) => r.bytesPerAnswer)))).join(' / ')}`;
  });
  console.log(
    `\nbytes read per answer, headers included (app cached / app uncached / nginx): ${wire.join('; ')}`,
  );
  const rss = (side: Side) =>
    measured.residentMb[side] === undefined ? '?' : `${measured.residentMb[side]!.toFixed(0)} MB`;
  console.log(
    `resident memory of the server after its last round (VmRSS): cached ${rss('cached')}, uncached ${rss('uncached')}`,
  );
  console.log(
    `first start to first answer: ${(measured.firstStartMs / 1000).toFixed(1)} s; load average before ${measured.loadBefore}, after ${measured.loadAfter}`,
  );
}

/** The checkout's commit, and whether its src/ has changes not committed. */
function describeCheckout(): string {
  const git = (...args: string[]) =>
    spawnSync('git', ['-C', APP_DIR, ...args], { encoding: 'utf8', timeout: 10_000 }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD');
  if (!commit) return APP_DIR;
  const changed = git('status', '--porcelain', '--', 'src', 'bin', 'package.json')
    .split('\n')
    .filter(Boolean).length;
  return `${APP_DIR} at commit ${commit}${changed ? ` with ${changed} files changed in src/, bin/ or package.json` : ''}`;
}

async function main(): Promise<void> {
  console.log(
    `load average at start (1, 5, 15 min): ${loadAverage()}; ${os.cpus().length} cores; node ${process.version}`,
  );
  const nginxTool = findOrInstall('nginx', 'nginx');
  if (!nginxTool) {
    throw new Error(
      'nginx is needed to compare with a static server: install the Debian package (as root: apt-get install nginx), or put nginx on the PATH.',
    );
  }
  console.log(`nginx: ${versionOf(nginxTool.path, '-v')}, ${nginxTool.how}`);
  let load: LoadGenerator;
  if (process.env.BENCH_LOAD === 'autocannon') {
    load = autocannonGenerator();
    console.log('load generator: autocannon 9 (BENCH_LOAD=autocannon)');
  } else {
    const wrk = findOrInstall('wrk', 'wrk');
    if (wrk) {
      load = await wrkGenerator(wrk.path);
      console.log(`load generator: ${versionOf(wrk.path, '-v').split(' [')[0]}, ${wrk.how}`);
    } else if (process.env.BENCH_LOAD === 'wrk') {
      throw new Error('BENCH_LOAD=wrk: wrk is not installed (as root: apt-get install wrk)');
    } else {
      load = autocannonGenerator();
      console.log(
        'load generator: autocannon 9 (wrk not found; as root, apt-get install wrk): a load generator in Node shares the cores and caps what it can measure of nginx',
      );
    }
  }
  undo.push(() => load.close());

  const hasSwitch = (() => {
    try {
      return readFileSync(path.join(APP_DIR, 'src', 'config.ts'), 'utf8').includes('RENDER_CACHE_MB');
    } catch {
      return false;
    }
  })();
  console.log(
    `app: ${describeCheckout()}, started with \`${startCommand(APP_DIR).join(' ').replace(process.execPath, 'node')}\``,
  );
  if (!hasSwitch) {
    console.log('  this checkout has no RENDER_CACHE_MB: "app cached" and "app uncached" run the same code');
  }
  console.log(
    `${ENGINES.join(' and ')}; ${ROUNDS} rounds; ${DURATION_S} s per measurement after ${WARMUP_S} s of warm-up; ${CONNECTIONS} connections${load.name === 'wrk' ? `, ${Math.min(THREADS, CONNECTIONS)} wrk threads` : ''}; keep-alive; no compression asked`,
  );
  console.log(
    `server LOG_LEVEL=${LOG_LEVEL} (${LOGS_REQUESTS ? 'each request logged, to /dev/null' : 'requests not logged'}); nginx worker_processes ${NGINX_WORKERS}, access_log ${LOGS_REQUESTS ? '/dev/null' : 'off'}`,
  );
  console.log(
    `cache: "app cached" with RENDER_CACHE_MB=${CACHE_MB ?? '(unset: the default)'}, "app uncached" with RENDER_CACHE_MB=0`,
  );

  for (const engine of ENGINES) {
    const label = engine === 'pglite' ? 'embedded database (PGlite)' : 'PostgreSQL';
    console.log(`\n${label}`);
    const measured = await measureEngine(engine as 'pglite' | 'postgres', load, nginxTool);
    printTable(label, measured);
  }
}

try {
  await main();
} finally {
  await cleanup();
}
