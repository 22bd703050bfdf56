import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/database.js';
import { verifyPassword } from '../../src/platform/auth/password.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const CLI = path.resolve('src/cli.ts');
const tempDir = useTempDirs('entente-cli');

function entente(dataDir: string, args: string[], input = '') {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('the entente command', () => {
  it('creates a workspace and its first admin, whose password works', async () => {
    const dataDir = await tempDir();
    const workspace = entente(dataDir, [
      'workspace',
      'add',
      '--slug',
      'ville-test',
      '--name',
      'Ville test',
      '--host',
      'ville.example.test',
    ]);
    expect(workspace.code, workspace.out).toBe(0);
    const user = entente(
      dataDir,
      [
        'user',
        'add',
        '--workspace',
        'ville-test',
        '--email',
        'maire@ville.example.test',
        '--name',
        'Marie Maire',
        '--role',
        'admin',
      ],
      'un mot de passe assez long\n',
    );
    expect(user.code, user.out).toBe(0);
    expect(user.out).toContain('Marie Maire peut se connecter');

    const database = await openPglite({ dataDir });
    try {
      const row = await database.db
        .selectFrom('users')
        .innerJoin('memberships', 'memberships.user_id', 'users.id')
        .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
        .select(['users.password_hash', 'memberships.role', 'workspaces.host_names'])
        .where('users.email', '=', 'maire@ville.example.test')
        .executeTakeFirstOrThrow();
      expect(row.role).toBe('admin');
      expect(row.host_names).toEqual(['ville.example.test']);
      expect(await verifyPassword('un mot de passe assez long', row.password_hash!)).toBe(true);
      const audit = await database.db
        .selectFrom('audit_events')
        .select('action')
        .where('record_type', '=', 'user')
        .execute();
      expect(audit.map((event) => event.action)).toContain('cli_add');
    } finally {
      await database.close();
    }
  });

  it('refuses a short password and an unknown role with a French message, before touching the database', async () => {
    const dataDir = await tempDir();
    const short = entente(
      dataDir,
      ['user', 'add', '--workspace', 'ville-test', '--email', 'a@b.test', '--name', 'A'],
      'court\n',
    );
    expect(short.code).toBe(2);
    expect(short.out).toContain('Le mot de passe doit compter de 12');
    const role = entente(
      dataDir,
      ['user', 'add', '--workspace', 'ville-test', '--email', 'a@b.test', '--name', 'A', '--role', 'chef'],
      'x'.repeat(20),
    );
    expect(role.code).toBe(2);
    expect(role.out).toContain('--role');
  });

  it('does not load the demo into a database that has workspaces', async () => {
    const dataDir = await tempDir();
    entente(dataDir, ['workspace', 'add', '--slug', 'ville-test', '--name', 'Ville test']);
    const seeded = entente(dataDir, ['seed', '--demo']);
    expect(seeded.code).toBe(2);
    expect(seeded.out).toContain('contient déjà des espaces');
  });
});
