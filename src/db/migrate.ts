import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.js';
import * as createContentTables from './migrations/202611261700_create_content_tables.js';
import * as createAccountsAuditTrash from './migrations/202611261800_create_accounts_audit_trash.js';

/** Listed by hand so that the build needs no file-system scan and the order is explicit. */
const migrations: Record<string, Migration> = {
  '202611261700_create_content_tables': createContentTables,
  '202611261800_create_accounts_audit_trash': createAccountsAuditTrash,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * `schema` keeps Kysely's bookkeeping tables in that schema: Kysely looks for them across every
 * schema, so databases holding one schema per test file need it (see test/helpers/database.ts).
 */
export async function migrateToLatest(db: Db, options: { schema?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: options.schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
