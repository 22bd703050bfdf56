import { frenchTypography } from '../typography.js';

/**
 * The catalogue passed through French typography once, at load. Entries are written with ordinary
 * spaces ("Tél :", "« ${query} »"), which stay readable and easy to type; what readers get carries
 * the narrow and ordinary no-break spaces.
 *
 * Entries that take values return their text through the same function, but the values they were
 * given are shown as given: an image's name (`marche-8h30`, typed again in `{{figure:…}}`), a
 * visitor's search or an address must not change on the way. Text the public site shows from
 * records (titles, summaries) is set by the code that reads it. Every entry is plain text escaped
 * by the views, so attribute values and mail headers stay correct.
 *
 * The declared type is kept: literal types of the entries still describe what the code may rely
 * on, even if the spaces inside differ.
 */
export function typeset<T>(entry: T): T {
  if (typeof entry === 'string') return frenchTypography(entry) as T;
  if (typeof entry === 'function') {
    const message = entry as (...values: unknown[]) => unknown;
    // Pages call the same entries with the same values again and again ("Mis à jour le …"):
    // the typeset text is kept per values when they are plain, within a bound.
    const kept = new Map<string, unknown>();
    const typesetMessage = (...values: unknown[]) => {
      const key = values.every(isPlain) ? JSON.stringify(values) : null;
      if (key !== null && kept.has(key)) return kept.get(key);
      const text = typesetAround(message(...values), values);
      if (key !== null) {
        if (kept.size >= KEPT_PER_MESSAGE) kept.clear();
        kept.set(key, text);
      }
      return text;
    };
    // The message's own source, parameter names included, for the catalogue's test to read.
    typesetMessage.toString = () => message.toString();
    return typesetMessage as T;
  }
  if (Array.isArray(entry)) return entry.map((item) => typeset(item)) as T;
  if (entry !== null && typeof entry === 'object') {
    return Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, typeset(value)])) as T;
  }
  return entry;
}

const KEPT_PER_MESSAGE = 200;

/** A value whose JSON names it exactly, and that the message cannot change afterwards. */
function isPlain(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Private-use characters (plane 16), apart from those frenchTypography uses (plane 15). */
const VALUE_MARK_BASE = 0x100000;

/** A message's text in French typography, the string values it was given left as they were. */
function typesetAround(text: unknown, values: unknown[]): unknown {
  if (typeof text !== 'string') return typeset(text);
  const given = [
    ...new Set(values.filter((value): value is string => typeof value === 'string' && value !== '')),
  ]
    // The longest first, so that a value inside another is not split from it.
    .sort((a, b) => b.length - a.length);
  let marked = text;
  for (const [index, value] of given.entries()) {
    marked = marked.replaceAll(value, String.fromCodePoint(VALUE_MARK_BASE + index));
  }
  return frenchTypography(marked).replace(/[\u{100000}-\u{10fffd}]/gu, (mark) => {
    return given[(mark.codePointAt(0) ?? 0) - VALUE_MARK_BASE] ?? mark;
  });
}
