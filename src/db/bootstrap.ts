import { countWorkspaces } from '../modules/workspaces/workspace.repo.js';
import type { FileStorage } from '../platform/storage.js';
import type { DatabaseHandle } from './database.js';
import { migrateToLatest } from './migrate.js';
import { seedDemo } from './seeds/demo.js';

/**
 * Brings the database up to date at start. Demo data goes only into an empty embedded
 * database: a PostgreSQL database gets it only through `db:seed -- --demo`.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  storage: FileStorage,
): Promise<{ seeded: boolean }> {
  await migrateToLatest(handle.db);
  if (handle.engine === 'pglite' && (await countWorkspaces(handle.db)) === 0) {
    await seedDemo(handle.db, storage);
    return { seeded: true };
  }
  return { seeded: false };
}
