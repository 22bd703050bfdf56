import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_SECOND } from '../../src/db/seeds/demo.js';
import { messages } from '../../src/platform/i18n/fr.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { parseHtml, plainText, textOf } from '../helpers/html.js';
import {
  cookieValue,
  mergeCookies,
  openForm,
  parseCookieHeader,
  postForm,
  signInAs,
} from '../helpers/session.js';

/**
 * CSRF is enforced in one place, for every unsafe request: the server's own route list is
 * posted to without a token, and tokens taken in another session, another browser or on another
 * workspace's host are refused.
 */
let t: TestApp;
let admin: string;
const adminAccount = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
const editorAccount = DEMO_ACCOUNTS.find((a) => a.role === 'editor')!;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminAccount.email, adminAccount.password);
});
afterAll(async () => {
  await t?.close();
});

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The unsafe routes allowed to take no token, each with the reason. None today: a route added
 * here must say why in the route's own `config.csrfExempt` as well.
 */
const EXEMPT: Record<string, string> = {};

function concrete(url: string): string {
  return url
    .replace(':token', 'jeton-inconnu-de-vingt-caracteres')
    .replace(':deletionId', '00000000-0000-4000-8000-000000000000')
    .replace(':id', '00000000-0000-4000-8000-000000000000');
}

function expectCsrfRefusal(response: { statusCode: number; body: string }, label: string) {
  expect(response.statusCode, label).toBe(403);
  expect(textOf(parseHtml(response.body).querySelector('h1')), label).toBe(
    plainText(messages.errors.csrfTitle),
  );
}

/** A form body with a token, posted with the given cookies to `url` on `host`. */
function post(url: string, cookie: string, token: string | null, host?: string) {
  const fields = new URLSearchParams(token === null ? {} : { _csrf: token });
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
      ...(host ? { host } : {}),
    },
    payload: fields.toString(),
  });
}

describe('CSRF on every unsafe route', () => {
  it('knows every unsafe route the server answers, and exempts only those listed here, with a reason', () => {
    const unsafe = t.app.routeCatalogue.filter((route) => UNSAFE.has(route.method));
    expect(unsafe.length).toBeGreaterThan(20);
    const exempted = Object.fromEntries(
      unsafe
        .filter((route) => route.csrfExempt)
        .map((route) => [`${route.method} ${route.url}`, route.csrfExempt]),
    );
    expect(exempted).toEqual(EXEMPT);
  });

  it('refuses every unsafe route without a token, signed in, with the French 403 page', async () => {
    const failures: string[] = [];
    for (const route of t.app.routeCatalogue.filter((r) => UNSAFE.has(r.method))) {
      if (EXEMPT[`${route.method} ${route.url}`]) continue;
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: concrete(route.url),
        headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'title=Sans+jeton&email=personne%40example.test',
      });
      const title = textOf(parseHtml(response.body).querySelector('h1'));
      if (response.statusCode !== 403 || title !== messages.errors.csrfTitle)
        failures.push(`${route.method} ${route.url}: ${response.statusCode} ${title}`);
    }
    expect(failures).toEqual([]);
  });

  it('never reads an upload before knowing who sends it: a signed-out post is answered at once', async () => {
    // A multipart body that never ends: reading it would wait forever. The answer comes in
    // milliseconds; the 20 s bound only leaves room for a very busy machine.
    const boundary = '----entente-sans-fin';
    const endless = new Readable({ read() {} });
    endless.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n`);
    endless.push(Buffer.alloc(64 * 1024, 1));
    const answered = t.app.inject({
      method: 'POST',
      url: '/gestion/images',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: endless,
    });
    const outcome = await Promise.race([
      answered,
      new Promise<'still reading'>((resolve) => setTimeout(() => resolve('still reading'), 20_000)),
    ]);
    endless.push(null);
    expect(outcome).not.toBe('still reading');
    const response = outcome as Awaited<typeof answered>;
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/connexion/);
  });

  it('refuses every unsafe route with a wrong token, and without any cookie', async () => {
    const failures: string[] = [];
    const { token } = await openForm(t.app, '/connexion', { cookie: admin });
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    for (const route of t.app.routeCatalogue.filter((r) => UNSAFE.has(r.method))) {
      if (EXEMPT[`${route.method} ${route.url}`]) continue;
      for (const [label, cookie, sent] of [
        ['forged token', admin, forged],
        ['no cookie', '', token],
      ] as const) {
        const response = await post(concrete(route.url), cookie, sent);
        // Without any cookie, a back-office route sends to the sign-in page first: no change either.
        const toSignIn =
          label === 'no cookie' &&
          route.permission !== null &&
          response.statusCode === 303 &&
          String(response.headers.location).startsWith('/connexion');
        if (response.statusCode !== 403 && !toSignIn)
          failures.push(`${route.method} ${route.url} (${label}): ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/** The editor signs in through the form: the jar before (with its token) and after. */
async function signInFromTheForm() {
  const before = await openForm(t.app, '/connexion');
  const signIn = await postForm(t.app, '/connexion', before, {
    email: editorAccount.email,
    password: editorAccount.password,
  });
  expect(signIn.statusCode).toBe(303);
  return { before, after: mergeCookies(before.cookie, signIn) };
}

describe('CSRF tokens are bound to the browser, the session and the workspace', () => {
  it('accepts the token of the page the same browser opened', async () => {
    const form = await openForm(t.app, '/gestion/corbeille', { cookie: admin });
    const response = await post('/gestion/corbeille/vider', form.cookie, form.token);
    expect(response.statusCode).toBe(303);
  });

  it('refuses a token and cookie pair taken in another session of the same site', async () => {
    // An attacker takes a valid pair in their own session, plants the cookie in the victim's
    // browser (from a sibling host, say) and has the victim post the token.
    const attacker = await signInAs(t.app, editorAccount.email, editorAccount.password);
    const attackerForm = await openForm(t.app, '/gestion/pages', { cookie: attacker });
    const pair = cookieValue(attackerForm.cookie, 'entente_csrf')!;
    const victimWithPlantedPair = `entente_session=${cookieValue(admin, 'entente_session')}; entente_csrf=${pair}`;
    expectCsrfRefusal(
      await post('/gestion/corbeille/vider', victimWithPlantedPair, attackerForm.token),
      'pair of another session',
    );
  });

  it('refuses a token and cookie pair taken on another workspace’s host', async () => {
    const elsewhere = await openForm(t.app, '/connexion', { host: DEMO_SECOND.hostName });
    const here = await post('/connexion', elsewhere.cookie, elsewhere.token);
    expectCsrfRefusal(here, 'pair of another workspace');
    // The same pair works on its own host: only the workspace differs.
    const there = await post('/connexion', elsewhere.cookie, elsewhere.token, DEMO_SECOND.hostName);
    expect(there.statusCode).toBe(400);
  });

  it('refuses a signed-out pair once the browser is signed in', async () => {
    const { before, after } = await signInFromTheForm();
    expectCsrfRefusal(await post('/deconnexion', after, before.token), 'token from before sign-in');
  });

  it('gives the browser a new secret at sign-in and at sign-out, so older tokens die', async () => {
    const { before, after: signedIn } = await signInFromTheForm();
    const secretBefore = cookieValue(before.cookie, 'entente_csrf');
    const secretSignedIn = cookieValue(signedIn, 'entente_csrf');
    expect(secretSignedIn).toBeDefined();
    expect(secretSignedIn).not.toBe(secretBefore);

    const inSession = await openForm(t.app, '/gestion', { cookie: signedIn });
    const signOut = await post('/deconnexion', inSession.cookie, inSession.token);
    expect(signOut.statusCode).toBe(303);
    const signedOut = mergeCookies(inSession.cookie, signOut);
    expect(parseCookieHeader(signedOut).has('entente_session')).toBe(false);
    const secretSignedOut = cookieValue(signedOut, 'entente_csrf');
    expect(secretSignedOut).not.toBe(secretSignedIn);
    expect(secretSignedOut).not.toBe(secretBefore);
    // Signed out again, the browser's first signed-out token (same binding, older secret) is dead.
    expectCsrfRefusal(
      await post('/mot-de-passe-oublie', signedOut, before.token),
      'signed-out token from before the sign-in',
    );
  });
});
