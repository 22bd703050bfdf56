import { type Kysely, sql } from 'kysely';

/**
 * An invitation waits for the invitee: no membership (and no account) exists until the person
 * accepts from the link, by choosing a password or, with an account already, by signing in.
 * Until then the workspace knows only what its admin typed, and nothing tells whether the
 * address has an account elsewhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      -- As the admin typed them: shown in the users list until the person accepts.
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
      display_name text NOT NULL CHECK (length(trim(display_name)) > 0),
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'contributor', 'reader', 'partner')),
      -- Only the SHA-256 of the link's token.
      token_hash text NOT NULL UNIQUE,
      invited_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      accepted_by uuid REFERENCES users (id),
      cancelled_at timestamptz,
      CHECK (accepted_at IS NULL OR cancelled_at IS NULL)
    )`.execute(db);
  // One open invitation per address and workspace: inviting again replaces it.
  await sql`CREATE UNIQUE INDEX invitations_open ON invitations (workspace_id, lower(email))
    WHERE accepted_at IS NULL AND cancelled_at IS NULL`.execute(db);

  // Old invitations not yet accepted become open invitations with the same link, so that a link
  // already sent still works: accounts made by an invitation that never chose a password, and
  // accounts that already existed and were made members at once, without being asked (the old
  // flaw), unless they have since acted in that workspace. An invitation whose member an admin
  // had deactivated stays revoked.
  await sql`
    WITH converted AS (
      SELECT DISTINCT ON (m.id) m.id AS membership_id, m.workspace_id, u.email, u.display_name, m.role,
             t.token_hash, t.created_at, t.expires_at
        FROM memberships m
        JOIN users u ON u.id = m.user_id
        JOIN auth_tokens t ON t.user_id = u.id AND t.workspace_id = m.workspace_id
       WHERE t.purpose = 'invitation' AND t.used_at IS NULL
         AND u.anonymised_at IS NULL AND m.deactivated_at IS NULL
         AND (u.password_hash IS NULL OR NOT EXISTS (
               SELECT 1 FROM audit_events a WHERE a.actor_user_id = u.id AND a.workspace_id = m.workspace_id))
       ORDER BY m.id, t.created_at DESC
    ), invited AS (
      INSERT INTO invitations (workspace_id, email, display_name, role, token_hash, created_at, expires_at)
      SELECT workspace_id, email, display_name, role, token_hash, created_at, expires_at FROM converted
      RETURNING id
    )
    DELETE FROM memberships WHERE id IN (SELECT membership_id FROM converted)`.execute(db);
  await sql`
    DELETE FROM memberships m USING users u
     WHERE m.user_id = u.id AND u.password_hash IS NULL AND u.anonymised_at IS NULL`.execute(db);
  await sql`DELETE FROM auth_tokens WHERE purpose = 'invitation'`.execute(db);
  await sql`
    DELETE FROM users u
     WHERE u.password_hash IS NULL AND u.anonymised_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM auth_tokens t WHERE t.user_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.actor_user_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.deleted_by = u.id)
       AND NOT EXISTS (SELECT 1 FROM media x WHERE x.deleted_by = u.id)
       AND NOT EXISTS (SELECT 1 FROM contact_cards c WHERE c.deleted_by = u.id)`.execute(db);
  // The links left in auth_tokens are reset links only.
  await sql`ALTER TABLE auth_tokens DROP CONSTRAINT auth_tokens_purpose_check`.execute(db);
  await sql`ALTER TABLE auth_tokens ADD CONSTRAINT auth_tokens_purpose_check CHECK (purpose = 'password_reset')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE auth_tokens DROP CONSTRAINT auth_tokens_purpose_check`.execute(db);
  await sql`ALTER TABLE auth_tokens ADD CONSTRAINT auth_tokens_purpose_check
    CHECK (purpose IN ('password_reset', 'invitation'))`.execute(db);
  await sql`DROP TABLE invitations`.execute(db);
}
