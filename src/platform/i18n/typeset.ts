import { frenchTypography } from '../typography.js';

/**
 * The catalogue passed through French typography once, at load. Entries are written with ordinary
 * spaces ("Tél :", "« ${query} »"), which stay readable and easy to type; what readers get carries
 * the narrow and ordinary no-break spaces.
 *
 * Entries that take values return their text through the same function, values included: a title
 * or a search typed by someone is shown with the same spacing as the words around it. Addresses
 * are left as they are (links in mails, host names, e-mail addresses), and every entry is plain
 * text escaped by the views, so attribute values and mail headers stay correct.
 *
 * The declared type is kept: literal types of the entries still describe what the code may rely
 * on, even if the spaces inside differ.
 */
export function typeset<T>(entry: T): T {
  if (typeof entry === 'string') return frenchTypography(entry) as T;
  if (typeof entry === 'function') {
    const message = entry as (...values: unknown[]) => unknown;
    const typesetMessage = (...values: unknown[]) => typeset(message(...values));
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
