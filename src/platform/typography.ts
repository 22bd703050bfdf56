/**
 * French typography for every text a reader sees: the catalogue, Markdown bodies, dates, numbers.
 *
 * `frenchTypography` fixes prose as a French typesetter would, and is idempotent:
 * - a narrow no-break space (U+202F) before `; : ! ?` and `»` and after `«`, replacing an ordinary
 *   space or added where there was none;
 * - balanced straight double quotes become « … »; a straight apostrophe between two letters
 *   becomes ’;
 * - a no-break space (U+00A0) between a number and `€`, `%` or a unit written as its own word
 *   (`12 km`, `3 Mo`, `20 min`), and times written `11h38` or `11 h 38` become `11 h 38`;
 * - `n° 12` keeps its number.
 *
 * What it leaves alone, on purpose:
 * - web and e-mail addresses (`https://…`, `www.…`, `mailto:…`, `tel:…`, `nom@exemple.fr`);
 * - a `; : ! ?` followed by a letter or a digit, which is not prose punctuation but code, a time
 *   (`11:38`), a query string (`?page=2`) or a placeholder (`{{figure:nom}}`);
 * - a punctuation mark at the very start of the text or after a line break;
 * - digits in free text: `75342`, `2026` or `04 92 23 11 17` are postcodes, years and phone
 *   numbers, not amounts. Amounts are formatted where they are produced, with `formatNumberFr`;
 * - an odd number of straight quotes (`12"` is an inch, not a quotation).
 * Code never reaches it: the Markdown renderer calls it on text tokens only.
 */

const NARROW = '\u202f';
const NO_BREAK = '\u00a0';

/** Web and e-mail addresses; trailing sentence punctuation stays outside. */
const ADDRESS =
  /(?:\b(?:https?|ftp):\/\/|\bwww\.|\bmailto:|\btel:)[^\s<>«»"]*[^\s<>«»".,;:!?)\]’']|(?:https?|ftp):\/\/|[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;

/**
 * Addresses are swapped for private-use characters while the rules run: each still counts as a
 * word, so `« https://exemple.fr »` gets its spaces, and none of its own characters is touched.
 */
const PLACEHOLDER_BASE = 0xf0000;

const SPACES = `[ ${NO_BREAK}${NARROW}]*`;
const BEFORE_PUNCTUATION = new RegExp(`(?<=[^\\s(\\[«])${SPACES}([;:!?]+)(?=$|[\\s)\\]»"”’'.,…])`, 'gu');
const AFTER_OPENING_QUOTE = new RegExp(`«${SPACES}(?=\\S)`, 'gu');
const BEFORE_CLOSING_QUOTE = new RegExp(`(?<=\\S)${SPACES}»`, 'gu');
// Not inside a word or a name ("marche-8h30", "IMG_12h34"): only a time standing on its own.
const TIME = new RegExp(`(?<![\\p{L}\\d.,_-])(\\d{1,2})[ ${NO_BREAK}]?h[ ${NO_BREAK}]?(\\d{2})(?!\\d)`, 'gu');
const CURRENCY_OR_PERCENT = /(\d) ?([€%$£])/gu;
const UNIT = /(\d) (km²|m²|km|cm|mm|ms|min|m|kg|g|ha|h|s|ko|Mo|Go|To|px|°C)(?![\p{L}\p{N}²])/gu;
const NUMERO = /(?<!\p{L})([nN]°) ?(?=\d)/gu;
const APOSTROPHE = /(?<=\p{L})'(?=\p{L})/gu;

/**
 * Texts already set: public pages set the same titles, captions and messages on every request.
 * Short texts only, and a bounded number (emptied when full): a page's body is set once per
 * publication version by the content module, not here.
 */
const alreadySet = new Map<string, string>();
const SET_KEPT = 2000;
const SET_KEPT_LENGTH = 1000;

export function frenchTypography(text: string): string {
  if (text.length > SET_KEPT_LENGTH) return setInFrench(text);
  let set = alreadySet.get(text);
  if (set === undefined) {
    set = setInFrench(text);
    if (alreadySet.size >= SET_KEPT) alreadySet.clear();
    alreadySet.set(text, set);
  }
  return set;
}

function setInFrench(text: string): string {
  const addresses: string[] = [];
  let result = text.replace(ADDRESS, (address) => {
    addresses.push(address);
    return String.fromCodePoint(PLACEHOLDER_BASE + addresses.length - 1);
  });

  result = result.replace(APOSTROPHE, '’');
  result = straightQuotesToFrench(result);
  result = result
    .replace(AFTER_OPENING_QUOTE, `«${NARROW}`)
    .replace(BEFORE_CLOSING_QUOTE, `${NARROW}»`)
    .replace(BEFORE_PUNCTUATION, `${NARROW}$1`)
    .replace(TIME, `$1${NO_BREAK}h${NO_BREAK}$2`)
    .replace(CURRENCY_OR_PERCENT, `$1${NO_BREAK}$2`)
    .replace(UNIT, `$1${NO_BREAK}$2`)
    .replace(NUMERO, `$1${NO_BREAK}`);

  if (addresses.length === 0) return result;
  return result.replace(/[\u{f0000}-\u{fffff}]/gu, (mark) => {
    const address = addresses[(mark.codePointAt(0) ?? 0) - PLACEHOLDER_BASE];
    return address ?? mark;
  });
}

/** Pairs straight double quotes in order; an odd count is left alone, as it is not a quotation. */
function straightQuotesToFrench(text: string): string {
  const count = text.split('"').length - 1;
  if (count === 0 || count % 2 !== 0) return text;
  let open = true;
  return text.replace(/"/g, () => {
    const mark = open ? '«' : '»';
    open = !open;
    return mark;
  });
}

const numberFr = new Intl.NumberFormat('fr-FR');

/** "1 234,5": a narrow no-break space between thousands, a decimal comma. */
export function formatNumberFr(value: number, options?: Intl.NumberFormatOptions): string {
  return options ? new Intl.NumberFormat('fr-FR', options).format(value) : numberFr.format(value);
}

/** "1 234,50 €": thousands as above, a no-break space before the currency sign. */
export function formatMoneyFr(amount: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).format(amount);
}

/** The form agreeing with a count: in French 0 and 1 (and 1,5) take the singular. */
export function pluralForm(count: number, one: string, many: string): string {
  return Math.abs(count) < 2 ? one : many;
}

/** "1 sous-page", "0 sous-page", "1 234 sous-pages": the count, French style, and its noun. */
export function plural(count: number, one: string, many: string): string {
  return `${formatNumberFr(count)}${NO_BREAK}${pluralForm(count, one, many)}`;
}
