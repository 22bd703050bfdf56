/**
 * Programs the bench needs from the system (nginx, wrk): found on the PATH or in the sbin folders,
 * or installed from the Debian package when this runs as root on a machine with apt-get.
 */

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface Tool {
  path: string;
  /** One line for the output: where it was found, or that it was installed now. */
  how: string;
}

export function findExecutable(name: string): string | null {
  const folders = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const folder of folders.filter(Boolean)) {
    const candidate = path.join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return null;
}

const runsAsRoot = () => process.getuid?.() === 0;

function aptGet(args: string[]): boolean {
  const result = spawnSync('apt-get', args, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  });
  return result.status === 0;
}

/**
 * The program `name`, or null if it is missing and cannot be installed here. When missing and
 * this process is root with apt-get, installs the Debian package `debianPackage` (updating the
 * package lists once if the first try fails) and says so.
 */
export function findOrInstall(name: string, debianPackage: string): Tool | null {
  const found = findExecutable(name);
  if (found) return { path: found, how: `found at ${found}` };
  if (!runsAsRoot() || !findExecutable('apt-get')) return null;
  console.log(`${name} not found: installing the Debian package ${debianPackage} (apt-get install)…`);
  const args = ['install', '-y', '--no-install-recommends', debianPackage];
  if (!aptGet(args) && !(aptGet(['update']) && aptGet(args))) return null;
  const installed = findExecutable(name);
  return installed
    ? {
        path: installed,
        how: `installed now from the Debian package ${debianPackage} (apt-get), at ${installed}`,
      }
    : null;
}

/** The first line a program prints about its version (nginx -v writes to stderr). */
export function versionOf(executable: string, flag: string): string {
  const result = spawnSync(executable, [flag], { encoding: 'utf8', timeout: 10_000 });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')[0]?.trim() ?? '';
}
