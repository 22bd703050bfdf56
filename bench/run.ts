/**
 * Speed as a ratio, never as a timed test: each page is measured against a reference served by
 * the same process in the same run (the stylesheet, a static file), so the figures compare
 * across machines. Talks only to 127.0.0.1; every loop stops by itself (count and time bounds).
 *
 *   npm run bench
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { prepareDatabase } from '../src/db/bootstrap.js';
import { openPglite } from '../src/db/database.js';
import { systemClock } from '../src/platform/clock.js';
import { createMailer } from '../src/platform/mail/mailer.js';
import { createFileStorage } from '../src/platform/storage.js';
import { buildTestConfig } from '../test/helpers/app.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const MAX_REQUESTS = 200_000;
const CONCURRENCY = 8;

async function measure(port: number, path: string): Promise<{ perSecond: number; p95Ms: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const deadline = performance.now() + DURATION_MS;
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${path}: status ${res.statusCode}`));
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  const worker = async () => {
    while (performance.now() < deadline && sent < MAX_REQUESTS) {
      sent++;
      await one();
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p95Ms: latencies[Math.floor(latencies.length * 0.95)] ?? 0,
  };
}

// The embedded database with the demo, as `npm start` makes it (PostgreSQL is not measured here).
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'entente-bench-'));
const config = buildTestConfig(dataDir, { databaseUrl: undefined });
const database = await openPglite({ dataDir });
const storage = createFileStorage(dataDir);
await prepareDatabase(database, storage);
const mailer = createMailer({ smtpUrl: undefined, from: config.mailFrom, dataDir });
const app = await buildApp(
  { config, db: database.db, mailer, clock: systemClock, storage },
  { logger: false },
);
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as AddressInfo;

const pages = [
  ['reference: /assets/site.css (static file)', '/assets/site.css'],
  ['home page', '/'],
  ['cooperation page', '/tout-savoir-sur-la-communaute-de-communes/la-cooperation-decentralisee'],
  ['search "cooperation decentralisee"', '/recherche?q=cooperation+decentralisee'],
  [
    'send-to-friend form',
    '/envoyer-a-un-ami?page=%2Ftout-savoir-sur-la-communaute-de-communes%2Fla-cooperation-decentralisee',
  ],
] as const;

await measure(port, '/'); // warm-up
const results: Array<{ name: string; perSecond: number; p95Ms: number }> = [];
for (const [name, path] of pages) results.push({ name, ...(await measure(port, path)) });
const reference = results[0]!.perSecond;
console.log(`engine: ${database.engine}, ${CONCURRENCY} concurrent clients, ${DURATION_MS} ms per page`);
for (const result of results) {
  console.log(
    `${result.name.padEnd(45)} ${result.perSecond.toFixed(0).padStart(7)} req/s  p95 ${result.p95Ms.toFixed(1).padStart(6)} ms  ratio to reference ${(result.perSecond / reference).toFixed(3)}`,
  );
}
await app.close();
await database.close();
await rm(dataDir, { recursive: true, force: true });
