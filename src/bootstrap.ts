import type { DatabaseHandle } from './db/database.js';
import { migrateToLatest, pendingMigrations } from './db/migrate.js';
import { DEMO, seedDemo } from './db/seeds/demo.js';
import { hasGazetteer, type ImportReport, importGazetteer } from './modules/gazetteer/gazetteer.service.js';
import { readGazetteerSource } from './modules/gazetteer/gazetteer.source.js';
import { countWorkspaces, findWorkspaceBySlug } from './modules/workspaces/workspace.repo.js';
import type { FileStorage } from './platform/storage.js';

/** What `prepareDatabase` is doing, for the start-up lines and the phase marks. */
export type PrepareStep =
  | { step: 'migrating'; pending: number }
  | { step: 'migrated' }
  | { step: 'importingGazetteer' }
  | { step: 'gazetteerImported'; report: ImportReport }
  | { step: 'seeding' }
  | { step: 'seedChecked' };

/**
 * Brings the database up to date at start, fills an empty gazetteer of an embedded database, and
 * loads the demo. Demo data goes only into an empty embedded
 * database: a PostgreSQL database gets it only through `db:seed -- --demo`. `demo` says whether
 * the demo's workspace is there (seeded now or before), for the line that points to its accounts.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  storage: FileStorage,
  onStep: (event: PrepareStep) => void = () => {},
): Promise<{ seeded: boolean; demo: boolean }> {
  const pending = await pendingMigrations(handle.db);
  if (pending.length > 0) {
    onStep({ step: 'migrating', pending: pending.length });
    await migrateToLatest(handle.db);
  }
  onStep({ step: 'migrated' });
  // The embedded database gets the gazetteer at its first start (a PostgreSQL database through
  // `db:seed`), before the demo, whose organisations come from it. One cheap query on a restart.
  if (handle.engine === 'pglite' && !(await hasGazetteer(handle.db))) {
    onStep({ step: 'importingGazetteer' });
    const report = await importGazetteer(handle.db, readGazetteerSource());
    onStep({ step: 'gazetteerImported', report });
  }
  // One query on a restart: the demo's workspace is there, or the database is not empty.
  const demo = (await findWorkspaceBySlug(handle.db, DEMO.workspaceSlug)) !== undefined;
  if (!demo && handle.engine === 'pglite' && (await countWorkspaces(handle.db)) === 0) {
    onStep({ step: 'seeding' });
    await seedDemo(handle.db, storage);
    onStep({ step: 'seedChecked' });
    return { seeded: true, demo: true };
  }
  onStep({ step: 'seedChecked' });
  return { seeded: false, demo };
}
