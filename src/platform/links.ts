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
  const sameSite = url.origin === base.origin;
  if (href.startsWith('/') && !href.startsWith('//')) {
    return sameSite ? { kind: 'site', href: `${url.pathname}${url.search}${url.hash}` } : null;
  }
  const full = /^https?:\/\/[^/]/i.test(href) && (url.protocol === 'http:' || url.protocol === 'https:');
  if (!full || !url.hostname || url.username || url.password) return null;
  return sameSite
    ? { kind: 'site', href: `${url.pathname}${url.search}${url.hash}` }
    : { kind: 'external', href: url.href };
}

/**
 * Whether free text holds something a mail client would turn into a link: an address with a
 * scheme, a "www." name, a domain name (with a lower- or upper-case top-level label, so that
 * "Taliouine.Merci" typed without a space is not one) or an e-mail address.
 */
const SCHEME = /\b[a-z][a-z0-9+.-]*:\/\//i;
const WWW = /\bwww\d{0,3}\./i;
const DOMAIN =
  /(?<![\p{L}\p{N}_-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:[a-z]{2,24}|[A-Z]{2,24})(?![\p{L}\p{N}_-])/u;
/** "p.ex." or "M.Dupont": a one-letter first label is an abbreviation, not a host. */
const ABBREVIATION = /^\p{L}\./u;

export function containsLink(text: string): boolean {
  if (SCHEME.test(text) || WWW.test(text)) return true;
  const pattern = new RegExp(DOMAIN.source, 'gu');
  for (const match of text.matchAll(pattern)) {
    if (!ABBREVIATION.test(match[0])) return true;
  }
  return false;
}
