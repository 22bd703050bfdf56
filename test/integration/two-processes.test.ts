import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { DEMO, DEMO_ACCOUNTS, seedDemo } from '../../src/db/seeds/demo.js';
import { createFileStorage } from '../../src/platform/storage.js';
import { createTestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/free-port.js';
import { parseHtml, textOf } from '../helpers/html.js';
import { formFieldsOf, parseCookieHeader } from '../helpers/session.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/**
 * Two server processes on one PostgreSQL database, as a deployment with several processes runs:
 * a page changed through one of them is shown by the other within a second, although the other
 * had it in its render cache. Only on PostgreSQL: the embedded database belongs to one process.
 */
const SERVER = path.resolve('bin/start.js');
const databaseUrl = process.env.DATABASE_URL;
const START_MS = 90_000;
const PROPAGATION_MS = 1000;

interface Server {
  child: ChildProcess;
  origin: string;
  output: () => string;
}

async function startServer(url: string, dataDir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PORT: String(port),
      SESSION_SECRET: 'a'.repeat(64),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + START_MS;
  while (!output.includes('"readyMs"')) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server not ready in ${START_MS} ms:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, origin: `http://127.0.0.1:${port}`, output: () => output };
}

async function stopServer(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** The cookie header after an answer: what it set replaces or adds, what it emptied goes. */
function withCookiesSet(cookie: string, setCookies: string[]): string {
  const jar = parseCookieHeader(cookie);
  for (const line of setCookies) {
    const [pair = ''] = line.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A browser's exchange, by hand: the cookie header it holds, updated by each answer. */
async function exchange(
  server: Server,
  pathname: string,
  cookie: string,
  form?: URLSearchParams,
): Promise<{ response: Response; body: string; cookie: string }> {
  const response = await fetch(`${server.origin}${pathname}`, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      cookie,
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin } : {}),
    },
    body: form?.toString(),
    signal: AbortSignal.timeout(30_000),
  });
  return {
    response,
    body: await response.text(),
    cookie: withCookiesSet(cookie, response.headers.getSetCookie()),
  };
}

async function submit(server: Server, pageUrl: string, cookie: string, changes: Record<string, string>) {
  const page = await exchange(server, pageUrl, cookie);
  const fields = formFieldsOf(page.body, pageUrl, pageUrl);
  for (const [name, value] of Object.entries(changes)) fields.set(name, value);
  return exchange(server, pageUrl, page.cookie, fields);
}

describe.runIf(databaseUrl)('two processes on one PostgreSQL database', () => {
  let database: DatabaseHandle;
  let schema: string;
  const servers: Server[] = [];
  const tempDir = useTempDirs('entente-two');

  beforeAll(
    async () => {
      database = await createTestDatabase();
      schema = (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(database.db))
        .rows[0]!.schema;
      await seedDemo(database.db, createFileStorage(await tempDir()));
      const url = new URL(databaseUrl as string);
      url.searchParams.set('options', `-c search_path=${schema},public`);
      // One after the other: two starts at once on a busy 2-core machine only take longer.
      servers.push(await startServer(url.href, await tempDir()));
      servers.push(await startServer(url.href, await tempDir()));
    },
    2 * START_MS + 30_000,
  );

  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    await database?.close();
  }, 60_000);

  it('a page edited through one process is shown by the other within a second', async () => {
    const [first, second] = servers as [Server, Server];
    const title = (body: string) => textOf(parseHtml(body).querySelector('h1'));
    await exchange(second, DEMO.cooperationPath, '');
    const cached = await exchange(second, DEMO.cooperationPath, '');
    expect(cached.response.headers.get('x-cache')).toBe('hit');
    expect(title(cached.body)).toBe('La coopération décentralisée');

    const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
    const signInPage = await exchange(first, '/connexion', '');
    const signInForm = formFieldsOf(signInPage.body, '/connexion', '/connexion');
    signInForm.set('email', admin.email);
    signInForm.set('password', admin.password);
    const signedIn = await exchange(first, '/connexion', signInPage.cookie, signInForm);
    expect(signedIn.response.status).toBe(303);
    const page = await database.db
      .selectFrom('pages')
      .select('id')
      .where('slug', '=', DEMO.cooperationPath.split('/').pop() as string)
      .executeTakeFirstOrThrow();
    const saved = await submit(first, `/gestion/pages/${page.id}`, signedIn.cookie, {
      title: 'La coopération, vue d’un autre processus',
      intention: 'publier',
    });
    expect(saved.response.status, saved.body.slice(0, 1000)).toBe(303);
    const savedAt = Date.now();

    // The other process asked again and again: the last request that still showed the old
    // title began less than a second after the save (however long each answer took to come).
    let lastOldRequestAt = savedAt;
    let shown = '';
    for (let attempt = 0; attempt < 500; attempt++) {
      const askedAt = Date.now();
      shown = title((await exchange(second, DEMO.cooperationPath, '')).body);
      if (shown !== 'La coopération décentralisée') break;
      lastOldRequestAt = askedAt;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(shown).toBe('La coopération, vue d’un autre processus');
    expect(lastOldRequestAt - savedAt).toBeLessThan(PROPAGATION_MS);
  }, 60_000);
});
