import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parseHtml } from './html.js';

/** The session cookie the app sets at sign-in (see accounts.hooks.ts). */
export const SESSION_COOKIE = 'entente_session';

export interface RequestOptions {
  /** The Host header: another workspace's host name, say. Default: the default workspace. */
  host?: string;
  /** The client's address, for the per-client limits. */
  remoteAddress?: string;
}

function hostHeaders(options: RequestOptions): Record<string, string> {
  return options.host ? { host: options.host } : {};
}

/** The cookies of a `cookie` header, by name. */
export function parseCookieHeader(cookie: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0) jar.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  return jar;
}

/**
 * The `cookie` header a browser would send after this response: the cookies it set are added
 * or replaced, the ones it cleared (empty value or expired) are dropped.
 */
export function mergeCookies(cookie: string | undefined, response: LightMyRequestResponse): string {
  const jar = parseCookieHeader(cookie);
  for (const set of response.cookies as Array<{
    name: string;
    value: string;
    expires?: Date;
    maxAge?: number;
  }>) {
    const cleared =
      set.value === '' || set.maxAge === 0 || (set.expires && set.expires.getTime() <= Date.now());
    if (cleared) jar.delete(set.name);
    else jar.set(set.name, set.value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The value of one cookie of a `cookie` header. */
export function cookieValue(cookie: string, name: string): string | undefined {
  return parseCookieHeader(cookie).get(name);
}

/** The `_csrf` token of an HTML page, or an error saying which page had none. */
function csrfTokenOf(html: string, url: string): string {
  const token = parseHtml(html).querySelector('input[name="_csrf"]')?.getAttribute('value');
  if (!token) throw new Error(`No _csrf field on ${url}`);
  return token;
}

/**
 * Opens a page with a form as a browser would: its `_csrf` token, and the cookie header to send
 * with the post (the given cookies plus the CSRF cookie the page may have set).
 */
export async function openForm(
  app: FastifyInstance,
  url: string,
  options: RequestOptions & { cookie?: string } = {},
): Promise<{ token: string; cookie: string; response: LightMyRequestResponse }> {
  const response = await app.inject({
    method: 'GET',
    url,
    headers: { ...hostHeaders(options), ...(options.cookie ? { cookie: options.cookie } : {}) },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}`);
  return { token: csrfTokenOf(response.body, url), cookie: mergeCookies(options.cookie, response), response };
}

/**
 * The version an edit form was opened on (its hidden `version` field), as a browser sends it
 * back; undefined when the page has none.
 */
export async function versionShownAt(
  app: FastifyInstance,
  url: string,
  cookie: string,
  options: RequestOptions = {},
): Promise<string | undefined> {
  const response = await app.inject({ method: 'GET', url, headers: { ...hostHeaders(options), cookie } });
  return parseHtml(response.body).querySelector('input[name="version"]')?.getAttribute('value') ?? undefined;
}

/**
 * The `_csrf` token of a page opened with `cookie` (typically the one `signInAs` returned, which
 * already holds the CSRF cookie, so the token matches it).
 */
export async function csrfFrom(
  app: FastifyInstance,
  url: string,
  cookie: string,
  options: RequestOptions = {},
): Promise<string> {
  if (!parseCookieHeader(cookie).has('entente_csrf'))
    throw new Error('csrfFrom needs a cookie header holding the CSRF cookie (entente_csrf): use openForm');
  return (await openForm(app, url, { ...options, cookie })).token;
}

/** Posts an urlencoded form with its CSRF token, as a browser submits it. */
export function postForm(
  app: FastifyInstance,
  url: string,
  form: { token: string; cookie: string },
  fields: Record<string, string>,
  options: RequestOptions = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: {
      ...hostHeaders(options),
      cookie: form.cookie,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ _csrf: form.token, ...fields }).toString(),
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
}

/**
 * Submits the sign-in form (GET /connexion, then POST with its CSRF token) and returns the
 * response and the cookie header a browser would hold afterwards.
 */
export async function attemptSignIn(
  app: FastifyInstance,
  email: string,
  password: string,
  options: RequestOptions & { cookie?: string } = {},
): Promise<{ response: LightMyRequestResponse; cookie: string }> {
  const form = await openForm(app, '/connexion', options);
  const response = await postForm(app, '/connexion', form, { email, password }, options);
  return { response, cookie: mergeCookies(form.cookie, response) };
}

/**
 * Signs in and returns the cookie header to send afterwards: the session cookie
 * (`entente_session`) and the CSRF cookie. Throws if the sign-in is refused.
 */
export async function signInAs(
  app: FastifyInstance,
  email: string,
  password: string,
  options: RequestOptions = {},
): Promise<string> {
  const { response, cookie } = await attemptSignIn(app, email, password, options);
  if (response.statusCode !== 303 || !parseCookieHeader(cookie).has(SESSION_COOKIE))
    throw new Error(`Sign-in of ${email} refused: ${response.statusCode}`);
  return cookie;
}

/**
 * What a browser sends for a textarea: its text with the character references decoded (linkedom
 * keeps a textarea's content raw, `&quot;` and all), and without the newline that may follow
 * the start tag.
 */
function textareaValue(control: Element): string {
  const raw = control.innerHTML ?? '';
  const decoded = parseHtml(`<p>${raw}</p>`).querySelector('p')?.textContent ?? '';
  return decoded.startsWith('\n') ? decoded.slice(1) : decoded;
}

/**
 * The fields a browser would send with a form of this page: every field with the value the page
 * gives it (checked boxes only, the selected option). The form is the one posting to `action`.
 */
export function formFieldsOf(html: string, pageUrl: string, action: string): URLSearchParams {
  const form = [...parseHtml(html).querySelectorAll('form')].find(
    (candidate) => (candidate.getAttribute('action') ?? pageUrl) === action,
  );
  if (!form) throw new Error(`No form posting to ${action} on ${pageUrl}`);
  const fields = new URLSearchParams();
  for (const control of form.querySelectorAll('input, textarea, select')) {
    const name = control.getAttribute('name');
    if (!name || control.hasAttribute('disabled')) continue;
    const type = control.getAttribute('type');
    if ((type === 'checkbox' || type === 'radio') && !control.hasAttribute('checked')) continue;
    if (type === 'submit' || type === 'file') continue;
    const value =
      control.tagName === 'TEXTAREA'
        ? textareaValue(control)
        : control.tagName === 'SELECT'
          ? (control.querySelector('option[selected]') ?? control.querySelector('option'))?.getAttribute(
              'value',
            )
          : // A checked box without a value sends « on », as browsers do.
            (control.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : null));
    fields.append(name, value ?? '');
  }
  return fields;
}

/**
 * Submits a form of a page as a browser would (see formFieldsOf), with `changes` applied on top.
 * The form is the one whose action is `action` (default: the page's own address).
 */
export async function submitForm(
  app: FastifyInstance,
  pageUrl: string,
  cookie: string,
  changes: Record<string, string>,
  options: RequestOptions & { action?: string } = {},
): Promise<LightMyRequestResponse> {
  const { cookie: sent, response } = await openForm(app, pageUrl, { ...options, cookie });
  const action = options.action ?? pageUrl;
  const fields = formFieldsOf(response.body, pageUrl, action);
  for (const [name, value] of Object.entries(changes)) fields.set(name, value);
  return app.inject({
    method: 'POST',
    url: action,
    headers: { ...hostHeaders(options), cookie: sent, 'content-type': 'application/x-www-form-urlencoded' },
    payload: fields.toString(),
  });
}
