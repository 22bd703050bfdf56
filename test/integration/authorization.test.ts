import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_ACCOUNTS, DEMO_SECOND } from '../../src/db/seeds/demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openForm, parseCookieHeader, signInAs } from '../helpers/session.js';

/**
 * Every route of the server, for every role, a signed-out visitor and the admin of another
 * workspace, checked against the table of the issue "Step 2" — kept here, in the test's own
 * words, and not taken from the code:
 *
 *   admin        everything in its workspace: users, settings, content, empty the trash
 *   editor       create, edit, publish, delete and restore content; no users, no settings
 *   contributor  create and edit drafts; no publishing, no deleting
 *   reader       read everything in the back office, drafts included; no change
 *   partner      read what is shared with its organisation; propose updates (kept as drafts)
 *   signed out   the public site only
 */
type Who = 'admin' | 'editor' | 'contributor' | 'reader' | 'partner' | 'signed-out' | 'other-workspace';
type Ability =
  | 'public'
  | 'enter'
  | 'read'
  | 'draft'
  | 'publish'
  | 'delete'
  | 'restore'
  | 'empty-trash'
  | 'settings'
  | 'users';

const allowed: Record<Ability, Who[]> = {
  public: ['admin', 'editor', 'contributor', 'reader', 'partner', 'signed-out', 'other-workspace'],
  enter: ['admin', 'editor', 'contributor', 'reader', 'partner'],
  read: ['admin', 'editor', 'contributor', 'reader'],
  draft: ['admin', 'editor', 'contributor'],
  publish: ['admin', 'editor'],
  delete: ['admin', 'editor'],
  restore: ['admin', 'editor'],
  'empty-trash': ['admin'],
  settings: ['admin'],
  users: ['admin'],
};

/**
 * What each route does, in the words of the table. A route missing here fails the test: every
 * new route must say who may use it.
 */
const expectations: Record<string, Ability> = {
  // The public site.
  'GET /*': 'public',
  'GET /assets/*': 'public',
  'GET /medias/:id/:file': 'public',
  'GET /recherche': 'public',
  'GET /contact': 'public',
  'GET /plan-du-site': 'public',
  'GET /mentions-legales': 'public',
  'GET /accessibilite': 'public',
  'GET /envoyer-a-un-ami': 'public',
  'POST /envoyer-a-un-ami': 'public',
  // Signing in and out, passwords.
  'GET /connexion': 'public',
  'POST /connexion': 'public',
  'POST /deconnexion': 'public',
  'GET /mot-de-passe-oublie': 'public',
  'POST /mot-de-passe-oublie': 'public',
  'GET /mot-de-passe/:token': 'public',
  'POST /mot-de-passe/:token': 'public',
  // The back office.
  'GET /gestion': 'enter',
  'GET /gestion/pages': 'read',
  'GET /gestion/pages/nouvelle': 'draft',
  'POST /gestion/pages': 'draft',
  'GET /gestion/pages/:id': 'read',
  'POST /gestion/pages/:id': 'draft',
  'POST /gestion/pages/:id/publier': 'publish',
  'POST /gestion/pages/:id/depublier': 'publish',
  'GET /gestion/pages/:id/supprimer': 'delete',
  'POST /gestion/pages/:id/supprimer': 'delete',
  'GET /gestion/pages/:id/historique': 'read',
  'GET /gestion/contacts': 'read',
  'GET /gestion/contacts/nouvelle': 'publish',
  'POST /gestion/contacts': 'publish',
  'GET /gestion/contacts/:id': 'read',
  'POST /gestion/contacts/:id': 'publish',
  'GET /gestion/contacts/:id/supprimer': 'delete',
  'POST /gestion/contacts/:id/supprimer': 'delete',
  'GET /gestion/contacts/:id/historique': 'read',
  'GET /gestion/parametres': 'read',
  'POST /gestion/parametres': 'settings',
  'GET /gestion/parametres/historique': 'read',
  'GET /gestion/images': 'read',
  'GET /gestion/images/nouvelle': 'draft',
  'POST /gestion/images': 'draft',
  'GET /gestion/images/:id': 'read',
  'POST /gestion/images/:id': 'draft',
  'GET /gestion/images/:id/apercu': 'read',
  'GET /gestion/images/:id/supprimer': 'delete',
  'POST /gestion/images/:id/supprimer': 'delete',
  'GET /gestion/images/:id/historique': 'read',
  'GET /gestion/corbeille': 'read',
  'POST /gestion/corbeille/:deletionId/restaurer': 'restore',
  'POST /gestion/corbeille/vider': 'empty-trash',
  'GET /gestion/utilisateurs': 'users',
  'GET /gestion/utilisateurs/inviter': 'users',
  'POST /gestion/utilisateurs/inviter': 'users',
  'GET /gestion/utilisateurs/:id': 'users',
  'POST /gestion/utilisateurs/:id/role': 'users',
  'POST /gestion/utilisateurs/:id/desactiver': 'users',
  'POST /gestion/utilisateurs/:id/reactiver': 'users',
  'POST /gestion/utilisateurs/:id/anonymiser': 'users',
  'GET /gestion/utilisateurs/:id/historique': 'users',
};

let t: TestApp;
const cookies = new Map<Who, string>();
/** Real records of the default workspace, for GET routes with parameters. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const account of DEMO_ACCOUNTS)
    cookies.set(account.role, await signInAs(t.app, account.email, account.password));
  cookies.set('signed-out', (await openForm(t.app, '/connexion')).cookie);
  // The other workspace's admin, signed in on its own host, then knocking on this one.
  cookies.set(
    'other-workspace',
    await signInAs(t.app, DEMO_SECOND.admin.email, DEMO_SECOND.admin.password, {
      host: DEMO_SECOND.hostName,
    }),
  );
  const db = t.database.db;
  const page = await db
    .selectFrom('pages')
    .select('id')
    .where('slug', '=', 'la-cooperation-decentralisee')
    .executeTakeFirstOrThrow();
  ids.page = page.id;
  const media = await db.selectFrom('media').select(['id', 'storage_key']).executeTakeFirstOrThrow();
  ids.media = media.id;
  ids.mediaFile = media.storage_key.split('/').pop()!;
  ids.contactCard = (await db.selectFrom('contact_cards').select('id').executeTakeFirstOrThrow()).id;
  const reader = DEMO_ACCOUNTS.find((a) => a.role === 'reader')!;
  const membership = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.id')
    .where('users.email', '=', reader.email)
    .executeTakeFirstOrThrow();
  ids.membership = membership.id;
});
afterAll(async () => {
  await t?.close();
});

/** A concrete address for a route: real ids for reads, unknown ids for writes (nothing changes). */
function concreteUrl(method: string, url: string): string {
  const write = method !== 'GET';
  return url
    .replace('/*', '/tout-savoir-sur-la-communaute-de-communes')
    .replace('/assets/*', '/assets/site.css')
    .replace(':file', ids.mediaFile!)
    .replace(':token', 'jeton-inconnu-de-vingt-caracteres')
    .replace(':deletionId', randomUUID())
    .replace(':id', () => {
      if (write) return randomUUID();
      if (url.startsWith('/gestion/utilisateurs')) return ids.membership!;
      if (url.startsWith('/medias') || url.startsWith('/gestion/images')) return ids.media!;
      if (url.startsWith('/gestion/contacts')) return ids.contactCard!;
      return ids.page!;
    })
    .concat(url === '/envoyer-a-un-ami' ? `?page=${encodeURIComponent(DEMO.cooperationPath)}` : '');
}

/** Signing out would end the session the next checks use: those routes get a session-less jar. */
const SESSION_ENDING = new Set(['/deconnexion', '/connexion']);

async function request(who: Who, method: string, url: string) {
  const cookie = SESSION_ENDING.has(url) ? cookies.get('signed-out')! : cookies.get(who)!;
  const headers: Record<string, string> = { cookie };
  if (method === 'GET') return t.app.inject({ method: 'GET', url, headers });
  const token = (await openForm(t.app, '/connexion', { cookie })).token;
  return t.app.inject({
    method: method as 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token }).toString(),
  });
}

describe('authorization of every route', () => {
  it('has an expectation for every route the server answers, and no stale one', () => {
    const routes = t.app.routeCatalogue.map((route) => `${route.method} ${route.url}`);
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !(route in expectations))).toEqual([]);
    expect(Object.keys(expectations).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('guards every back-office route with a permission, and no public route', () => {
    for (const route of t.app.routeCatalogue) {
      const ability = expectations[`${route.method} ${route.url}`];
      expect(route.permission === null, `${route.method} ${route.url}`).toBe(ability === 'public');
    }
  });

  const everyone: Who[] = [
    'admin',
    'editor',
    'contributor',
    'reader',
    'partner',
    'signed-out',
    'other-workspace',
  ];
  for (const who of everyone) {
    it(`answers each route as the table says for: ${who}`, async () => {
      const failures: string[] = [];
      for (const route of t.app.routeCatalogue) {
        const key = `${route.method} ${route.url}`;
        const ability = expectations[key]!;
        const url = concreteUrl(route.method, route.url);
        const response = await request(who, route.method, url);
        const location = String(response.headers.location ?? '');
        const sentToSignIn = response.statusCode === 303 && location.startsWith('/connexion');
        const refused = response.statusCode === 403 || (sentToSignIn && ability !== 'public');
        if (allowed[ability].includes(who)) {
          if (refused || response.statusCode >= 500)
            failures.push(`${key} (${url}): expected allowed, got ${response.statusCode}`);
          if (route.method === 'GET' && ability !== 'public' && response.statusCode !== 200) {
            failures.push(`${key} (${url}): expected the page, got ${response.statusCode}`);
          }
        } else if (who === 'signed-out') {
          if (!sentToSignIn)
            failures.push(`${key}: a signed-out visitor must be sent to sign in, got ${response.statusCode}`);
        } else if (response.statusCode !== 403) {
          failures.push(`${key} (${url}): expected 403 for ${who}, got ${response.statusCode}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('never lets the other workspace’s admin read this workspace’s records from its own host', async () => {
    const cookie = cookies.get('other-workspace')!;
    const failures: string[] = [];
    for (const route of t.app.routeCatalogue.filter((r) => r.method === 'GET' && r.url.includes(':id'))) {
      const url = concreteUrl('GET', route.url);
      const response = await t.app.inject({
        method: 'GET',
        url,
        headers: { cookie, host: DEMO_SECOND.hostName },
      });
      if (response.statusCode !== 404) failures.push(`${route.url} (${url}): ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the CSRF cookie in every jar, so that refusals above are not CSRF refusals', () => {
    for (const [who, cookie] of cookies) expect(parseCookieHeader(cookie).has('_csrf'), who).toBe(true);
  });
});
