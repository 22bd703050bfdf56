import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      display_name text NOT NULL,
      -- Null until the person chooses a password through an invitation link.
      password_hash text,
      -- Anonymised accounts keep their id, so the audit trail still links their changes.
      anonymised_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX users_email ON users (lower(email))`.execute(db);

  await sql`
    CREATE TABLE memberships (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'contributor', 'reader', 'partner')),
      -- The partner organisation whose shared records a partner reads.
      organisation_id uuid REFERENCES organisations (id),
      deactivated_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, workspace_id)
    )`.execute(db);

  // Only the SHA-256 of a session token is stored: a copy of the table opens no session.
  await sql`
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);

  await sql`
    CREATE TABLE auth_tokens (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('password_reset', 'invitation')),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE sign_in_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account text NOT NULL,
      client text NOT NULL,
      succeeded boolean NOT NULL,
      at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX sign_in_attempts_account ON sign_in_attempts (account, at)`.execute(db);
  await sql`CREATE INDEX sign_in_attempts_client ON sign_in_attempts (client, at)`.execute(db);

  await sql`
    CREATE TABLE audit_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      actor_user_id uuid REFERENCES users (id),
      action text NOT NULL,
      record_type text NOT NULL,
      record_id uuid NOT NULL,
      before jsonb,
      after jsonb,
      at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX audit_events_record ON audit_events (workspace_id, record_type, record_id, id)`.execute(
    db,
  );

  // The trash: a deleted record keeps its row; one deletion may take a page with its children,
  // and `deletion_id` ties them so they come back together.
  for (const table of ['pages', 'media', 'contact_cards']) {
    await sql`ALTER TABLE ${sql.table(table)}
      ADD COLUMN deleted_at timestamptz,
      ADD COLUMN deleted_by uuid REFERENCES users (id),
      ADD COLUMN deletion_id uuid`.execute(db);
  }
  // A deleted page frees its address: the unique slug applies to live pages only.
  await sql`DROP INDEX pages_unique_slug`.execute(db);
  await sql`CREATE UNIQUE INDEX pages_unique_slug ON pages (parent_id, slug) WHERE parent_id IS NOT NULL AND deleted_at IS NULL`.execute(
    db,
  );
  await sql`ALTER TABLE media DROP CONSTRAINT media_workspace_id_name_key`.execute(db);
  await sql`CREATE UNIQUE INDEX media_unique_name ON media (workspace_id, name) WHERE deleted_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX media_unique_name`.execute(db);
  await sql`ALTER TABLE media ADD CONSTRAINT media_workspace_id_name_key UNIQUE (workspace_id, name)`.execute(
    db,
  );
  await sql`DROP INDEX pages_unique_slug`.execute(db);
  await sql`CREATE UNIQUE INDEX pages_unique_slug ON pages (parent_id, slug) WHERE parent_id IS NOT NULL`.execute(
    db,
  );
  for (const table of ['pages', 'media', 'contact_cards']) {
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN deleted_at, DROP COLUMN deleted_by, DROP COLUMN deletion_id`.execute(
      db,
    );
  }
  for (const table of [
    'audit_events',
    'sign_in_attempts',
    'auth_tokens',
    'sessions',
    'memberships',
    'users',
  ]) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
