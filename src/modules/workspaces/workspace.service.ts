import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Workspace } from '../../db/schema.js';
import { findWorkspaceForHost } from './workspace.repo.js';

/** "Example.fr:3000" → "example.fr"; IPv6 literals keep their brackets. */
export function normaliseHostName(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

export async function resolveWorkspace(
  db: Db,
  hostHeader: string | undefined,
): Promise<Workspace | undefined> {
  return findWorkspaceForHost(db, normaliseHostName(hostHeader));
}

/**
 * The base of every absolute link of a workspace. It comes from configuration and the
 * workspace's own host names, never from the request: a forged Host header must not put
 * another site's address in a mail we send.
 */
export function workspacePublicUrl(config: Pick<Config, 'publicUrl'>, workspace: Workspace): URL {
  const base = new URL(config.publicUrl.href);
  const ownHost = workspace.host_names[0];
  if (!workspace.is_default && ownHost) base.hostname = ownHost;
  base.pathname = '/';
  base.search = '';
  base.hash = '';
  return base;
}

export function absoluteUrl(base: URL, path: string): string {
  return new URL(path, base).href;
}
