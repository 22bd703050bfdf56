import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/database.js';
import { verifyPassword } from '../../src/platform/auth/password.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const CLI = path.resolve('src/cli.ts');
const tempDir = useTempDirs('entente-cli');

/**
 * One command may take long on a loaded machine (tsx, then PGlite's first start), but never
 * forever: it is killed after this, and each test's own timeout is the sum of its commands'.
 */
const COMMAND_TIMEOUT_MS = 120_000;
const timeoutFor = (commands: number) => commands * COMMAND_TIMEOUT_MS + 30_000;

/** Runs `entente …` on the embedded database in `dataDir`, without blocking the test's process. */
function entente(dataDir: string, args: string[], input = ''): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { env, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
    child.stdin?.end(input);
  });
}

async function withDatabase<T>(
  dataDir: string,
  read: (db: Awaited<ReturnType<typeof openPglite>>['db']) => Promise<T>,
) {
  const database = await openPglite({ dataDir });
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}

describe('the entente command', () => {
  it(
    'creates a workspace and its first admin, whose password works',
    async () => {
      const dataDir = await tempDir();
      const workspace = await entente(dataDir, [
        'workspace',
        'add',
        '--slug',
        'ville-test',
        '--name',
        'Ville test',
        '--host',
        'Ville.Example.Test.',
      ]);
      expect(workspace.code, workspace.out).toBe(0);
      const user = await entente(
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
        ],
        'un mot de passe assez long\n',
      );
      expect(user.code, user.out).toBe(0);
      expect(user.out).toContain('Marie Maire peut se connecter');

      await withDatabase(dataDir, async (db) => {
        const row = await db
          .selectFrom('users')
          .innerJoin('memberships', 'memberships.user_id', 'users.id')
          .select(['users.password_hash', 'memberships.role', 'memberships.workspace_id'])
          .where('users.email', '=', 'maire@ville.example.test')
          .executeTakeFirstOrThrow();
        expect(row.role).toBe('admin');
        expect(await verifyPassword('un mot de passe assez long', row.password_hash!)).toBe(true);
        const hosts = await db
          .selectFrom('workspace_hosts')
          .select('host_name')
          .where('workspace_id', '=', row.workspace_id)
          .execute();
        expect(hosts.map((host) => host.host_name)).toEqual(['ville.example.test']);
        const audit = await db.selectFrom('audit_events').select('action').execute();
        expect(audit.map((event) => event.action)).toEqual(expect.arrayContaining(['cli_add', 'host_add']));
      });
    },
    timeoutFor(2),
  );

  it(
    'adds, lists and removes host names, normalised, and refuses an address or a taken name in French',
    async () => {
      const dataDir = await tempDir();
      const run = (...args: string[]) => entente(dataDir, args);
      expect(
        (
          await run(
            'workspace',
            'add',
            '--slug',
            'premier',
            '--name',
            'Premier',
            '--host',
            'premier.example.test',
          )
        ).code,
      ).toBe(0);
      expect((await run('workspace', 'add', '--slug', 'second', '--name', 'Second')).code).toBe(0);

      const added = await run(
        'workspace',
        'host',
        'add',
        '--workspace',
        'second',
        '--host',
        'Second.Example.TEST.:8080',
      );
      expect(added.code, added.out).toBe(0);
      expect(added.out).toContain(messages.workspaces.hostAdded('second.example.test', 'Second'));

      const address = await run('workspace', 'host', 'add', '--workspace', 'second', '--host', '127.0.0.1');
      expect(address.code).toBe(2);
      expect(address.out).toContain(messages.workspaces.errors.hostIsAddress('127.0.0.1'));

      const taken = await run(
        'workspace',
        'host',
        'add',
        '--workspace',
        'second',
        '--host',
        'premier.example.test',
      );
      expect(taken.code).toBe(2);
      expect(taken.out).toContain(messages.workspaces.errors.hostTaken('premier.example.test', 'Premier'));

      const listed = await run('workspace', 'host', 'list', '--workspace', 'second');
      expect(listed.code, listed.out).toBe(0);
      expect(listed.out).toContain('second.example.test');

      const removed = await run(
        'workspace',
        'host',
        'remove',
        '--workspace',
        'second',
        '--host',
        'second.example.test',
      );
      expect(removed.code, removed.out).toBe(0);
      const again = await run(
        'workspace',
        'host',
        'remove',
        '--workspace',
        'second',
        '--host',
        'second.example.test',
      );
      expect(again.code).toBe(2);
      expect(again.out).toContain(messages.workspaces.errors.hostNotListed('second.example.test', 'Second'));

      await withDatabase(dataDir, async (db) => {
        const hosts = await db
          .selectFrom('workspace_hosts')
          .select('host_name')
          .orderBy('host_name')
          .execute();
        expect(hosts.map((host) => host.host_name)).toEqual(['premier.example.test']);
      });
    },
    timeoutFor(8),
  );

  it(
    'refuses a short password and an unknown role with a French message, before touching the database',
    async () => {
      const dataDir = await tempDir();
      const short = await entente(
        dataDir,
        ['user', 'add', '--workspace', 'ville-test', '--email', 'a@b.test', '--name', 'A'],
        'court\n',
      );
      expect(short.code).toBe(2);
      expect(short.out).toContain('Le mot de passe doit compter de 12');
      const role = await entente(
        dataDir,
        ['user', 'add', '--workspace', 'ville-test', '--email', 'a@b.test', '--name', 'A', '--role', 'chef'],
        'x'.repeat(20),
      );
      expect(role.code).toBe(2);
      expect(role.out).toContain('--role');
    },
    timeoutFor(2),
  );

  it(
    'does not load the demo into a database that has workspaces',
    async () => {
      const dataDir = await tempDir();
      await entente(dataDir, ['workspace', 'add', '--slug', 'ville-test', '--name', 'Ville test']);
      const seeded = await entente(dataDir, ['seed', '--demo']);
      expect(seeded.code).toBe(2);
      expect(seeded.out).toContain('contient déjà des espaces');
    },
    timeoutFor(2),
  );

  it(
    'imports the gazetteer, and the second time changes nothing',
    async () => {
      const dataDir = await tempDir();
      const first = await entente(dataDir, ['seed']);
      expect(first.code, first.out).toBe(0);
      expect(first.out).toMatch(/Répertoire géographique importé\s:\s16\d\s\d{3}\slieux/);
      const second = await entente(dataDir, ['seed']);
      expect(second.code, second.out).toBe(0);
      expect(second.out).toContain('Répertoire géographique déjà à jour');
      await withDatabase(dataDir, async (db) => {
        const cc = await db
          .selectFrom('gazetteer_places')
          .select(['name', 'siren'])
          .where('key', '=', 'epci:240500462')
          .executeTakeFirst();
        expect(cc).toEqual({ name: 'CC du Pays des Ecrins', siren: '240500462' });
      });
    },
    timeoutFor(2),
  );
});
