/**
 * Links typed by people: what a browser will really do with them, and whether free text holds
 * one. Browsers read "/\evil.example" as "//evil.example" and "https:evil.example" as another
 * host (from an http page), so a link is judged by the WHATWG URL parser, the browsers' own.
 */

export type ClassifiedLink =
  /** A path of the site itself, as the browser will resolve it (path, query, fragment). */
  | { kind: 'site'; href: string }
  /** A full http(s) address of another site, normalised; shown marked as external. */
  | { kind: 'external'; href: string };

/** Blanks, backslashes and control characters: browsers drop or reinterpret them in URLs. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const AMBIGUOUS = /[\s\\\u0000-\u001f\u007f]/;

/**
 * A site path ("/contact", resolving to `base`'s origin) or a full "http(s)://host/…" address;
 * anything else (other schemes, "//host", "/\host", "https:host", credentials) is null.
 */
export function classifyLink(href: string, base: URL): ClassifiedLink | null {
  if (href === '' || AMBIGUOUS.test(href)) return null;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  // The site itself: its host name, whatever the scheme or port written ("http://" on an https site).
  const sameSite = url.hostname === base.hostname && (url.protocol === 'http:' || url.protocol === 'https:');
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  const path = `${url.pathname}${url.search}${url.hash}`;
  const sitePath = path.startsWith('//') ? null : ({ kind: 'site', href: path } as const);
  if (href.startsWith('/') && !href.startsWith('//')) return sameSite ? sitePath : null;
  const full = /^https?:\/\/[^/]/i.test(href) && (url.protocol === 'http:' || url.protocol === 'https:');
  if (!full || !url.hostname || url.username || url.password) return null;
  return sameSite ? sitePath : { kind: 'external', href: url.href };
}

/**
 * Top-level labels common on the web, and in spam: written in any case ("Evil.Com", "bit.Ly"),
 * a name ending with one of them is a link.
 */
const COMMON_TOP_LEVEL = new Set(
  (
    'com net org info biz io co me ly ru cn de fr uk eu us ca ch be es it nl pl pt ma tn dz sn ' +
    'xyz top online site app link click shop store tech pro club live vip win fun space cc tv ws to ' +
    'gl gg tk ml ga cf gq'
  ).split(' '),
);

const SCHEME = /\b[a-z][a-z0-9+.-]*:\/\//i;
const WWW = /\bwww\d{0,3}\./i;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
const DOMAIN =
  /(?<![\p{L}\p{N}_-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}_-])/gu;

/**
 * Whether free text holds something a mail client would turn into a link: an address with a
 * scheme, a "www." name, an e-mail address, or a domain name — one that ends with a common
 * top-level label in any case, or with any label written all in lower or all in upper case.
 * Left alone: abbreviations whose parts are one or two letters ("p.ex."), and words joined by a
 * dot in sentence case ("Taliouine.Merci", "M.Dupont").
 */
export function containsLink(text: string): boolean {
  if (SCHEME.test(text) || WWW.test(text) || EMAIL.test(text)) return true;
  for (const match of text.matchAll(DOMAIN)) {
    const labels = match[0].split('.');
    const last = labels[labels.length - 1]!;
    if (COMMON_TOP_LEVEL.has(last.toLowerCase())) return true;
    const oneCase = last === last.toLowerCase() || last === last.toUpperCase();
    const abbreviation = labels.every((label) => label.length <= 2);
    if (oneCase && !abbreviation) return true;
  }
  return false;
}
