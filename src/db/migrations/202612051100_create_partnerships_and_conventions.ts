import { type Kysely, sql } from 'kysely';

/**
 * Partnerships (a French authority and a foreign local authority) and the conventions that bind
 * them, with their parties and signatories and their amendments. A convention's status is not
 * stored: it follows from its dates and the day (modules/conventions/convention-rules.ts).
 * Every reference carries workspace_id, so no row points into another workspace.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A partner account represents an organisation of the workspace: chosen when it is invited.
  await sql`ALTER TABLE invitations ADD COLUMN organisation_id uuid,
    ADD CONSTRAINT invitations_organisation_fkey
      FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisations (workspace_id, id)`.execute(db);

  await sql`CREATE TABLE partnerships (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    local_organisation_id uuid NOT NULL,
    partner_organisation_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('cooperation', 'twinning', 'friendship_pact', 'other')),
    since text CHECK (since ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dormant', 'ended')),
    description text NOT NULL DEFAULT '',
    -- Money planned for the partner this year, for the L1115-1 warning (none for an emergency).
    planned_amount_minor bigint CHECK (planned_amount_minor >= 0),
    currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    emergency_humanitarian boolean NOT NULL DEFAULT false,
    -- Read by the partner organisation's accounts (role partner) once an admin shares it.
    shared_with_partner boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users (id),
    deletion_id uuid,
    version integer NOT NULL DEFAULT 1,
    UNIQUE (workspace_id, id),
    CHECK (local_organisation_id <> partner_organisation_id),
    FOREIGN KEY (workspace_id, local_organisation_id) REFERENCES organisations (workspace_id, id),
    FOREIGN KEY (workspace_id, partner_organisation_id) REFERENCES organisations (workspace_id, id)
  )`.execute(db);
  await sql`CREATE INDEX partnerships_workspace ON partnerships (workspace_id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX partnerships_partner ON partnerships (partner_organisation_id)`.execute(db);
  await sql`CREATE TRIGGER partnerships_record_version BEFORE UPDATE ON partnerships
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);

  await sql`ALTER TABLE documents ADD CONSTRAINT documents_workspace_id_id_key UNIQUE (workspace_id, id)`.execute(
    db,
  );
  await sql`CREATE TABLE conventions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    partnership_id uuid NOT NULL,
    title text NOT NULL CHECK (length(trim(title)) > 0),
    object text NOT NULL DEFAULT '',
    planned_amount_minor bigint CHECK (planned_amount_minor >= 0),
    currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    deliberation_reference text NOT NULL DEFAULT '',
    deliberation_date text CHECK (deliberation_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    signature_date text CHECK (signature_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    prefect_sent_date text CHECK (prefect_sent_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    start_date text CHECK (start_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    end_date text CHECK (end_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    duration_months integer CHECK (duration_months BETWEEN 1 AND 600),
    tacit_renewal boolean NOT NULL DEFAULT false,
    renewal_months integer CHECK (renewal_months BETWEEN 1 AND 600),
    termination_date text CHECK (termination_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    termination_reference text NOT NULL DEFAULT '',
    state_exception text CHECK (state_exception IN ('cross_border_grouping', 'international_agreement', 'prefect_authorisation')),
    state_exception_reference text NOT NULL DEFAULT '',
    document_id uuid,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users (id),
    deletion_id uuid,
    version integer NOT NULL DEFAULT 1,
    UNIQUE (workspace_id, id),
    CHECK (end_date IS NULL OR duration_months IS NULL),
    FOREIGN KEY (workspace_id, partnership_id) REFERENCES partnerships (workspace_id, id),
    FOREIGN KEY (workspace_id, document_id) REFERENCES documents (workspace_id, id) ON DELETE SET NULL (document_id)
  )`.execute(db);
  await sql`CREATE INDEX conventions_partnership ON conventions (partnership_id)`.execute(db);
  await sql`CREATE TRIGGER conventions_record_version BEFORE UPDATE ON conventions
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);

  await sql`CREATE TABLE convention_parties (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    convention_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    signatory_name text NOT NULL DEFAULT '',
    signatory_role text NOT NULL DEFAULT '',
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (convention_id, organisation_id),
    FOREIGN KEY (workspace_id, convention_id) REFERENCES conventions (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisations (workspace_id, id)
  )`.execute(db);
  await sql`CREATE INDEX convention_parties_organisation ON convention_parties (organisation_id)`.execute(db);

  await sql`CREATE TABLE convention_amendments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    convention_id uuid NOT NULL,
    amendment_date text NOT NULL CHECK (amendment_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    object text NOT NULL CHECK (length(trim(object)) > 0),
    position integer NOT NULL DEFAULT 0,
    FOREIGN KEY (workspace_id, convention_id) REFERENCES conventions (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE INDEX convention_amendments_convention ON convention_amendments (convention_id, position)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE convention_amendments`.execute(db);
  await sql`DROP TABLE convention_parties`.execute(db);
  await sql`DROP TABLE conventions`.execute(db);
  await sql`DROP TABLE partnerships`.execute(db);
  await sql`ALTER TABLE documents DROP CONSTRAINT documents_workspace_id_id_key`.execute(db);
  await sql`ALTER TABLE invitations DROP COLUMN organisation_id`.execute(db);
}
