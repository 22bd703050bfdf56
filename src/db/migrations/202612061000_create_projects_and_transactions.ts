import { type Kysely, sql } from 'kysely';

/**
 * Projects (what a partnership does), with what IATI 2.03 and the e-APD declaration ask of an
 * activity: sectors and recipient countries with their percentages, participating organisations
 * with their IATI roles, locations, OECD policy markers, SDG goals, budgets; and their
 * transactions, each a record of its own (versions, history, trash).
 * Codes are IATI's: status is ActivityStatus, role OrganisationRole, a transaction's type
 * TransactionType, a budget's kind BudgetType, a sector a 5-digit DAC code (Sector).
 * Every reference carries workspace_id, so no row points into another workspace.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE projects (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    partnership_id uuid NOT NULL,
    convention_id uuid,
    title text NOT NULL CHECK (length(trim(title)) > 0),
    description text NOT NULL DEFAULT '',
    -- The partner's language (ISO 639-1) and the title and description written in it.
    partner_language text CHECK (partner_language ~ '^[a-z]{2}$'),
    title_partner text NOT NULL DEFAULT '',
    description_partner text NOT NULL DEFAULT '',
    kind text NOT NULL CHECK (kind IN ('friendship_twinning', 'cultural_exchange', 'sustainable_economy',
      'institutional_support', 'education_youth', 'emergency_humanitarian', 'awareness')),
    status smallint NOT NULL DEFAULT 2 CHECK (status BETWEEN 1 AND 6),
    planned_start text CHECK (planned_start ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    planned_end text CHECK (planned_end ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    actual_start text CHECK (actual_start ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    actual_end text CHECK (actual_end ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    -- The legal basis and channel the e-APD declaration sorts spending by.
    eapd_category text NOT NULL DEFAULT 'cooperation' CHECK (eapd_category IN ('cooperation',
      'water_sanitation', 'waste', 'energy', 'emergency_humanitarian', 'awareness')),
    -- OECD DAC policy markers, 0 not targeted, 1 significant, 2 principal; null: not assessed.
    marker_gender smallint CHECK (marker_gender BETWEEN 0 AND 2),
    marker_environment smallint CHECK (marker_environment BETWEEN 0 AND 2),
    marker_biodiversity smallint CHECK (marker_biodiversity BETWEEN 0 AND 2),
    marker_climate_mitigation smallint CHECK (marker_climate_mitigation BETWEEN 0 AND 2),
    marker_climate_adaptation smallint CHECK (marker_climate_adaptation BETWEEN 0 AND 2),
    sdg_goals text NOT NULL DEFAULT '' CHECK (sdg_goals ~ '^(\\d{1,2}(,\\d{1,2})*)?$'),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users (id),
    deletion_id uuid,
    version integer NOT NULL DEFAULT 1,
    UNIQUE (workspace_id, id),
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
    CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start),
    FOREIGN KEY (workspace_id, partnership_id) REFERENCES partnerships (workspace_id, id),
    FOREIGN KEY (workspace_id, convention_id) REFERENCES conventions (workspace_id, id)
      ON DELETE SET NULL (convention_id)
  )`.execute(db);
  await sql`CREATE INDEX projects_partnership ON projects (partnership_id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX projects_workspace ON projects (workspace_id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE TRIGGER projects_record_version BEFORE UPDATE ON projects
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);

  await sql`CREATE TABLE project_sectors (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    code text NOT NULL CHECK (code ~ '^\\d{5}$'),
    percentage numeric(5, 2) NOT NULL CHECK (percentage > 0 AND percentage <= 100),
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, code),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);

  await sql`CREATE TABLE project_countries (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    percentage numeric(5, 2) NOT NULL CHECK (percentage > 0 AND percentage <= 100),
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, country),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);

  await sql`CREATE TABLE project_participants (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    role smallint NOT NULL CHECK (role BETWEEN 1 AND 4),
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, organisation_id, role),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisations (workspace_id, id)
  )`.execute(db);
  await sql`CREATE INDEX project_participants_organisation ON project_participants (organisation_id)`.execute(
    db,
  );

  // Where the project happens: organisations of the workspace, each with its gazetteer position.
  await sql`CREATE TABLE project_locations (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, organisation_id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisations (workspace_id, id)
  )`.execute(db);
  await sql`CREATE INDEX project_locations_organisation ON project_locations (organisation_id)`.execute(db);

  await sql`CREATE TABLE project_budgets (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    kind smallint NOT NULL DEFAULT 1 CHECK (kind IN (1, 2)),
    period_start text NOT NULL CHECK (period_start ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    period_end text NOT NULL CHECK (period_end ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, position),
    CHECK (period_end >= period_start),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);

  await sql`CREATE TABLE project_transactions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id uuid NOT NULL,
    type smallint NOT NULL CHECK (type BETWEEN 1 AND 13),
    transaction_date text NOT NULL CHECK (transaction_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    provider_organisation_id uuid,
    receiver_organisation_id uuid,
    description text NOT NULL DEFAULT '',
    document_id uuid,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users (id),
    deletion_id uuid,
    version integer NOT NULL DEFAULT 1,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, project_id) REFERENCES projects (workspace_id, id),
    FOREIGN KEY (workspace_id, provider_organisation_id) REFERENCES organisations (workspace_id, id),
    FOREIGN KEY (workspace_id, receiver_organisation_id) REFERENCES organisations (workspace_id, id),
    FOREIGN KEY (workspace_id, document_id) REFERENCES documents (workspace_id, id) ON DELETE SET NULL (document_id)
  )`.execute(db);
  await sql`CREATE INDEX project_transactions_project ON project_transactions (project_id, transaction_date)`.execute(
    db,
  );
  await sql`CREATE INDEX project_transactions_provider ON project_transactions (provider_organisation_id)`.execute(
    db,
  );
  await sql`CREATE INDEX project_transactions_receiver ON project_transactions (receiver_organisation_id)`.execute(
    db,
  );
  await sql`CREATE TRIGGER project_transactions_record_version BEFORE UPDATE ON project_transactions
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE project_transactions`.execute(db);
  await sql`DROP TABLE project_budgets`.execute(db);
  await sql`DROP TABLE project_locations`.execute(db);
  await sql`DROP TABLE project_participants`.execute(db);
  await sql`DROP TABLE project_countries`.execute(db);
  await sql`DROP TABLE project_sectors`.execute(db);
  await sql`DROP TABLE projects`.execute(db);
}
