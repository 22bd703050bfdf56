import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { decodeMail } from '../../../test/helpers/mail.js';
import {
  attemptSignIn,
  cookieValue,
  csrfFrom,
  mergeCookies,
  openForm,
  postForm,
  SESSION_COOKIE,
  signInAs,
  versionShownAt,
} from '../../../test/helpers/session.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js';
import type { Role, Workspace } from '../../db/schema.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../db/seeds/demo.js';
import { formatDateFr } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { retryDelayMs } from '../../platform/jobs.js';
import { findWorkspaceBySlug } from '../workspaces/workspace.repo.js';
import { addUserWithPassword } from './accounts.service.js';

const text = messages.accounts;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function demo(role: Role) {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!;
}
const ADMIN = demo('admin');
const EDITOR = demo('editor');
/** Only the password-reset test uses this account: it changes its password. */
const READER = demo('reader');

let smtp: TestSmtpServer;
let t: TestApp;
let workspace: Workspace;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  workspace = (await findWorkspaceBySlug(t.database.db, DEMO.workspaceSlug))!;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  // Every test starts with no failed attempt and no rate-limit hit behind it.
  await t.database.db.deleteFrom('sign_in_attempts').execute();
  await t.database.db.deleteFrom('rate_limit_hits').execute();
});

let addressCounter = 0;
/** A client address of its own, so that per-client limits of one test never touch another. */
function nextAddress(): string {
  addressCounter += 1;
  return `198.51.${100 + Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

function unique(): string {
  return randomBytes(5).toString('hex');
}

/** A new member of the default workspace with a password, for tests that change accounts. */
async function createMember(role: Exclude<Role, 'partner'>, name = `Membre ${unique()}`) {
  const email = `membre-${unique()}@exemple.test`;
  const password = `mot-de-passe-${unique()}`;
  const user = await addUserWithPassword(t.database.db, t.clock, workspace, {
    email,
    displayName: name,
    role,
    password,
  });
  return { email, password, name, userId: user.id, membershipId: await membershipIdOf(email) };
}

async function membershipIdOf(email: string, workspaceId = workspace.id): Promise<string> {
  const row = await t.database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.id')
    .where('users.email', '=', email)
    .where('memberships.workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row.id;
}

function get(url: string, cookie?: string, host?: string) {
  return t.app.inject({
    method: 'GET',
    url,
    headers: { ...(cookie ? { cookie } : {}), ...(host ? { host } : {}) },
  });
}

function sessionCookieSet(response: LightMyRequestResponse) {
  return response.cookies.find((cookie) => cookie.name === SESSION_COOKIE && cookie.value !== '');
}

function fieldError(response: LightMyRequestResponse, field: string): string {
  return textOf(parseHtml(response.body).getElementById(`${field}-error`)).replace(/^Erreur : /, '');
}

function h1Of(response: LightMyRequestResponse): string {
  return textOf(parseHtml(response.body).querySelector('h1'));
}

/** The French refusal shown above the sign-in form (slowed account, limited client). */
function refusalOf(response: LightMyRequestResponse): string {
  return textOf(parseHtml(response.body).querySelector('.error-summary[role="alert"]'));
}

/** Expects a back-office page to be refused to this cookie: back to the sign-in page. */
async function expectSignedOut(cookie: string) {
  const response = await get('/gestion', cookie);
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toMatch(/^\/connexion/);
  return response;
}

async function expectSignedIn(cookie: string, name: string) {
  const response = await get('/gestion', cookie);
  expect(response.statusCode).toBe(200);
  expect(h1Of(response)).toBe(messages.admin.dashboard.welcome(name));
  return response;
}

/**
 * The messages received so far, once `count` have arrived. The app awaits the SMTP server's
 * acknowledgement before answering, so they are normally there already; the short wait only
 * lets a stray extra message show up before the count is checked.
 */
/** Waits for `count` messages (some leave after the answer), then checks no other one came. */
async function receivedMail(count: number) {
  for (let waited = 0; smtp.received.length < count && waited < 3000; waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(smtp.received).toHaveLength(count);
  return smtp.received.map((message) => ({ ...message, mail: decodeMail(message.raw) }));
}

/** The path of the link of a message (/mot-de-passe/… or /invitation/…), checked to be under PUBLIC_URL. */
function linkPathIn(mailText: string, kind: 'mot-de-passe' | 'invitation' = 'mot-de-passe'): string {
  const base = t.config.publicUrl.href;
  const links = mailText.match(/https?:\/\/\S+/g) ?? [];
  expect(links).toHaveLength(1);
  const link = links[0]!;
  expect(link.startsWith(base)).toBe(true);
  const path = `/${link.slice(base.length)}`;
  expect(path).toMatch(new RegExp(`^/${kind}/[A-Za-z0-9_-]{20,100}$`));
  return path;
}

/** The admin invites a new address; the person accepts from the link with a name and a password. */
async function inviteAndAccept(admin: string, email: string, name: string, role: Role, password: string) {
  const invited = await adminPost(admin, '/gestion/utilisateurs/inviter', '/gestion/utilisateurs/inviter', {
    email,
    display_name: name,
    role,
  });
  expect(invited.statusCode).toBe(303);
  const [message] = await receivedMail(1);
  const path = linkPathIn(message!.mail.text, 'invitation');
  const form = await openForm(t.app, path);
  const accepted = await postForm(t.app, path, form, {
    display_name: name,
    password,
    confirmation: password,
  });
  expect(accepted.statusCode, accepted.body).toBe(303);
  return mergeCookies(form.cookie, accepted);
}

async function requestReset(email: string, options: { host?: string } = {}) {
  const form = await openForm(t.app, '/mot-de-passe-oublie', options);
  return postForm(t.app, '/mot-de-passe-oublie', form, { email }, options);
}

async function choosePassword(path: string, password: string, confirmation = password) {
  const form = await openForm(t.app, path);
  return postForm(t.app, path, form, { password, confirmation });
}

/** Posts a back-office form with the CSRF token of the page it is on. */
/** Posts a form; a role change goes with the version the member's page shows, as a browser sends it. */
async function adminPost(cookie: string, pageUrl: string, action: string, fields: Record<string, string>) {
  const token = await csrfFrom(t.app, pageUrl, cookie);
  const version = action.endsWith('/role')
    ? await versionShownAt(t.app, action.slice(0, -'/role'.length), cookie)
    : undefined;
  return postForm(t.app, action, { token, cookie }, version ? { version, ...fields } : fields);
}

describe('sign-in', () => {
  it('signs the demo admin in: 303 to /gestion, and the dashboard greets them by name', async () => {
    const { response, cookie } = await attemptSignIn(t.app, ADMIN.email, ADMIN.password);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/gestion');
    const session = sessionCookieSet(response);
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite?.toLowerCase()).toBe('lax');
    const dashboard = await expectSignedIn(cookie, ADMIN.name);
    expect(textOf(parseHtml(dashboard.body).querySelector('main'))).toContain(
      plainText(messages.admin.dashboard.yourRole(messages.roles.admin)),
    );
  });

  it('refuses a wrong password with 400, the French message beside the field, and no session', async () => {
    const { response, cookie } = await attemptSignIn(t.app, ADMIN.email, 'pas-le-bon-mot-de-passe');
    expect(response.statusCode).toBe(400);
    expect(fieldError(response, 'email')).toBe(plainText(text.signIn.invalid));
    expect(parseHtml(response.body).getElementById('email')?.getAttribute('value')).toBe(ADMIN.email);
    expect(sessionCookieSet(response)).toBeUndefined();
    await expectSignedOut(cookie);
  });

  it('answers an unknown address exactly as a wrong password: no account enumeration', async () => {
    const wrong = await attemptSignIn(t.app, ADMIN.email, 'pas-le-bon-mot-de-passe');
    const unknown = await attemptSignIn(
      t.app,
      `personne-${unique()}@exemple.test`,
      'pas-le-bon-mot-de-passe',
    );
    expect(unknown.response.statusCode).toBe(400);
    expect(fieldError(unknown.response, 'email')).toBe(plainText(text.signIn.invalid));
    expect(fieldError(unknown.response, 'email')).toBe(fieldError(wrong.response, 'email'));
    expect(sessionCookieSet(unknown.response)).toBeUndefined();
  });

  it('refuses an empty form with a message beside each field', async () => {
    const { response } = await attemptSignIn(t.app, '', '');
    expect(response.statusCode).toBe(400);
    expect(fieldError(response, 'email')).toBe(plainText(text.errors.emailRequired));
    expect(fieldError(response, 'password')).toBe(plainText(text.errors.passwordRequired));
  });

  it('never adopts a session id planted before sign-in', async () => {
    const planted = `${SESSION_COOKIE}=${'a'.repeat(43)}`;
    const { response, cookie } = await attemptSignIn(t.app, ADMIN.email, ADMIN.password, { cookie: planted });
    expect(response.statusCode).toBe(303);
    const session = cookieValue(cookie, SESSION_COOKIE);
    expect(session).toBeDefined();
    expect(session).not.toBe('a'.repeat(43));
    await expectSignedIn(cookie, ADMIN.name);
    await expectSignedOut(planted);
  });

  it('gives a new session id at each sign-in, and the previous one stops working', async () => {
    const first = await signInAs(t.app, ADMIN.email, ADMIN.password);
    await expectSignedIn(first, ADMIN.name);
    const { response, cookie: second } = await attemptSignIn(t.app, ADMIN.email, ADMIN.password, {
      cookie: first,
    });
    expect(response.statusCode).toBe(303);
    expect(cookieValue(second, SESSION_COOKIE)).toBeDefined();
    expect(cookieValue(second, SESSION_COOKIE)).not.toBe(cookieValue(first, SESSION_COOKIE));
    await expectSignedIn(second, ADMIN.name);
    await expectSignedOut(first);
  });

  it('goes back to the page asked for, and never to another site', async () => {
    const asked = await get('/gestion/utilisateurs');
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/connexion?retour=%2Fgestion%2Futilisateurs');
    const form = await openForm(t.app, asked.headers.location as string);
    const back = await postForm(t.app, '/connexion', form, {
      email: ADMIN.email,
      password: ADMIN.password,
      retour: '/gestion/utilisateurs',
    });
    expect(back.headers.location).toBe('/gestion/utilisateurs');
    const evil = await postForm(t.app, '/connexion', await openForm(t.app, '/connexion'), {
      email: ADMIN.email,
      password: ADMIN.password,
      retour: '//evil.example/gestion',
    });
    expect(evil.statusCode).toBe(303);
    expect(evil.headers.location).toBe('/gestion');
  });

  it.each([
    ['/gestion/pages\r\nSet-Cookie: volé=1', '/gestion'],
    ['/gestion/pages\nx', '/gestion'],
    ['/gestion/pagés', '/gestion'],
    ['/gestion/pages\u0000', '/gestion'],
    ['/\\evil.example/gestion', '/gestion'],
    ['/gestion\\..\\..\\evil', '/gestion'],
    ['/gestion/../../evil', '/gestion'],
    ['/gestionnaire', '/gestion'],
    ['https://evil.example/gestion', '/gestion'],
    ['/gestion/ espace', '/gestion'],
    [`/gestion/${'a'.repeat(3000)}`, '/gestion'],
    // Encoded, a line break is only characters of a path: kept, and harmless.
    ['/gestion/%0d%0a', '/gestion/%0d%0a'],
    ['/gestion/pages/../images?tri=nom', '/gestion/images?tri=nom'],
  ])('after a sign-in with retour=%j, redirects plainly to %s', async (retour, expected) => {
    const form = await openForm(t.app, '/connexion');
    const response = await postForm(t.app, '/connexion', form, {
      email: ADMIN.email,
      password: ADMIN.password,
      retour,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(expected);
    // The sign-in page itself keeps only the safe path in its form.
    const page = await t.app.inject({
      method: 'GET',
      url: `/connexion?retour=${encodeURIComponent(retour)}`,
    });
    expect(page.statusCode).toBe(200);
    expect(parseHtml(page.body).querySelector('input[name="retour"]')?.getAttribute('value')).toBe(expected);
  });
});

describe('sign-in limits', () => {
  it('slows an account after 5 failures: 429 in French with Retry-After, even with the right password', async () => {
    const member = await createMember('editor');
    for (let i = 0; i < 5; i++) {
      const { response } = await attemptSignIn(t.app, member.email, `faux-${i}`, {
        remoteAddress: nextAddress(),
      });
      expect(response.statusCode).toBe(400);
    }
    // Right away, the right password is not even checked.
    const slowed = await attemptSignIn(t.app, member.email, member.password, {
      remoteAddress: nextAddress(),
    });
    expect(slowed.response.statusCode).toBe(429);
    expect(slowed.response.headers['retry-after']).toBe('5');
    expect(refusalOf(slowed.response)).toBe(plainText(text.signIn.accountSlowed(5)));
    expect(sessionCookieSet(slowed.response)).toBeUndefined();
    // One second short of the delay: still slowed.
    t.clock.advance(4 * SECOND);
    const early = await attemptSignIn(t.app, member.email, member.password, { remoteAddress: nextAddress() });
    expect(early.response.statusCode).toBe(429);
    expect(early.response.headers['retry-after']).toBe('1');
    // Once the delay has passed, the right password works.
    t.clock.advance(1 * SECOND);
    const after = await attemptSignIn(t.app, member.email, member.password, { remoteAddress: nextAddress() });
    expect(after.response.statusCode).toBe(303);
    await expectSignedIn(after.cookie, member.name);
  });

  it('counts attempts sent in parallel one by one: thirty at once get only five checks', async () => {
    const member = await createMember('editor');
    const address = nextAddress();
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attemptSignIn(t.app, member.email, `parallele-${i}`, { remoteAddress: address }),
      ),
    );
    const statuses = attempts.map(({ response }) => response.statusCode);
    expect(statuses.filter((status) => status === 400)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
  });

  it('forgets the failures once the owner signs in: the next typo is not slowed', async () => {
    const member = await createMember('editor');
    for (let i = 0; i < 5; i++) {
      await attemptSignIn(t.app, member.email, `faux-${i}`, { remoteAddress: nextAddress() });
    }
    t.clock.advance(5 * SECOND);
    const signedIn = await attemptSignIn(t.app, member.email, member.password, {
      remoteAddress: nextAddress(),
    });
    expect(signedIn.response.statusCode).toBe(303);
    const typo = await attemptSignIn(t.app, member.email, 'une faute de frappe', {
      remoteAddress: nextAddress(),
    });
    expect(typo.response.statusCode).toBe(400);
    const again = await attemptSignIn(t.app, member.email, member.password, { remoteAddress: nextAddress() });
    expect(again.response.statusCode).toBe(303);
  });

  it('makes each further failure wait longer, up to 60 seconds', async () => {
    const member = await createMember('editor');
    for (let i = 0; i < 5; i++) {
      await attemptSignIn(t.app, member.email, `faux-${i}`, { remoteAddress: nextAddress() });
    }
    const delays: number[] = [];
    for (let failure = 6; failure <= 11; failure++) {
      const slowed = await attemptSignIn(t.app, member.email, 'encore-faux', {
        remoteAddress: nextAddress(),
      });
      expect(slowed.response.statusCode).toBe(429);
      const delay = Number(slowed.response.headers['retry-after']);
      delays.push(delay);
      t.clock.advance(delay * SECOND);
      const failed = await attemptSignIn(t.app, member.email, 'encore-faux', {
        remoteAddress: nextAddress(),
      });
      expect(failed.response.statusCode).toBe(400);
    }
    expect(delays).toEqual([5, 10, 20, 40, 60, 60]);
    const last = await attemptSignIn(t.app, member.email, member.password, { remoteAddress: nextAddress() });
    expect(last.response.statusCode).toBe(429);
    expect(last.response.headers['retry-after']).toBe('60');
    expect(refusalOf(last.response)).toBe(plainText(text.signIn.accountSlowed(60)));
  });

  it('never locks an account for good: after 60 s the right password works, however many failures', async () => {
    const member = await createMember('contributor');
    let failures = 0;
    while (failures < 16) {
      const attempt = await attemptSignIn(t.app, member.email, 'toujours-faux', {
        remoteAddress: nextAddress(),
      });
      if (attempt.response.statusCode === 429) {
        const wait = Number(attempt.response.headers['retry-after']);
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(60);
        t.clock.advance(wait * SECOND);
      } else {
        expect(attempt.response.statusCode).toBe(400);
        failures += 1;
      }
    }
    const slowed = await attemptSignIn(t.app, member.email, member.password, {
      remoteAddress: nextAddress(),
    });
    expect(slowed.response.statusCode).toBe(429);
    expect(Number(slowed.response.headers['retry-after'])).toBeLessThanOrEqual(60);
    t.clock.advance(60 * SECOND);
    const signedIn = await attemptSignIn(t.app, member.email, member.password, {
      remoteAddress: nextAddress(),
    });
    expect(signedIn.response.statusCode).toBe(303);
    await expectSignedIn(signedIn.cookie, member.name);
  });

  it('limits a client to 20 failures in 15 minutes, whatever the accounts, without holding others back', async () => {
    const member = await createMember('reader');
    const client = nextAddress();
    for (let i = 0; i < 20; i++) {
      const { response } = await attemptSignIn(t.app, `inconnu-${i}-${unique()}@exemple.test`, 'faux-faux', {
        remoteAddress: client,
      });
      expect(response.statusCode).toBe(400);
    }
    const limited = await attemptSignIn(t.app, member.email, member.password, { remoteAddress: client });
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.headers['retry-after']).toBe(String(15 * 60));
    expect(refusalOf(limited.response)).toBe(plainText(text.signIn.clientLimited(15)));
    expect(sessionCookieSet(limited.response)).toBeUndefined();
    // Another client is not affected.
    const other = await attemptSignIn(t.app, member.email, member.password, { remoteAddress: nextAddress() });
    expect(other.response.statusCode).toBe(303);
    // A second short of 15 minutes, still limited; at 15 minutes, free again.
    t.clock.advance(15 * MINUTE - SECOND);
    const early = await attemptSignIn(t.app, member.email, member.password, { remoteAddress: client });
    expect(early.response.statusCode).toBe(429);
    expect(early.response.headers['retry-after']).toBe('1');
    t.clock.advance(SECOND);
    const later = await attemptSignIn(t.app, member.email, member.password, { remoteAddress: client });
    expect(later.response.statusCode).toBe(303);
  });
});

describe('session time-outs', () => {
  it('ends a session left unused for more than 2 hours, with a notice on the sign-in page', async () => {
    const cookie = await signInAs(t.app, ADMIN.email, ADMIN.password);
    t.clock.advance(2 * HOUR + SECOND);
    const refused = await expectSignedOut(cookie);
    expect(refused.headers.location).toBe('/connexion?retour=%2Fgestion');
    const browser = mergeCookies(cookie, refused);
    expect(cookieValue(browser, SESSION_COOKIE)).toBeUndefined();
    const signInPage = await get(refused.headers.location as string, browser);
    expect(signInPage.statusCode).toBe(200);
    expect(textOf(parseHtml(signInPage.body).querySelector('.notice'))).toBe(plainText(text.signIn.expired));
    expect(text.signIn.expired).toMatch(/^Votre session a expiré/);
    // The session is gone for good, not merely refused once.
    await expectSignedOut(cookie);
  });

  it('keeps a session used within 2 hours, counting from the last use', async () => {
    const cookie = await signInAs(t.app, ADMIN.email, ADMIN.password);
    t.clock.advance(2 * HOUR - MINUTE);
    await expectSignedIn(cookie, ADMIN.name);
    // Nearly 4 hours after sign-in, but only nearly 2 since the last use.
    t.clock.advance(2 * HOUR - MINUTE);
    await expectSignedIn(cookie, ADMIN.name);
  });

  it('ends a session after 12 hours in all, even one used every hour', async () => {
    const cookie = await signInAs(t.app, ADMIN.email, ADMIN.password);
    for (let hour = 1; hour <= 11; hour++) {
      t.clock.advance(HOUR);
      await expectSignedIn(cookie, ADMIN.name);
    }
    t.clock.advance(59 * MINUTE);
    await expectSignedIn(cookie, ADMIN.name);
    t.clock.advance(2 * MINUTE);
    const refused = await expectSignedOut(cookie);
    const signInPage = await get('/connexion', mergeCookies(cookie, refused));
    expect(textOf(parseHtml(signInPage.body).querySelector('.notice'))).toBe(plainText(text.signIn.expired));
  });
});

describe('sign-out', () => {
  it('ends the session: the cookie no longer opens /gestion', async () => {
    const cookie = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const token = await csrfFrom(t.app, '/gestion', cookie);
    const response = await postForm(t.app, '/deconnexion', { token, cookie }, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/connexion');
    const browser = mergeCookies(cookie, response);
    expect(cookieValue(browser, SESSION_COOKIE)).toBeUndefined();
    const page = await get('/connexion', browser);
    expect(textOf(parseHtml(page.body).querySelector('.notice'))).toBe(plainText(text.signIn.signedOut));
    // The old cookie, replayed, opens nothing: the session is gone from the database.
    await expectSignedOut(cookie);
  });

  it('refuses a sign-out without the CSRF token, and the session goes on', async () => {
    const cookie = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const response = await t.app.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(response.statusCode).toBe(403);
    await expectSignedIn(cookie, ADMIN.name);
  });
});

describe('password reset', () => {
  it('a used reset link voids the others: an older link left in a mailbox opens nothing any more', async () => {
    const member = await createMember('reader');
    await requestReset(member.email);
    const older = linkPathIn((await receivedMail(1))[0]!.mail.text);
    smtp.received.length = 0;
    await requestReset(member.email);
    const newer = linkPathIn((await receivedMail(1))[0]!.mail.text);
    expect(newer).not.toBe(older);
    expect((await get(older)).statusCode).toBe(200);

    expect((await choosePassword(newer, 'le plus récent des liens')).statusCode).toBe(303);
    const stale = await get(older);
    expect(stale.statusCode).toBe(410);
    expect(h1Of(stale)).toBe(text.choosePassword.invalidTitle);
    await signInAs(t.app, member.email, 'le plus récent des liens');
  });

  it('a password set from the command line voids the account’s reset links too', async () => {
    const member = await createMember('reader');
    await requestReset(member.email);
    const link = linkPathIn((await receivedMail(1))[0]!.mail.text);
    await addUserWithPassword(t.database.db, t.clock, workspace, {
      email: member.email,
      displayName: member.name,
      role: 'reader',
      password: 'choisi par l’exploitant',
    });
    expect((await get(link)).statusCode).toBe(410);
    await signInAs(t.app, member.email, 'choisi par l’exploitant');
  });

  it('sends a single-use link under PUBLIC_URL that sets a new password and ends the sessions', async () => {
    const readerSession = await signInAs(t.app, READER.email, READER.password);
    const hashesBefore = await t.database.db
      .selectFrom('users')
      .select(['email', 'password_hash'])
      .where('email', '!=', READER.email)
      .orderBy('email')
      .execute();

    const sent = await requestReset(READER.email);
    expect(sent.statusCode).toBe(200);
    expect(h1Of(sent)).toBe(text.reset.sentTitle);
    const [message] = await receivedMail(1);
    expect(message!.to).toEqual([READER.email]);
    expect(message!.mail.subject).toBe(text.mail.reset.subject(workspace.name));
    const path = linkPathIn(message!.mail.text);

    // An unknown address gets the same page, and no message goes out.
    const unknown = await requestReset(`personne-${unique()}@exemple.test`);
    expect(unknown.statusCode).toBe(200);
    expect(textOf(parseHtml(unknown.body).querySelector('main'))).toBe(
      textOf(parseHtml(sent.body).querySelector('main')),
    );
    await receivedMail(1);

    const form = await get(path);
    expect(form.statusCode).toBe(200);
    expect(h1Of(form)).toBe(text.choosePassword.resetTitle);
    expect(parseHtml(form.body).querySelector('input[name="password"][type="password"]')).not.toBeNull();

    const tooShort = await choosePassword(path, 'onze-carac.');
    expect(tooShort.statusCode).toBe(400);
    expect(fieldError(tooShort, 'password')).toBe(plainText(text.errors.passwordTooShort(12)));
    const mismatch = await choosePassword(path, 'une phrase assez longue', 'une autre phrase longue');
    expect(mismatch.statusCode).toBe(400);
    expect(fieldError(mismatch, 'confirmation')).toBe(plainText(text.errors.confirmMismatch));

    const newPassword = 'la montagne au petit matin';
    const done = await choosePassword(path, newPassword);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/connexion');
    const notice = await get('/connexion', mergeCookies(undefined, done));
    expect(textOf(parseHtml(notice.body).querySelector('.notice'))).toBe(
      plainText(text.signIn.passwordChanged),
    );

    // The sessions opened before the reset are over.
    await expectSignedOut(readerSession);
    // The new password works, the old one no longer does.
    const withNew = await signInAs(t.app, READER.email, newPassword);
    await expectSignedIn(withNew, READER.name);
    const withOld = await attemptSignIn(t.app, READER.email, READER.password);
    expect(withOld.response.statusCode).toBe(400);
    // No one else's password changed.
    const hashesAfter = await t.database.db
      .selectFrom('users')
      .select(['email', 'password_hash'])
      .where('email', '!=', READER.email)
      .orderBy('email')
      .execute();
    expect(hashesAfter).toEqual(hashesBefore);
    await signInAs(t.app, ADMIN.email, ADMIN.password);

    // The same link a second time: spent, whatever the method.
    const again = await get(path);
    expect(again.statusCode).toBe(410);
    expect(h1Of(again)).toBe('Ce lien n’est plus valable');
    const reusedWithToken = await postForm(
      t.app,
      path,
      { token: await csrfFrom(t.app, '/connexion', withNew), cookie: withNew },
      { password: 'un troisième mot de passe', confirmation: 'un troisième mot de passe' },
    );
    expect(reusedWithToken.statusCode).toBe(410);
    expect(h1Of(reusedWithToken)).toBe(text.choosePassword.invalidTitle);
    expect((await attemptSignIn(t.app, READER.email, 'un troisième mot de passe')).response.statusCode).toBe(
      400,
    );
  });

  it('refuses a link used after one hour', async () => {
    const member = await createMember('contributor');
    await requestReset(member.email);
    const [message] = await receivedMail(1);
    const path = linkPathIn(message!.mail.text);
    // Opened a second before the hour, sent at the hour: too late.
    t.clock.advance(HOUR - SECOND);
    const form = await openForm(t.app, path);
    t.clock.advance(SECOND);
    const late = await postForm(t.app, path, form, {
      password: 'trop tard pour ce lien',
      confirmation: 'trop tard pour ce lien',
    });
    expect(late.statusCode).toBe(410);
    expect(h1Of(late)).toBe(text.choosePassword.invalidTitle);
    const expired = await get(path);
    expect(expired.statusCode).toBe(410);
    expect(h1Of(expired)).toBe(text.choosePassword.invalidTitle);
    expect((await attemptSignIn(t.app, member.email, 'trop tard pour ce lien')).response.statusCode).toBe(
      400,
    );
    await signInAs(t.app, member.email, member.password);
  });
});

describe('users screen', () => {
  it('is for admins only: an editor gets a French 403 and cannot change a role', async () => {
    const editor = await signInAs(t.app, EDITOR.email, EDITOR.password);
    const list = await get('/gestion/utilisateurs', editor);
    expect(list.statusCode).toBe(403);
    expect(h1Of(list)).toBe(messages.admin.forbiddenTitle);
    expect(textOf(parseHtml(list.body).querySelector('main'))).toContain(plainText(messages.admin.forbidden));
    const target = await createMember('reader');
    const change = await adminPost(editor, '/gestion', `/gestion/utilisateurs/${target.membershipId}/role`, {
      role: 'admin',
    });
    expect(change.statusCode).toBe(403);
    const membership = await t.database.db
      .selectFrom('memberships')
      .select('role')
      .where('id', '=', target.membershipId)
      .executeTakeFirstOrThrow();
    expect(membership.role).toBe('reader');
  });

  it('lets the admin change a member’s role, which the member then has', async () => {
    const admin = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const member = await createMember('contributor');
    const page = `/gestion/utilisateurs/${member.membershipId}`;
    const changed = await adminPost(admin, page, `${page}/role`, { role: 'reader' });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe(page);
    const list = await get('/gestion/utilisateurs', admin);
    const row = [...parseHtml(list.body).querySelectorAll('tbody tr')].find((tr) =>
      textOf(tr).includes(member.email),
    );
    expect(textOf(row?.querySelectorAll('td')[2])).toBe(plainText(messages.roles.reader));
    const own = await expectSignedIn(await signInAs(t.app, member.email, member.password), member.name);
    expect(textOf(parseHtml(own.body).querySelector('main'))).toContain(
      plainText(messages.admin.dashboard.yourRole(messages.roles.reader)),
    );
  });

  it('deactivating a member ends their sessions, and they can no longer sign in', async () => {
    const admin = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const member = await createMember('editor');
    const memberSession = await signInAs(t.app, member.email, member.password);
    await expectSignedIn(memberSession, member.name);
    const page = `/gestion/utilisateurs/${member.membershipId}`;
    const done = await adminPost(admin, page, `${page}/desactiver`, {});
    expect(done.statusCode).toBe(303);
    await expectSignedOut(memberSession);
    const again = await attemptSignIn(t.app, member.email, member.password);
    expect(again.response.statusCode).toBe(400);
    expect(fieldError(again.response, 'email')).toBe(plainText(text.signIn.invalid));
    const shown = await get(page, admin);
    expect(textOf(parseHtml(shown.body).querySelector('main'))).toContain(
      plainText(messages.users.statusDeactivated),
    );
  });

  it('keeps at least one active admin: the last one can neither demote nor deactivate themselves', async () => {
    const admin = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const own = `/gestion/utilisateurs/${await membershipIdOf(ADMIN.email)}`;
    const activeAdmins = () =>
      t.database.db
        .selectFrom('memberships')
        .select('id')
        .where('workspace_id', '=', workspace.id)
        .where('role', '=', 'admin')
        .where('deactivated_at', 'is', null)
        .execute();
    expect(await activeAdmins()).toHaveLength(1);

    const demote = await adminPost(admin, own, `${own}/role`, { role: 'editor' });
    expect(demote.statusCode).toBe(400);
    expect(fieldError(demote, 'role')).toBe(plainText(text.errors.lastAdmin));
    const deactivate = await adminPost(admin, own, `${own}/desactiver`, {});
    expect(deactivate.statusCode).toBe(400);
    expect(fieldError(deactivate, 'actions')).toBe(plainText(text.errors.lastAdmin));
    expect((await get('/gestion/utilisateurs', admin)).statusCode).toBe(200);

    // With a second active admin, one of the two may go; then the rule holds again.
    const second = await createMember('admin');
    const secondPage = `/gestion/utilisateurs/${second.membershipId}`;
    expect((await adminPost(admin, secondPage, `${secondPage}/desactiver`, {})).statusCode).toBe(303);
    expect(await activeAdmins()).toHaveLength(1);
    const demoteAgain = await adminPost(admin, own, `${own}/role`, { role: 'editor' });
    expect(demoteAgain.statusCode).toBe(400);
    expect((await get('/gestion/utilisateurs', admin)).statusCode).toBe(200);
  });

  it('anonymises a member: name and address replaced, access ended, history kept', async () => {
    const admin = await signInAs(t.app, ADMIN.email, ADMIN.password);
    // An invited person who accepts: the acceptance is a change made by that person.
    const email = `anonyme-bientot-${unique()}@exemple.test`;
    const name = `Anaïs ${unique()}`;
    const password = 'une phrase pour entrer';
    await inviteAndAccept(admin, email, name, 'contributor', password);
    const memberSession = await signInAs(t.app, email, password);
    const membershipId = await membershipIdOf(email);
    const { id: userId } = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();

    const page = `/gestion/utilisateurs/${membershipId}`;
    const done = await adminPost(admin, page, `${page}/anonymiser`, {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/gestion/utilisateurs');

    const user = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user.display_name).toBe(text.anonymisedName);
    expect(user.email).not.toContain('anonyme-bientot');
    expect(user.password_hash).toBeNull();

    const list = await get('/gestion/utilisateurs', admin);
    expect(list.body).not.toContain(email);
    expect(list.body).not.toContain(name);
    expect(textOf(parseHtml(list.body).querySelector('main'))).toContain(
      plainText(messages.users.statusAnonymised(formatDateFr(t.clock.now()))),
    );
    await expectSignedOut(memberSession);
    expect((await attemptSignIn(t.app, email, password)).response.statusCode).toBe(400);

    // Every event about the record is still there, and the history names the author anonymously.
    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('record_type', '=', 'user')
      .where('record_id', '=', userId)
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.action)).toEqual(['invitation_accepted', 'anonymise']);
    expect(events[0]!.actor_user_id).toBe(userId);

    const history = await get(`${page}/historique`, admin);
    expect(history.statusCode).toBe(200);
    // The history no longer tells who the person was.
    expect(history.body).not.toContain(email);
    expect(history.body).not.toContain(name);
    const rows = [...parseHtml(history.body).querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => textOf(td)),
    );
    const actions = messages.history.actions;
    expect(rows.map((cells) => [cells[2], cells[1]])).toEqual([
      [actions.anonymise, ADMIN.name],
      [actions.invitation_accepted, text.anonymisedName],
    ]);
  });
});

describe('workspaces', () => {
  it('keeps the second workspace’s admin out of the default workspace', async () => {
    const host = DEMO_SECOND.hostName;
    const own = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, { host });
    const dashboard = await get('/gestion', own, host);
    expect(dashboard.statusCode).toBe(200);
    expect(h1Of(dashboard)).toBe(messages.admin.dashboard.welcome(DEMO_SECOND.admin.name));

    const elsewhere = await attemptSignIn(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password);
    expect(elsewhere.response.statusCode).toBe(400);
    expect(fieldError(elsewhere.response, 'email')).toBe(plainText(text.signIn.invalid));
    expect(sessionCookieSet(elsewhere.response)).toBeUndefined();

    for (const url of ['/gestion', '/gestion/utilisateurs']) {
      const refused = await get(url, own);
      expect(refused.statusCode).toBe(403);
      expect(h1Of(refused)).toBe(messages.admin.forbiddenTitle);
      expect(refused.body).not.toContain(ADMIN.email);
    }
    // And the other way round.
    const admin = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const across = await get('/gestion/utilisateurs', admin, host);
    expect(across.statusCode).toBe(403);
    expect(across.body).not.toContain(DEMO_SECOND.admin.email);
  });

  it('sends reset links under the workspace’s own host, valid on that host only', async () => {
    const host = DEMO_SECOND.hostName;
    // Not a member of the default workspace: no message.
    await requestReset(DEMO_SECOND.admin.email);
    await receivedMail(0);
    await requestReset(DEMO_SECOND.admin.email, { host });
    const [message] = await receivedMail(1);
    const link = message!.mail.text.match(/https?:\/\/\S+/)![0];
    expect(new URL(link).hostname).toBe(host);
    const path = new URL(link).pathname;
    expect((await get(path, undefined, host)).statusCode).toBe(200);
    expect((await get(path)).statusCode).toBe(410);
  });
});

describe('an account shared by two workspaces', () => {
  it('cannot be anonymised or signed out from the other workspace', async () => {
    const host = { host: DEMO_SECOND.hostName };
    const adminSession = await signInAs(t.app, ADMIN.email, ADMIN.password);
    const other = await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, host);
    // The second workspace invites the default workspace's admin, who accepts by signing in.
    const invite = await openForm(t.app, '/gestion/utilisateurs/inviter', { ...host, cookie: other });
    const invited = await postForm(
      t.app,
      '/gestion/utilisateurs/inviter',
      invite,
      { email: ADMIN.email, display_name: ADMIN.name, role: 'reader' },
      host,
    );
    expect(invited.statusCode).toBe(303);
    const [message] = await receivedMail(1);
    const link = new URL(message!.mail.text.match(/https?:\/\/\S+/)![0]!);
    const acceptForm = await openForm(t.app, link.pathname, host);
    const accepted = await postForm(t.app, link.pathname, acceptForm, { password: ADMIN.password }, host);
    expect(accepted.statusCode).toBe(303);
    const membership = await membershipIdOf(ADMIN.email, (await secondWorkspace()).id);
    const page = `/gestion/utilisateurs/${membership}`;

    const anonymise = await openForm(t.app, page, { ...host, cookie: other });
    const refused = await postForm(t.app, `${page}/anonymiser`, anonymise, {}, host);
    expect(refused.statusCode).toBe(400);
    expect(textOf(parseHtml(refused.body).querySelector('.error-summary'))).toContain(
      plainText(text.errors.memberElsewhere),
    );
    await expectSignedIn(adminSession, ADMIN.name);

    const deactivate = await openForm(t.app, page, { ...host, cookie: other });
    expect((await postForm(t.app, `${page}/desactiver`, deactivate, {}, host)).statusCode).toBe(303);
    // Still signed in where the account is still open.
    await expectSignedIn(adminSession, ADMIN.name);
  });
});

async function secondWorkspace() {
  return t.database.db
    .selectFrom('workspaces')
    .selectAll()
    .where('slug', '=', DEMO_SECOND.workspaceSlug)
    .executeTakeFirstOrThrow();
}

describe('when the mail server is down', () => {
  let down: TestApp;
  beforeAll(async () => {
    // A port that was just open and is now closed: every delivery fails at once.
    const gone = await startSmtpServer();
    await gone.close();
    down = await createTestApp({ smtpUrl: gone.url });
  });
  afterAll(async () => {
    await down?.close();
  });

  it('records no invitation that could not leave, and says so in French', async () => {
    const cookie = await signInAs(down.app, ADMIN.email, ADMIN.password);
    const form = await openForm(down.app, '/gestion/utilisateurs/inviter', { cookie });
    const email = `absent-${randomBytes(4).toString('hex')}@example.test`;
    const response = await postForm(down.app, '/gestion/utilisateurs/inviter', form, {
      email,
      display_name: 'Personne Absente',
      role: 'editor',
    });
    expect(response.statusCode).toBe(503);
    expect(textOf(parseHtml(response.body).getElementById('email-error'))).toContain(
      plainText(messages.users.invitationNotSent),
    );
    const user = await down.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    expect(user).toBeUndefined();
    const invitation = await down.database.db
      .selectFrom('invitations')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    expect(invitation).toBeUndefined();
  });

  it('keeps a reset link that could not leave in the job queue, retried, then listed for the administrators', async () => {
    const before = await down.database.db.selectFrom('jobs').select('id').execute();
    expect((await requestResetOn(down, EDITOR.email)).statusCode).toBe(200);
    // The job is queued after the answer (which must not wait for the look-up): wait for it.
    const queued = () =>
      down.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'password-reset')
        .where('id', 'not in', before.length ? before.map((row) => row.id) : [0])
        .executeTakeFirst();
    for (let waited = 0; waited < 5000 && !(await queued()); waited += 25) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await down.app.jobs.runner.runDue();
    const job = await queued();
    if (!job) throw new Error('no password-reset job was queued');
    expect(job.state).toBe('queued');
    expect(job.attempts).toBe(1);
    for (let attempt = 1; attempt < job.max_attempts; attempt++) {
      down.clock.advance(retryDelayMs(attempt));
      await down.app.jobs.runner.runDue();
    }
    const failed = await down.database.db
      .selectFrom('jobs')
      .select(['state', 'attempts'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(failed).toEqual({ state: 'failed', attempts: job.max_attempts });
    const cookie = await signInAs(down.app, ADMIN.email, ADMIN.password);
    const screen = await down.app.inject({ method: 'GET', url: '/gestion/taches', headers: { cookie } });
    expect(textOf(parseHtml(screen.body).querySelector('tbody'))).toContain(
      plainText(messages.jobs.kinds['password-reset']!),
    );
  });

  it('answers a reset request exactly as for an unknown address', async () => {
    const known = await requestResetOn(down, READER.email);
    const unknown = await requestResetOn(down, 'personne@example.test');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const main = (response: LightMyRequestResponse) => textOf(parseHtml(response.body).querySelector('main'));
    expect(main(known)).toBe(main(unknown));
  });
});

async function requestResetOn(app: TestApp, email: string) {
  const form = await openForm(app.app, '/mot-de-passe-oublie');
  return postForm(app.app, '/mot-de-passe-oublie', form, { email });
}
