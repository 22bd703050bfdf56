import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { attemptSignIn, openForm, postForm, signInAs } from '../../../test/helpers/session.js';
import type { Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';
import { addUserWithPassword } from './accounts.service.js';

const ADMIN = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;

let t: TestApp;
let workspace: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
});
afterAll(async () => {
  await t?.close();
});

function get(url: string, cookie: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

/** What anonymising would change: the name, the address, the password, the mark. */
async function userOf(email: string) {
  return t.database.db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'password_hash', 'anonymised_at', 'updated_at'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
}

async function membershipsOf(userId: string) {
  return t.database.db.selectFrom('memberships').selectAll().where('user_id', '=', userId).execute();
}

async function activeAdminCount(): Promise<number> {
  const rows = await t.database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.id')
    .where('memberships.workspace_id', '=', workspace.id)
    .where('memberships.role', '=', 'admin')
    .where('memberships.deactivated_at', 'is', null)
    .where('users.anonymised_at', 'is', null)
    .execute();
  return rows.length;
}

describe('anonymising one’s own account', () => {
  it('is refused to an admin, with a message, and leaves the account as it was', async () => {
    // A second active admin: the rule keeping one admin in the workspace cannot be what refuses.
    await addUserWithPassword(t.database.db, t.clock, workspace, {
      email: 'second-admin@exemple.test',
      displayName: 'Bérénice Seconde',
      role: 'admin',
      password: 'une autre phrase de passe',
    });
    expect(await activeAdminCount()).toBe(2);
    const userBefore = await userOf(ADMIN.email);
    const membershipsBefore = await membershipsOf(userBefore.id);
    // Nor can the rule about accounts shared with another workspace: this one belongs here alone.
    expect(membershipsBefore.map((m) => m.workspace_id)).toEqual([workspace.id]);
    const own = membershipsBefore[0]!;
    expect(own).toMatchObject({ role: 'admin', deactivated_at: null });

    const cookie = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const page = `/gestion/utilisateurs/${own.id}`;
    const form = await openForm(t.app, page, { cookie });
    const refused = await postForm(t.app, `${page}/anonymiser`, form, {});

    expect(refused.statusCode).toBe(400);
    const document = parseHtml(refused.body);
    expect(textOf(document.querySelector('main .error-summary[role="alert"] li'))).toBe(
      plainText(messages.accounts.errors.cannotAnonymiseSelf),
    );
    // Beside the actions, where the button was, and linked from the summary.
    expect(document.querySelector('main .error-summary a')?.getAttribute('href')).toBe('#actions');
    expect(textOf(document.getElementById('actions-error'))).toBe(
      plainText(`${messages.form.errorPrefix} ${messages.accounts.errors.cannotAnonymiseSelf}`),
    );
    expect(textOf(document.querySelector('h1'))).toBe(ADMIN.name);

    // The account is untouched: name, address, password, memberships; no anonymisation recorded.
    expect(await userOf(ADMIN.email)).toEqual(userBefore);
    expect(await membershipsOf(userBefore.id)).toEqual(membershipsBefore);
    const anonymisations = await t.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('record_type', '=', 'user')
      .where('record_id', '=', userBefore.id)
      .where('action', '=', 'anonymise')
      .execute();
    expect(anonymisations).toEqual([]);

    // The admin is still signed in, and can sign in again with the same password.
    const dashboard = await get('/gestion', cookie);
    expect(dashboard.statusCode).toBe(200);
    expect(textOf(parseHtml(dashboard.body).querySelector('h1'))).toBe(
      plainText(messages.admin.dashboard.welcome(ADMIN.name)),
    );
    const again = await attemptSignIn(t.app, ADMIN.email, ADMIN.password);
    expect(again.response.statusCode).toBe(303);
    expect(again.response.headers.location).toBe('/gestion');
  });
});
