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
    const other = await one(
      sql<{ id: string }>`INSERT INTO workspaces (slug, name) VALUES ('autre', 'Autre') RETURNING id`,
    );
    const user = (email: string, name: string, hash: string | null) =>
      one(sql<{ id: string }>`INSERT INTO users (email, display_name, password_hash)
        VALUES (${email}, ${name}, ${hash}) RETURNING id`);
    const member = (userId: string, workspaceId: string, role: string, deactivated = false) =>
      sql`INSERT INTO memberships (user_id, workspace_id, role, deactivated_at)
        VALUES (${userId}, ${workspaceId}, ${role}, ${deactivated ? new Date() : null})`.execute(db);
    const at = new Date('2026-11-20T10:00:00Z');
    const expires = new Date('2026-11-27T10:00:00Z');
    const link = (hash: string, userId: string, workspaceId: string, purpose = 'invitation') =>
      sql`INSERT INTO auth_tokens (token_hash, user_id, workspace_id, purpose, expires_at, created_at)
        VALUES (${hash}, ${userId}, ${workspaceId}, ${purpose}, ${expires}, ${at})`.execute(db);

    // Invited, never chose a password: an open invitation with the same link.
    const pending = await user('Invitee@Exemple.test', 'Inès', null);
    await member(pending.id, workspace.id, 'editor');
    await link('lien-d-invitation', pending.id, workspace.id);
    // Invited, then deactivated by an admin before choosing a password: stays revoked.
    const revoked = await user('revoquee@exemple.test', 'Rita', null);
    await member(revoked.id, workspace.id, 'reader', true);
    await link('lien-revoque', revoked.id, workspace.id);
    // A member who chose a password long ago: untouched, reset link kept.
    const regular = await user('membre@exemple.test', 'Marc', 'scrypt$x');
    await member(regular.id, workspace.id, 'reader');
    await link('lien-de-reinitialisation', regular.id, workspace.id, 'password_reset');
    // An account of another workspace made a member here at once, without being asked: an invitation.
    const elsewhere = await user('ailleurs@exemple.test', 'Éloi', 'scrypt$y');
    await member(elsewhere.id, other.id, 'admin');
    await member(elsewhere.id, workspace.id, 'contributor');
    await link('lien-jamais-utile', elsewhere.id, workspace.id);
    // The same, who has since made changes here: a member by their own acts, kept.
    const active = await user('actif@exemple.test', 'Adèle', 'scrypt$z');
    await member(active.id, other.id, 'admin');
    await member(active.id, workspace.id, 'editor');
    await link('lien-d-une-active', active.id, workspace.id);
    await sql`INSERT INTO audit_events (workspace_id, actor_user_id, action, record_type, record_id, at)
      VALUES (${workspace.id}, ${active.id}, 'update', 'page', gen_random_uuid(), ${at})`.execute(db);

    await migrateToLatest(db, { schema });

    const invitations = await sql<Record<string, unknown>>`
      SELECT email, display_name, role, token_hash, expires_at, accepted_at FROM invitations ORDER BY lower(email)`.execute(
      db,
    );
    expect(invitations.rows).toEqual([
      {
        email: 'ailleurs@exemple.test',
        display_name: 'Éloi',
        role: 'contributor',
        token_hash: 'lien-jamais-utile',
        expires_at: expires,
        accepted_at: null,
      },
      {
        email: 'Invitee@Exemple.test',
        display_name: 'Inès',
        role: 'editor',
        token_hash: 'lien-d-invitation',
        expires_at: expires,
        accepted_at: null,
      },
    ]);
    const members = await sql<{ email: string; slug: string }>`
      SELECT u.email, w.slug FROM memberships m JOIN users u ON u.id = m.user_id
        JOIN workspaces w ON w.id = m.workspace_id ORDER BY u.email, w.slug`.execute(db);
    expect(members.rows).toEqual([
      { email: 'actif@exemple.test', slug: 'autre' },
      { email: 'actif@exemple.test', slug: 'espace' },
      { email: 'ailleurs@exemple.test', slug: 'autre' },
      { email: 'membre@exemple.test', slug: 'espace' },
    ]);
    const users = await sql<{ email: string }>`SELECT email FROM users ORDER BY email`.execute(db);
    expect(users.rows.map((row) => row.email)).toEqual([
      'actif@exemple.test',
      'ailleurs@exemple.test',
      'membre@exemple.test',
    ]);
    const tokens = await sql<{ token_hash: string }>`SELECT token_hash FROM auth_tokens`.execute(db);
    expect(tokens.rows).toEqual([{ token_hash: 'lien-de-reinitialisation' }]);
    await expect(
      sql`INSERT INTO auth_tokens (token_hash, user_id, workspace_id, purpose, expires_at, created_at)
          VALUES ('autre', ${regular.id}, ${workspace.id}, 'invitation', ${expires}, ${at})`.execute(db),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
