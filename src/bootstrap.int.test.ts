import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/helpers/database.js';
import { useTempDirs } from '../test/helpers/temp-dir.js';
import { prepareDatabase } from './bootstrap.js';
import { pendingMigrations } from './db/migrate.js';
import { countWorkspaces } from './modules/workspaces/workspace.repo.js';
import { createFileStorage } from './platform/storage.js';

const tempDir = useTempDirs('entente-boot');

describe('prepareDatabase', () => {
  it('loads the demo into an empty embedded database only, and only once', async () => {
    const database = await createTestDatabase();
    const storage = createFileStorage(await tempDir());
    try {
      const first = await prepareDatabase(database, storage);
      const second = await prepareDatabase(database, storage);
      if (database.engine === 'pglite') {
        expect(first.seeded).toBe(true);
        expect(await countWorkspaces(database.db)).toBe(2);
      } else {
        // PostgreSQL gets the demo only through `db:seed -- --demo`.
        expect(first.seeded).toBe(false);
        expect(await countWorkspaces(database.db)).toBe(0);
      }
      expect(second.seeded).toBe(false);
      // The demo's accounts are pointed to at start only where the demo is.
      expect(second.demo).toBe(database.engine === 'pglite');
      // A restart finds nothing to migrate and skips the Migrator.
      expect(await pendingMigrations(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
