import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A number typed without its country code is French: the sites are French local authorities'. */
const HOME_COUNTRY: CountryCode = 'FR';

/**
 * France overseas, which has numbering plans of its own: "0262 …" is La Réunion, "0590 …"
 * Guadeloupe. Tried in turn when a national number is not a valid one of metropolitan France, and
 * shown in the national format like any French number.
 */
const FRANCE_OVERSEAS: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF', 'BL', 'MF', 'PM', 'NC', 'PF', 'WF'];
const FRENCH_NUMBERING: ReadonlySet<string> = new Set([HOME_COUNTRY, ...FRANCE_OVERSEAS]);

/**
 * What people write around the digits: spaces, dots, hyphens, slashes, "+" and the "(0)" of
 * "+33 (0)4 …". libphonenumber-js would otherwise pick a number out of any text ("appelez le 04 …",
 * "04 … poste 12"), and what is stored must be a number and nothing else.
 */
const TYPED_PHONE = /^[\d\s.\-/+()]+$/;

const NO_BREAK_SPACE = '\u00a0';
const NO_BREAK_HYPHEN = '\u2011';

/**
 * Numbers already read: every public page with a contact card shows one, and libphonenumber takes
 * a good part of a page's rendering time to read it. Bounded: emptied when full.
 */
const alreadyParsed = new Map<string, PhoneNumber | null>();
const PARSED_KEPT = 1000;

/** The number a person typed, if it is one that can be dialled; `null` otherwise. */
export function parsePhone(typed: string): PhoneNumber | null {
  const kept = alreadyParsed.get(typed);
  if (kept !== undefined) return kept;
  if (alreadyParsed.size >= PARSED_KEPT) alreadyParsed.clear();
  const phone = readPhone(typed);
  alreadyParsed.set(typed, phone);
  return phone;
}

function readPhone(typed: string): PhoneNumber | null {
  const text = typed.trim();
  if (!TYPED_PHONE.test(text) || !/\d/.test(text)) return null;
  for (const country of [HOME_COUNTRY, ...FRANCE_OVERSEAS]) {
    const phone = parsePhoneNumberFromString(text, country);
    if (phone?.isValid()) return phone;
    // A number with its country code means the same whatever the default: no need to try others.
    if (text.startsWith('+') || text.startsWith('00')) break;
  }
  return null;
}

/** The E.164 form ("+33492231118") of a typed number, or `null` when it is not a valid number. */
export function normalisePhone(typed: string): string | null {
  return parsePhone(typed)?.number ?? null;
}

/**
 * A number as a French reader expects it, with ordinary spaces (for a form field): French
 * numbers in the national format ("04 92 23 11 18"), others with their country code
 * ("+212 5 28 55 07 72"). A stored text that is not a valid number comes back as it was.
 */
export function formatPhoneForInput(stored: string): string {
  const phone = parsePhone(stored);
  if (!phone) return stored.trim();
  return phone.country && FRENCH_NUMBERING.has(phone.country)
    ? phone.formatNational()
    : phone.formatInternational();
}

/** The same, for reading on a page: no-break spaces and hyphens, so that it never wraps. */
export function formatPhoneForDisplay(stored: string): string {
  let shown = alreadyShown.get(stored);
  if (shown === undefined) {
    shown = formatPhoneForInput(stored).replace(/\s+/g, NO_BREAK_SPACE).replace(/-/g, NO_BREAK_HYPHEN);
    if (alreadyShown.size >= PARSED_KEPT) alreadyShown.clear();
    alreadyShown.set(stored, shown);
  }
  return shown;
}

/** Numbers already formatted for a page, as libphonenumber's formatting is not cheap either. */
const alreadyShown = new Map<string, string>();

/**
 * A `tel:` link in E.164, which dials from anywhere ("tel:+33492231118"); `null` for a stored
 * text that is not a valid number, which is then shown without a link rather than with one
 * that dials nothing.
 */
export function phoneTelHref(stored: string): string | null {
  const phone = parsePhone(stored);
  return phone ? `tel:${phone.number}` : null;
}
