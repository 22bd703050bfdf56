import { DEFAULT_MIGRATION_TABLE, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './database.js';
import * as createContentTables from './migrations/202611261700_create_content_tables.js';
import * as createAccountsAuditTrash from './migrations/202611261800_create_accounts_audit_trash.js';
import * as createWorkspaceHosts from './migrations/202611301000_create_workspace_hosts.js';
import * as createInvitations from './migrations/202611301100_create_invitations.js';
import * as addWorkspaceToRecordReferences from './migrations/202611301200_add_workspace_to_record_references.js';
import * as addSiteIdentity from './migrations/202612011000_add_site_identity.js';
import * as stripCodesFromSearchText from './migrations/202612011100_strip_codes_from_search_text.js';
import * as addPublicationVersion from './migrations/202612021000_add_publication_version.js';
import * as addRecordVersion from './migrations/202612031000_add_record_version.js';
import * as createJobs from './migrations/202612031100_create_jobs.js';
import * as createRecordDrafts from './migrations/202612041000_create_record_drafts.js';
import * as createDocuments from './migrations/202612041100_create_documents.js';
import * as createGazetteerAndOrganisations from './migrations/202612051000_create_gazetteer_and_organisations.js';
import * as createPartnershipsAndConventions from './migrations/202612051100_create_partnerships_and_conventions.js';
import * as createProjectsAndTransactions from './migrations/202612061000_create_projects_and_transactions.js';
import * as createRemindersSent from './migrations/202612061100_create_reminders_sent.js';
import * as createProjectUpdates from './migrations/202612061200_create_project_updates.js';
import * as createExchangeRates from './migrations/202612061300_create_exchange_rates.js';
import * as createResults from './migrations/202612061400_create_results.js';
import * as createMissions from './migrations/202612061500_create_missions.js';
import * as createUtilityBudgets from './migrations/202612061600_create_utility_budgets.js';
import * as createProjectUpdatePhotos from './migrations/202612061700_create_project_update_photos.js';

/** Listed by hand so that the build needs no file-system scan and the order is explicit. */
const migrations: Record<string, Migration> = {
  '202611261700_create_content_tables': createContentTables,
  '202611261800_create_accounts_audit_trash': createAccountsAuditTrash,
  '202611301000_create_workspace_hosts': createWorkspaceHosts,
  '202611301100_create_invitations': createInvitations,
  '202611301200_add_workspace_to_record_references': addWorkspaceToRecordReferences,
  '202612011000_add_site_identity': addSiteIdentity,
  '202612011100_strip_codes_from_search_text': stripCodesFromSearchText,
  '202612021000_add_publication_version': addPublicationVersion,
  '202612031000_add_record_version': addRecordVersion,
  '202612031100_create_jobs': createJobs,
  '202612041000_create_record_drafts': createRecordDrafts,
  '202612041100_create_documents': createDocuments,
  '202612051000_create_gazetteer_and_organisations': createGazetteerAndOrganisations,
  '202612051100_create_partnerships_and_conventions': createPartnershipsAndConventions,
  '202612061000_create_projects_and_transactions': createProjectsAndTransactions,
  '202612061100_create_reminders_sent': createRemindersSent,
  '202612061200_create_project_updates': createProjectUpdates,
  '202612061300_create_exchange_rates': createExchangeRates,
  '202612061400_create_results': createResults,
  '202612061500_create_missions': createMissions,
  '202612061600_create_utility_budgets': createUtilityBudgets,
  '202612061700_create_project_update_photos': createProjectUpdatePhotos,
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

/** Up (or down) to the named migration: for tests of a migration's handling of older data. */
export async function migrateTo(db: Db, name: string, options: { schema?: string } = {}): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: options.schema });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

/**
 * The migrations not yet applied to this database (default schema), in two small queries: a
 * restart on an up-to-date database then skips the Migrator, whose table checks and lock cost a
 * few hundred milliseconds on PGlite. A database that records a migration this code does not know
 * gets every name back, so that `migrateToLatest` runs and reports it.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const known = Object.keys(migrations);
  const tableExists = sql<{
    present: boolean;
  }>`select to_regclass(${DEFAULT_MIGRATION_TABLE}) is not null as present`;
  if (!(await tableExists.execute(db)).rows[0]?.present) return known;
  const applied = sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`;
  const appliedNames = new Set((await applied.execute(db)).rows.map((row) => row.name));
  if ([...appliedNames].some((name) => !(name in migrations))) return known;
  return known.filter((name) => !appliedNames.has(name));
}
