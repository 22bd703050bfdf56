import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Workspace } from '../../db/schema.js';
import { insertAuditEvent } from '../../platform/audit/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import { RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { checkHostName, hostOfHeader } from './host-names.js';
import {
  deleteWorkspaceHost,
  findHostOwner,
  findWorkspaceById,
  findWorkspaceForHost,
  findWorkspaceForUpdate,
  insertWorkspace,
  insertWorkspaceHost,
  listWorkspaces,
} from './workspace.repo.js';

const text = messages.workspaces;

export async function resolveWorkspace(
  db: Db,
  hostHeader: string | undefined,
): Promise<Workspace | undefined> {
  return findWorkspaceForHost(db, hostOfHeader(hostHeader));
}

/**
 * The workspaces and their host names, kept in memory so that a request finds its workspace
 * without a query. Read again whenever a workspace's publication version moves (a host name
 * added or removed bumps it, in this process or another) or a workspace appears.
 */
export interface WorkspaceDirectory {
  /** The workspace of a Host header, once the reads asked for so far have finished. */
  resolve(hostHeader: string | undefined): Promise<Workspace | undefined>;
  /** The same without waiting; null while a read is under way (the caller takes the slow path). */
  resolveNow(hostHeader: string | undefined): Workspace | undefined | null;
  /** Reads the workspaces again; requests resolved from now on wait for it. */
  reload(): Promise<void>;
}

export async function createWorkspaceDirectory(db: Db): Promise<WorkspaceDirectory> {
  let byHost = new Map<string, Workspace>();
  let fallback: Workspace | undefined;
  let loading: Promise<void> | null = null;
  const load = async () => {
    const workspaces = await listWorkspaces(db);
    const hosts = new Map<string, Workspace>();
    for (const workspace of workspaces) {
      for (const host of workspace.host_names) hosts.set(host, workspace);
    }
    byHost = hosts;
    fallback = workspaces.find((workspace) => workspace.is_default);
  };
  // One read after another: the last to finish began after the last change it was asked for. A
  // change is told (publication.onChange) as soon as it is committed, so a request that follows
  // it waits here for a read that sees it.
  const reload = () => {
    const next = (loading ?? Promise.resolve()).catch(() => undefined).then(load);
    loading = next;
    void next
      .catch(() => undefined)
      .then(() => {
        if (loading === next) loading = null;
      });
    return next;
  };
  const lookUp = (hostHeader: string | undefined) => byHost.get(hostOfHeader(hostHeader)) ?? fallback;
  await reload();
  return {
    async resolve(hostHeader) {
      if (loading) await loading.catch(() => undefined);
      return lookUp(hostHeader);
    },
    resolveNow: (hostHeader) => (loading ? null : lookUp(hostHeader)),
    reload,
  };
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

export interface WorkspaceHostDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl'>;
}

/**
 * Host-name changes are shown in the history of the site settings, where the back office shows
 * the names (read only).
 */
export const HOST_NAMES_HISTORY_RECORD_TYPE = 'site_settings';

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}

/** The normalised name, or a RuleError with the French reason. */
function validHostName(input: string): string {
  const check = checkHostName(input);
  if (!check.ok) throw new RuleError('host', check.message);
  return check.host;
}

async function refuseIfTaken(db: Db, workspace: Workspace, host: string): Promise<void> {
  const owner = await findHostOwner(db, host);
  if (owner?.id === workspace.id) throw new RuleError('host', text.errors.hostAlreadyHere(host));
  if (owner) throw new RuleError('host', text.errors.hostTaken(host, owner.name));
}

async function addHostIn(trx: Db, deps: WorkspaceHostDeps, workspace: Workspace, host: string, now: Date) {
  // The default workspace answers PUBLIC_URL's host without listing it; another workspace
  // listing it would take over the default workspace's public address and its e-mails' links.
  if (!workspace.is_default && host === deps.config.publicUrl.hostname.toLowerCase()) {
    throw new RuleError('host', text.errors.hostPublicUrl(host));
  }
  await refuseIfTaken(trx, workspace, host);
  await insertWorkspaceHost(trx, { host_name: host, workspace_id: workspace.id, added_at: now });
  await insertAuditEvent(trx, {
    workspaceId: workspace.id,
    actorUserId: null,
    action: 'host_add',
    recordType: HOST_NAMES_HISTORY_RECORD_TYPE,
    recordId: workspace.id,
    before: { host_names: workspace.host_names },
    after: { host_names: [...workspace.host_names, host] },
    at: now,
  });
}

/**
 * Runs a change of host names; a name another workspace took at the same moment (the unique key
 * refused it) is told as taken, in French, like one taken before.
 */
async function withHostRace<T>(
  deps: WorkspaceHostDeps,
  workspace: Workspace,
  host: string,
  change: () => Promise<T>,
) {
  try {
    return await change();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await refuseIfTaken(deps.db, workspace, host);
    throw error;
  }
}

/** `entente workspace host add`: the workspace answers on one more host name. */
export async function addWorkspaceHost(
  deps: WorkspaceHostDeps,
  workspaceId: string,
  input: string,
): Promise<{ host: string; workspace: Workspace }> {
  const host = validHostName(input);
  const now = deps.clock.now();
  return withHostRace(deps, { id: workspaceId } as Workspace, host, () =>
    deps.db.transaction().execute(async (trx) => {
      const workspace = await findWorkspaceForUpdate(trx, workspaceId);
      if (!workspace) throw new RuleError('workspace', messages.notFound.lead);
      await addHostIn(trx, deps, workspace, host, now);
      return { host, workspace };
    }),
  );
}

/** `entente workspace host remove`: the name no longer leads to this workspace. */
export async function removeWorkspaceHost(
  deps: WorkspaceHostDeps,
  workspaceId: string,
  input: string,
): Promise<{ host: string; workspace: Workspace }> {
  const check = checkHostName(input);
  const host = check.ok ? check.host : input.trim().toLowerCase();
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const workspace = await findWorkspaceForUpdate(trx, workspaceId);
    if (!workspace) throw new RuleError('workspace', messages.notFound.lead);
    if (!(await deleteWorkspaceHost(trx, workspace.id, host)))
      throw new RuleError('host', text.errors.hostNotListed(host, workspace.name));
    await insertAuditEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: null,
      action: 'host_remove',
      recordType: HOST_NAMES_HISTORY_RECORD_TYPE,
      recordId: workspace.id,
      before: { host_names: workspace.host_names },
      after: { host_names: workspace.host_names.filter((name) => name !== host) },
      at: now,
    });
    return { host, workspace };
  });
}

/** `entente workspace add`: a workspace and its first host names, all or nothing. */
export async function createWorkspace(
  deps: WorkspaceHostDeps,
  values: { slug: string; name: string; isDefault: boolean; hosts: string[] },
): Promise<Workspace> {
  const hosts = [...new Set(values.hosts.map(validHostName))];
  const now = deps.clock.now();
  const create = () =>
    deps.db.transaction().execute(async (trx) => {
      let workspace = await insertWorkspace(trx, {
        slug: values.slug,
        name: values.name,
        is_default: values.isDefault,
      });
      for (const host of hosts) {
        await addHostIn(trx, deps, workspace, host, now);
        workspace = { ...workspace, host_names: [...workspace.host_names, host] };
      }
      return workspace;
    });
  try {
    return await create();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    for (const host of hosts) await refuseIfTaken(deps.db, { id: '' } as Workspace, host);
    throw error;
  }
}

/** A workspace by its id, with its host names (for work done outside a request: a job). */
export function findWorkspace(db: Db, workspaceId: string): Promise<Workspace | undefined> {
  return findWorkspaceById(db, workspaceId);
}
