import { countWorkspaces } from '../modules/workspaces/workspace.repo.js';
import type { FileStorage } from '../platform/storage.js';
import type { DatabaseHandle } from './database.js';
import { migrateToLatest } from './migrate.js';
import { seedDemo } from './seeds/demo.js';

/** What `prepareDatabase` is doing, for the start-up lines and the phase marks. */
export type PrepareStep = 'migrated' | 'seeding' | 'seedChecked';

/**
 * Brings the database up to date at start. Demo data goes only into an empty embedded
 * database: a PostgreSQL database gets it only through `db:seed -- --demo`.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  storage: FileStorage,
  onStep: (step: PrepareStep) => void = () => {},
): Promise<{ seeded: boolean }> {
  await migrateToLatest(handle.db);
  onStep('migrated');
  if (handle.engine === 'pglite' && (await countWorkspaces(handle.db)) === 0) {
    onStep('seeding');
    await seedDemo(handle.db, storage);
    onStep('seedChecked');
    return { seeded: true };
  }
  onStep('seedChecked');
  return { seeded: false };
}
