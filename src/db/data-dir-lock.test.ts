import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-dir.js';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

const tempDir = useTempDirs('entente-lock');

describe('lockDataDir', () => {
  it('refuses a second holder while the first is alive', async () => {
    const dataDir = await tempDir();
    // A live process other than this one holds the lock.
    await writeFile(path.join(dataDir, 'entente.lock'), String(process.ppid));
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(/déjà utilisé par un autre processus Entente/);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dataDir = await tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    await writeFile(path.join(dataDir, 'entente.lock'), gone.stdout.toString());
    const lock = lockDataDir(dataDir);
    expect(await readFile(path.join(dataDir, 'entente.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('can be taken again once released', async () => {
    const dataDir = await tempDir();
    lockDataDir(dataDir).release();
    const again = lockDataDir(dataDir);
    again.release();
  });
});
