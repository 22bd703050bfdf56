import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseAt } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';

/**
 * Invitations made before they had a table of their own (an account without a password and a
 * membership) become open invitations with the same link; the empty account goes.
 */
let database: DatabaseHandle;
let schema: string | undefined;

beforeAll(async () => {
  ({ database, schema } = await createDatabaseAt('202611301000_create_workspace_hosts'));
});
afterAll(async () => {
  await database?.close();
});

describe('moving pending invitations to their own table', () => {
  it('keeps the link of an invitation not yet accepted, and leaves accepted accounts alone', async () => {
    const db = database.db;
    const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows[0]!;
    const workspace = await one(
      sql<{ id: string }>`INSERT INTO workspaces (slug, name) VALUES ('espace', 'Espace') RETURNING id`,
    );
    const pending = await one(
      sql<{
        id: string;
      }>`INSERT INTO users (email, display_name) VALUES ('Invitee@Exemple.test', 'Inès') RETURNING id`,
    );
    const member = await one(
      sql<{
        id: string;
      }>`INSERT INTO users (email, display_name, password_hash) VALUES ('membre@exemple.test', 'Marc', 'scrypt$x') RETURNING id`,
    );
    for (const [user, role] of [
      [pending.id, 'editor'],
      [member.id, 'reader'],
    ]) {
      await sql`INSERT INTO memberships (user_id, workspace_id, role) VALUES (${user}, ${workspace.id}, ${role})`.execute(
        db,
      );
    }
    const at = new Date('2026-11-20T10:00:00Z');
    const expires = new Date('2026-11-27T10:00:00Z');
    await sql`INSERT INTO auth_tokens (token_hash, user_id, workspace_id, purpose, expires_at, created_at)
      VALUES ('lien-d-invitation', ${pending.id}, ${workspace.id}, 'invitation', ${expires}, ${at}),
             ('lien-de-reinitialisation', ${member.id}, ${workspace.id}, 'password_reset', ${expires}, ${at})`.execute(
      db,
    );

    await migrateToLatest(db, { schema });

    const invitations = await sql<Record<string, unknown>>`
      SELECT email, display_name, role, token_hash, expires_at, accepted_at FROM invitations`.execute(db);
    expect(invitations.rows).toEqual([
      {
        email: 'Invitee@Exemple.test',
        display_name: 'Inès',
        role: 'editor',
        token_hash: 'lien-d-invitation',
        expires_at: expires,
        accepted_at: null,
      },
    ]);
    const users = await sql<{ email: string }>`SELECT email FROM users ORDER BY email`.execute(db);
    expect(users.rows).toEqual([{ email: 'membre@exemple.test' }]);
    const tokens = await sql<{ token_hash: string }>`SELECT token_hash FROM auth_tokens`.execute(db);
    expect(tokens.rows).toEqual([{ token_hash: 'lien-de-reinitialisation' }]);
    await expect(
      sql`INSERT INTO auth_tokens (token_hash, user_id, workspace_id, purpose, expires_at, created_at)
          VALUES ('autre', ${member.id}, ${workspace.id}, 'invitation', ${expires}, ${at})`.execute(db),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
