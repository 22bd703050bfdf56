import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import type { Workspace } from '../../db/schema.js';
import { DEMO, DEMO_SECOND } from '../../db/seeds/demo.js';
import { RuleError } from '../../platform/errors-typed.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from './workspace.repo.js';
import {
  addWorkspaceHost,
  createWorkspace,
  removeWorkspaceHost,
  resolveWorkspace,
  type WorkspaceHostDeps,
} from './workspace.service.js';

const errors = messages.workspaces.errors;

let t: TestApp;
let deps: WorkspaceHostDeps;
let main: Workspace;
let second: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  deps = { db: t.database.db, clock: t.clock, config: t.config };
  main = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
  second = (await findWorkspaceBySlug(t.database.db, DEMO_SECOND.workspaceSlug))!;
});
afterAll(async () => {
  await t?.close();
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RuleError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

const hostsOf = async (workspaceId: string) =>
  (
    await t.database.db
      .selectFrom('workspace_hosts')
      .select('host_name')
      .where('workspace_id', '=', workspaceId)
      .orderBy('position')
      .execute()
  ).map((row) => row.host_name);

describe('host names, set by the operator', () => {
  it('adds a name normalised, and the workspace answers on it at once; removing it gives it back to the default', async () => {
    const { host } = await addWorkspaceHost(deps, second.id, ' Taliouine.Example.ORG.:443 ');
    expect(host).toBe('taliouine.example.org');
    expect(await hostsOf(second.id)).toEqual([DEMO_SECOND.hostName, 'taliouine.example.org']);
    expect((await resolveWorkspace(t.database.db, 'TALIOUINE.example.org.:3000'))?.id).toBe(second.id);

    await removeWorkspaceHost(deps, second.id, 'taliouine.example.org');
    expect((await resolveWorkspace(t.database.db, 'taliouine.example.org'))?.id).toBe(main.id);
    const history = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('record_type', '=', 'site_settings')
      .where('record_id', '=', second.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { action: 'host_add', actor_user_id: null },
      { action: 'host_remove', actor_user_id: null },
    ]);
  });

  it('refuses a name another workspace has, naming it, and a name it has already', async () => {
    expect(await refusal(addWorkspaceHost(deps, second.id, 'localhost'))).toBe(
      errors.hostTaken('localhost', main.name),
    );
    expect(await refusal(addWorkspaceHost(deps, second.id, DEMO_SECOND.hostName))).toBe(
      errors.hostAlreadyHere(DEMO_SECOND.hostName),
    );
  });

  it('refuses another workspace the host of PUBLIC_URL, and IP addresses to any', async () => {
    const publicHost = t.config.publicUrl.hostname;
    expect(await refusal(addWorkspaceHost(deps, second.id, publicHost))).toBe(
      errors.hostPublicUrl(publicHost),
    );
    expect(await refusal(addWorkspaceHost(deps, main.id, '[::1]'))).toBe(errors.hostIsAddress('[::1]'));
    expect(await refusal(addWorkspaceHost(deps, main.id, '127.0.0.1'))).toBe(
      errors.hostIsAddress('127.0.0.1'),
    );
    expect(await hostsOf(second.id)).toEqual([DEMO_SECOND.hostName]);
  });

  it('gives a name asked for by two workspaces at the same moment to one of them only', async () => {
    const third = await createWorkspace(deps, {
      slug: 'troisieme',
      name: 'Troisième',
      isDefault: false,
      hosts: [],
    });
    const contested = 'dispute.example.org';
    const outcomes = await Promise.allSettled([
      addWorkspaceHost(deps, second.id, contested),
      addWorkspaceHost(deps, third.id, contested),
      addWorkspaceHost(deps, second.id, contested),
      addWorkspaceHost(deps, third.id, contested),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(RuleError);
    }
    const owners = await t.database.db
      .selectFrom('workspace_hosts')
      .selectAll()
      .where('host_name', '=', contested)
      .execute();
    expect(owners).toHaveLength(1);
    await removeWorkspaceHost(deps, owners[0]!.workspace_id, contested);
  });

  it('is held by the database itself: one workspace per name, names only in normalised form', async () => {
    const insert = (host_name: string, workspace_id: string) =>
      t.database.db.insertInto('workspace_hosts').values({ host_name, workspace_id }).execute();
    await expect(insert('localhost', second.id)).rejects.toMatchObject({ code: '23505' });
    for (const bad of [
      'Majuscules.example',
      'point-final.example.',
      'port.example:80',
      '127.0.0.1',
      '[::1]',
      'a..b',
      '',
    ]) {
      await expect(insert(bad, second.id), bad).rejects.toMatchObject({ code: '23514' });
    }
  });
});
