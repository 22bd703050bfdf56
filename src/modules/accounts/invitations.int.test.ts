import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { type KyselyPlugin, PostgresQueryCompiler } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { decodeMail } from '../../../test/helpers/mail.js';
import { attemptSignIn, mergeCookies, openForm, postForm, signInAs } from '../../../test/helpers/session.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js';
import { buildApp } from '../../app.js';
import type { Workspace } from '../../db/schema.js';
import { DEMO_ACCOUNTS, DEMO_SECOND } from '../../db/seeds/demo.js';
import { hashToken } from '../../platform/auth/tokens.js';
import { formatDateFr } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';

/**
 * Invitations wait for the invitee. A workspace that invites an address learns nothing of an
 * account that address may have elsewhere: same answer, same queries, same message; the person
 * becomes a member only by accepting from the link — by choosing a password, or by signing in
 * with the account they have.
 */
const text = messages.invitations;
const users = messages.users;
const ADMIN = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
const SECOND_HOST = { host: DEMO_SECOND.hostName };

let smtp: TestSmtpServer;
let t: TestApp;
let second: Workspace;
let secondAdmin: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  second = (await findWorkspaceBySlug(t.database.db, DEMO_SECOND.workspaceSlug))!;
  secondAdmin = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, SECOND_HOST);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await t.database.db.deleteFrom('sign_in_attempts').execute();
});

const unique = () => randomBytes(5).toString('hex');

async function receivedMail(count: number) {
  for (let waited = 0; smtp.received.length < count && waited < 3000; waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(smtp.received).toHaveLength(count);
  return smtp.received.splice(0).map((message) => ({ ...message, mail: decodeMail(message.raw) }));
}

/** The second workspace's admin invites someone from its own host. */
async function inviteOnSecond(fields: { email: string; display_name: string; role: string }, app = t.app) {
  const form = await openForm(app, '/gestion/utilisateurs/inviter', { ...SECOND_HOST, cookie: secondAdmin });
  return postForm(app, '/gestion/utilisateurs/inviter', form, fields, SECOND_HOST);
}

/** The path of the invitation link of a message, under the second workspace's own host. */
function invitationPathIn(mailText: string): string {
  const links = mailText.match(/https?:\/\/\S+/g) ?? [];
  expect(links).toHaveLength(1);
  const link = new URL(links[0]!);
  expect(link.hostname).toBe(DEMO_SECOND.hostName);
  expect(link.pathname).toMatch(/^\/invitation\/[A-Za-z0-9_-]{20,100}$/);
  return link.pathname;
}

async function usersList() {
  const response = await t.app.inject({
    method: 'GET',
    url: '/gestion/utilisateurs',
    headers: { cookie: secondAdmin, host: DEMO_SECOND.hostName },
  });
  expect(response.statusCode).toBe(200);
  return parseHtml(response.body);
}

const rowWith = (document: Document, needle: string) =>
  [...document.querySelectorAll('tbody tr')].find((tr) => textOf(tr).includes(needle));

const membershipsOf = (email: string, workspaceId: string) =>
  t.database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.role', 'users.display_name'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .where('memberships.workspace_id', '=', workspaceId)
    .execute();

const fieldError = (response: LightMyRequestResponse, field: string) =>
  textOf(parseHtml(response.body).getElementById(`${field}-error`)).replace(/^Erreur : /, '');

describe('an invitation to an address with an account in another workspace', () => {
  it('shows the inviting workspace only what its admin typed, and makes no member until accepted', async () => {
    const typedName = `Nom saisi ${unique()}`;
    const invited = await inviteOnSecond({
      email: ADMIN.email.toUpperCase(),
      display_name: typedName,
      role: 'editor',
    });
    expect(invited.statusCode).toBe(303);
    const list = await usersList();
    const row = rowWith(list, typedName);
    expect(textOf(row)).toContain(ADMIN.email.toUpperCase());
    expect(textOf(row)).toContain(users.invitationSent(formatDateFr(t.clock.now())));
    // Nothing of the account elsewhere: not its name, not a state of its own.
    expect(textOf(list.querySelector('main'))).not.toContain(ADMIN.name);
    expect(await membershipsOf(ADMIN.email, second.id)).toEqual([]);
    // The person cannot sign in there with the password of the other workspace.
    const attempt = await attemptSignIn(t.app, ADMIN.email, ADMIN.password, SECOND_HOST);
    expect(attempt.response.statusCode).toBe(400);
    await receivedMail(1);
  });

  it('answers, asks the database and writes to the address exactly as for an unknown address', async () => {
    // The same app on a database that notes every statement it runs.
    const statements: string[] = [];
    const compiler = new PostgresQueryCompiler();
    const recorder: KyselyPlugin = {
      transformQuery: (args) => {
        const statement = compiler.compileQuery(args.node, args.queryId).sql;
        // The publication versions are read twice a second whatever happens: not the request's.
        if (!statement.includes('"publication_version"')) statements.push(statement);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const recording = await buildApp(
      { ...t.deps, db: t.database.db.withPlugin(recorder) },
      { logger: false },
    );
    await recording.ready();
    try {
      const invite = async (email: string) => {
        const form = await openForm(recording, '/gestion/utilisateurs/inviter', {
          ...SECOND_HOST,
          cookie: secondAdmin,
        });
        statements.length = 0;
        const response = await postForm(
          recording,
          '/gestion/utilisateurs/inviter',
          form,
          { email, display_name: 'Camille Invitée', role: 'reader' },
          SECOND_HOST,
        );
        const [message] = await receivedMail(1);
        return { response, statements: [...statements], message: message!.mail };
      };
      const known = await invite(`${ADMIN.email.split('@')[0]}@${ADMIN.email.split('@')[1]}`);
      const unknown = await invite(`personne-${unique()}@exemple.test`);

      expect(known.response.statusCode).toBe(303);
      expect(unknown.response.statusCode).toBe(known.response.statusCode);
      expect(unknown.response.headers.location).toBe(known.response.headers.location);
      expect(unknown.statements.length).toBeGreaterThan(3);
      expect(unknown.statements).toEqual(known.statements);

      expect(unknown.message.subject).toBe(known.message.subject);
      const withoutLink = (body: string) => body.replace(/https?:\/\/\S+/g, '<lien>');
      expect(withoutLink(unknown.message.text)).toBe(withoutLink(known.message.text));
    } finally {
      await recording.close();
    }
  });

  it('is accepted by signing in with the account’s own password, and the person is then a member', async () => {
    const invited = await inviteOnSecond({ email: ADMIN.email, display_name: 'Alice', role: 'reader' });
    expect(invited.statusCode).toBe(303);
    const [message] = await receivedMail(1);
    const path = invitationPathIn(message!.mail.text);

    const page = await openForm(t.app, path, SECOND_HOST);
    const document = parseHtml(page.response.body);
    expect(textOf(document.querySelector('h1'))).toBe(plainText(text.pageTitle(second.name)));
    expect(textOf(document.querySelector('main'))).toContain(plainText(text.signInLead(ADMIN.email)));
    expect(document.querySelector('input[name="display_name"]')).toBeNull();
    expect(page.response.headers['cache-control']).toBe('no-store');
    expect(page.response.headers['referrer-policy']).toBe('no-referrer');

    const wrong = await postForm(t.app, path, page, { password: 'pas le bon mot de passe' }, SECOND_HOST);
    expect(wrong.statusCode).toBe(400);
    expect(fieldError(wrong, 'password')).toBe(plainText(text.errors.wrongPassword));
    expect(await membershipsOf(ADMIN.email, second.id)).toEqual([]);
    // A wrong password counts as a failed sign-in of the account.
    const failures = await t.database.db
      .selectFrom('sign_in_attempts')
      .select('succeeded')
      .where('account', '=', ADMIN.email.toLowerCase())
      .execute();
    expect(failures).toEqual([{ succeeded: false }]);

    const accepted = await postForm(t.app, path, page, { password: ADMIN.password }, SECOND_HOST);
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/gestion');
    const session = mergeCookies(page.cookie, accepted);
    const dashboard = await t.app.inject({
      method: 'GET',
      url: '/gestion',
      headers: { cookie: session, host: DEMO_SECOND.hostName },
    });
    expect(textOf(parseHtml(dashboard.body).querySelector('main'))).toContain(
      plainText(text.welcome(second.name)),
    );
    expect(await membershipsOf(ADMIN.email, second.id)).toEqual([
      { role: 'reader', display_name: ADMIN.name },
    ]);
    // The link has done its work; the account still opens its first workspace.
    expect((await t.app.inject({ method: 'GET', url: path, headers: SECOND_HOST })).statusCode).toBe(410);
    await signInAs(t.app, ADMIN.email, ADMIN.password);
    // Now a member, the person shows under their own name, and cannot be invited again.
    expect(textOf(rowWith(await usersList(), ADMIN.email))).toContain(ADMIN.name);
    const again = await inviteOnSecond({ email: ADMIN.email, display_name: 'Alice', role: 'reader' });
    expect(again.statusCode).toBe(400);
    expect(fieldError(again, 'email')).toBe(plainText(messages.accounts.errors.alreadyMember));
    await receivedMail(0);
  });

  it('lets the invitee who forgot the account’s password ask for a reset on the inviting site', async () => {
    const editor = DEMO_ACCOUNTS.find((account) => account.role === 'editor')!;
    await inviteOnSecond({ email: editor.email, display_name: 'Éric', role: 'reader' });
    await receivedMail(1);
    const form = await openForm(t.app, '/mot-de-passe-oublie', SECOND_HOST);
    const asked = await postForm(t.app, '/mot-de-passe-oublie', form, { email: editor.email }, SECOND_HOST);
    expect(asked.statusCode).toBe(200);
    const [reset] = await receivedMail(1);
    expect(reset!.to).toEqual([editor.email]);
    expect(new URL(reset!.mail.text.match(/https?:\/\/\S+/)![0]!).hostname).toBe(DEMO_SECOND.hostName);
    // Once the password is chosen, the person is sent back to the invitation, not to a dead end.
    const resetPath = new URL(reset!.mail.text.match(/https?:\/\/\S+/)![0]!).pathname;
    const choose = await openForm(t.app, resetPath, SECOND_HOST);
    const chosen = await postForm(
      t.app,
      resetPath,
      choose,
      { password: editor.password, confirmation: editor.password },
      SECOND_HOST,
    );
    expect(chosen.statusCode).toBe(303);
    const signInPage = await t.app.inject({
      method: 'GET',
      url: '/connexion',
      headers: { cookie: mergeCookies(choose.cookie, chosen), host: DEMO_SECOND.hostName },
    });
    expect(textOf(parseHtml(signInPage.body).querySelector('main'))).toContain(
      plainText(messages.accounts.signIn.passwordChangedInvited),
    );
  });
});

describe('an invitation to a new address', () => {
  it('lets the person choose a name and a password, and enter the back office at once', async () => {
    const email = `nouvelle-${unique()}@exemple.test`;
    expect((await inviteOnSecond({ email, display_name: 'Nina', role: 'contributor' })).statusCode).toBe(303);
    const [message] = await receivedMail(1);
    expect(message!.mail.subject).toBe(messages.accounts.mail.invitation.subject(second.name));
    expect(message!.mail.text).toContain(`«\u202f${messages.roles.contributor}\u202f»`);
    const path = invitationPathIn(message!.mail.text);

    const page = await openForm(t.app, path, SECOND_HOST);
    const document = parseHtml(page.response.body);
    expect(document.querySelector('input[name="display_name"]')?.getAttribute('value')).toBe('Nina');
    expect(textOf(document.querySelector('main'))).toContain(plainText(text.newAccountLead(email)));

    const mismatch = await postForm(
      t.app,
      path,
      page,
      {
        display_name: 'Nina Nouvelle',
        password: 'une phrase assez longue',
        confirmation: 'une autre phrase',
      },
      SECOND_HOST,
    );
    expect(mismatch.statusCode).toBe(400);
    expect(fieldError(mismatch, 'confirmation')).toBe(plainText(messages.accounts.errors.confirmMismatch));
    expect(parseHtml(mismatch.body).querySelector('input[name="display_name"]')?.getAttribute('value')).toBe(
      'Nina Nouvelle',
    );

    const accepted = await postForm(
      t.app,
      path,
      page,
      {
        display_name: 'Nina Nouvelle',
        password: 'une phrase assez longue',
        confirmation: 'une phrase assez longue',
      },
      SECOND_HOST,
    );
    expect(accepted.statusCode).toBe(303);
    expect(await membershipsOf(email, second.id)).toEqual([
      { role: 'contributor', display_name: 'Nina Nouvelle' },
    ]);
    await signInAs(t.app, email, 'une phrase assez longue', SECOND_HOST);
    // Only where invited.
    expect((await attemptSignIn(t.app, email, 'une phrase assez longue')).response.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: path, headers: SECOND_HOST })).statusCode).toBe(410);
  });

  it('answers 410 to a link used on another workspace’s host', async () => {
    await inviteOnSecond({ email: `ailleurs-${unique()}@exemple.test`, display_name: 'Ana', role: 'reader' });
    const [message] = await receivedMail(1);
    const path = invitationPathIn(message!.mail.text);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: path, headers: SECOND_HOST })).statusCode).toBe(200);
  });
});

describe('accepting at the same moment, or after a change of account', () => {
  it('makes one member of two acceptances sent at once, and spends the link', async () => {
    const email = `double-${unique()}@exemple.test`;
    await inviteOnSecond({ email, display_name: 'Double', role: 'reader' });
    const path = invitationPathIn((await receivedMail(1))[0]!.mail.text);
    const forms = await Promise.all([openForm(t.app, path, SECOND_HOST), openForm(t.app, path, SECOND_HOST)]);
    const fields = {
      display_name: 'Double',
      password: 'une phrase assez longue',
      confirmation: 'une phrase assez longue',
    };
    const answers = await Promise.all(forms.map((form) => postForm(t.app, path, form, fields, SECOND_HOST)));
    expect(answers.filter((answer) => answer.statusCode === 303)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.statusCode !== 303))
      expect([409, 410]).toContain(answer.statusCode);
    expect(await membershipsOf(email, second.id)).toHaveLength(1);
    const users = await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(users).toHaveLength(1);
  });

  it('asks to sign in, saying why, when the address got an account between the page and the answer', async () => {
    const email = `entre-temps-${unique()}@exemple.test`;
    await inviteOnSecond({ email, display_name: 'Entre-temps', role: 'reader' });
    const path = invitationPathIn((await receivedMail(1))[0]!.mail.text);
    const form = await openForm(t.app, path, SECOND_HOST);
    // Meanwhile another workspace made an account for this address, with a password.
    await t.database.db
      .insertInto('users')
      .values({ email, display_name: 'Déjà là', password_hash: 'scrypt$32768$8$1$x$y' })
      .execute();
    const answer = await postForm(
      t.app,
      path,
      form,
      {
        display_name: 'Entre-temps',
        password: 'une phrase assez longue',
        confirmation: 'une phrase assez longue',
      },
      SECOND_HOST,
    );
    expect(answer.statusCode).toBe(409);
    expect(textOf(parseHtml(answer.body).querySelector('[role="alert"]'))).toBe(
      plainText(text.accountNowExists),
    );
    expect(parseHtml(answer.body).querySelector('input[name="display_name"]')).toBeNull();
    // The account's password was not touched, and nobody is a member yet.
    const user = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toBe('scrypt$32768$8$1$x$y');
    expect(await membershipsOf(email, second.id)).toEqual([]);
  });

  it('brings back, with the invitation’s role, a membership an admin had deactivated', async () => {
    const editor = DEMO_ACCOUNTS.find((account) => account.role === 'contributor')!;
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', editor.email)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('memberships')
      .values({ user_id: user.id, workspace_id: second.id, role: 'reader', deactivated_at: t.clock.now() })
      .execute();
    await t.database.db
      .insertInto('invitations')
      .values({
        workspace_id: second.id,
        email: editor.email,
        display_name: 'Revenue',
        role: 'editor',
        token_hash: hashToken('lien-de-retour-de-vingt-caracteres'),
        invited_by: null,
        created_at: t.clock.now(),
        expires_at: new Date(t.clock.now().getTime() + 60 * 60 * 1000),
      })
      .execute();
    const path = '/invitation/lien-de-retour-de-vingt-caracteres';
    const form = await openForm(t.app, path, SECOND_HOST);
    const accepted = await postForm(t.app, path, form, { password: editor.password }, SECOND_HOST);
    expect(accepted.statusCode).toBe(303);
    const membership = await t.database.db
      .selectFrom('memberships')
      .select(['role', 'deactivated_at'])
      .where('user_id', '=', user.id)
      .where('workspace_id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(membership).toEqual({ role: 'editor', deactivated_at: null });
  });
});

describe('the admin’s open invitations', () => {
  it('sends again with a new link (the old one dies), or cancels', async () => {
    const email = `relance-${unique()}@exemple.test`;
    await inviteOnSecond({ email, display_name: 'Rémi', role: 'reader' });
    const first = invitationPathIn((await receivedMail(1))[0]!.mail.text);
    const invitation = await t.database.db
      .selectFrom('invitations')
      .select(['id', 'expires_at'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const invitationId = invitation.id;
    expect(textOf(rowWith(await usersList(), email))).toContain(users.resendInvitation);

    // Eight days later the link has expired; the list says since when.
    t.clock.advance(8 * 24 * 60 * 60 * 1000);
    secondAdmin = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, SECOND_HOST);
    expect(textOf(rowWith(await usersList(), email))).toContain(
      users.invitationExpired(formatDateFr(invitation.expires_at)),
    );
    expect((await t.app.inject({ method: 'GET', url: first, headers: SECOND_HOST })).statusCode).toBe(410);

    const resendForm = await openForm(t.app, '/gestion/utilisateurs', {
      ...SECOND_HOST,
      cookie: secondAdmin,
    });
    const resent = await postForm(
      t.app,
      `/gestion/utilisateurs/invitations/${invitationId}/renvoyer`,
      resendForm,
      {},
      SECOND_HOST,
    );
    expect(resent.statusCode).toBe(303);
    const renewed = invitationPathIn((await receivedMail(1))[0]!.mail.text);
    expect(renewed).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: renewed, headers: SECOND_HOST })).statusCode).toBe(200);
    expect(textOf(rowWith(await usersList(), email))).toContain(
      users.invitationSent(formatDateFr(t.clock.now())),
    );

    const cancelForm = await openForm(t.app, '/gestion/utilisateurs', {
      ...SECOND_HOST,
      cookie: secondAdmin,
    });
    const cancelled = await postForm(
      t.app,
      `/gestion/utilisateurs/invitations/${invitationId}/annuler`,
      cancelForm,
      {},
      SECOND_HOST,
    );
    expect(cancelled.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: renewed, headers: SECOND_HOST })).statusCode).toBe(410);
    expect(rowWith(await usersList(), email)).toBeUndefined();
    // Cancelled, it can be neither sent again nor cancelled again.
    const gone = await postForm(
      t.app,
      `/gestion/utilisateurs/invitations/${invitationId}/renvoyer`,
      await openForm(t.app, '/gestion/utilisateurs', { ...SECOND_HOST, cookie: secondAdmin }),
      {},
      SECOND_HOST,
    );
    expect(gone.statusCode).toBe(404);
    await receivedMail(0);
  });

  it('replaces an open invitation when the same address is invited again', async () => {
    const email = `deux-fois-${unique()}@exemple.test`;
    await inviteOnSecond({ email, display_name: 'Première', role: 'reader' });
    const first = invitationPathIn((await receivedMail(1))[0]!.mail.text);
    await inviteOnSecond({ email: email.toUpperCase(), display_name: 'Seconde', role: 'editor' });
    const latest = invitationPathIn((await receivedMail(1))[0]!.mail.text);
    expect((await t.app.inject({ method: 'GET', url: first, headers: SECOND_HOST })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: latest, headers: SECOND_HOST })).statusCode).toBe(200);
    const list = await usersList();
    expect(rowWith(list, 'Première')).toBeUndefined();
    expect(textOf(rowWith(list, 'Seconde'))).toContain(plainText(messages.roles.editor));
  });

  it('are another workspace’s only: its admin can neither see nor act on them', async () => {
    await inviteOnSecond({ email: `prive-${unique()}@exemple.test`, display_name: 'Privée', role: 'reader' });
    await receivedMail(1);
    const invitation = await t.database.db
      .selectFrom('invitations')
      .select('id')
      .where('display_name', '=', 'Privée')
      .executeTakeFirstOrThrow();
    const admin = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const list = await t.app.inject({
      method: 'GET',
      url: '/gestion/utilisateurs',
      headers: { cookie: admin },
    });
    expect(list.body).not.toContain('Privée');
    const form = await openForm(t.app, '/gestion/utilisateurs', { cookie: admin });
    const cancel = await postForm(
      t.app,
      `/gestion/utilisateurs/invitations/${invitation.id}/annuler`,
      form,
      {},
    );
    expect(cancel.statusCode).toBe(404);
    const still = await t.database.db
      .selectFrom('invitations')
      .select('cancelled_at')
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(still.cancelled_at).toBeNull();
    expect(textOf(rowWith(await usersList(), 'Privée'))).toContain(users.cancelInvitation);
  });
});
