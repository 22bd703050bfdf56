/**
 * nginx serving saved answers of the app: each page's bytes as a file, under the same path, with
 * the same Content-Type and the app's other headers, from a configuration of its own in a
 * temporary folder (no global configuration, no port 80), as a child process (no daemon).
 */

import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ask, runToEnd, sleep, spawnTracked, stopChild } from './server-process.js';

export interface SavedPage {
  /** Path and query as requested; nginx matches the path alone. */
  url: string;
  body: Buffer;
  contentType: string;
  /** The app's answer headers as sent, names in lower case. */
  headers: Array<[string, string]>;
}

export interface NginxOptions {
  executable: string;
  /** A folder of its own, removed by the caller. */
  dir: string;
  port: number;
  /** `auto`: one worker per core, as Debian's nginx.conf has it. */
  workerProcesses: string;
  /** Log each request (to /dev/null), as the app does at its default log level. */
  accessLog: boolean;
}

/** Headers nginx writes itself, or that describe the connection rather than the answer. */
const OWN_HEADERS = new Set([
  'date',
  'server',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-type',
  'etag',
  'last-modified',
  'accept-ranges',
]);

/** A value as an nginx string: quoted; `$` would start a variable, so such a header is left out. */
function quoted(value: string): string | null {
  if (value.includes('$')) return null;
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function mustQuote(value: string): string {
  const text = quoted(value);
  if (text === null) throw new Error(`nginx would read ${value} as holding a variable ($)`);
  return text;
}

export function nginxConfig(options: NginxOptions, pages: SavedPage[]): string {
  const locations = pages.map((page, index) => {
    // nginx matches the decoded path, without the query.
    const urlPath = decodeURIComponent(new URL(page.url, 'http://localhost').pathname);
    const headers = page.headers
      .filter(([name]) => !OWN_HEADERS.has(name))
      .map(([name, value]) => {
        const text = quoted(value);
        return text ? `      add_header ${name} ${text};` : null;
      })
      .filter(Boolean);
    return [
      `    location = ${mustQuote(urlPath)} {`,
      // A URL ending in / is a folder for nginx's static module: try_files serves the file itself.
      `      try_files /page-${index} =404;`,
      '      types { }',
      `      default_type ${mustQuote(page.contentType)};`,
      ...headers,
      '    }',
    ].join('\n');
  });
  const dir = options.dir;
  return `# Written by bench/run.ts for one run; removed with its folder.
daemon off;
master_process on;
worker_processes ${options.workerProcesses};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;

events {
  worker_connections 1024;
}

http {
  access_log ${options.accessLog ? '/dev/null combined' : 'off'};
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  sendfile on;
  tcp_nopush on;
  gzip off;
  # The app keeps a connection open for any number of requests (Node's default): so does nginx.
  keepalive_timeout 75s;
  keepalive_requests 1000000;

  server {
    listen 127.0.0.1:${options.port};
    root ${dir}/www;
${locations.join('\n')}
  }
}
`;
}

export interface NginxProcess {
  pid: number;
  stop(): Promise<void>;
}

export async function startNginx(options: NginxOptions, pages: SavedPage[]): Promise<NginxProcess> {
  const www = path.join(options.dir, 'www');
  await mkdir(www, { recursive: true });
  // Run as root, nginx's workers take another user: they must be able to read the files.
  await chmod(options.dir, 0o755);
  await chmod(www, 0o755);
  await Promise.all(pages.map((page, index) => writeFile(path.join(www, `page-${index}`), page.body)));
  const configFile = path.join(options.dir, 'nginx.conf');
  await writeFile(configFile, nginxConfig(options, pages));
  const args = ['-p', options.dir, '-e', path.join(options.dir, 'error.log'), '-c', configFile];
  // Refuses a configuration with its reason before anything is measured.
  await runToEnd(options.executable, ['-t', '-q', ...args], { timeoutMs: 30_000 });

  const { child, exited } = spawnTracked(options.executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const stop = () => stopChild(child, exited);
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    if ((await ask(options.port, pages[0]?.url ?? '/')) === 200) return { pid: child.pid!, stop };
    await sleep(20);
  }
  await stop();
  const errorLog = await readFile(path.join(options.dir, 'error.log'), 'utf8').catch(() => '');
  throw new Error(`nginx did not answer 200 in 30 s:\n${output}${errorLog}`);
}
