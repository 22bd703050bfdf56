import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { frenchTypography } from '../typography.js';
import { messages } from './fr.js';
import './zod-fr.js';

/**
 * Every entry of the catalogue, functions called with sample values, checked against the rules of
 * French typography: a missing narrow no-break space, a raw "1234" or a "1 pages" fails here with
 * the entry's key.
 */

// Parameters that take a number; any other parameter gets a word. A new numeric parameter shows
// up below as "NaN" in its message until it is named here.
const NUMERIC =
  /^(count|max|min|seconds|minutes|row|width|height|ms|length|maxMegabytes|maxMegapixels|total|added|changed|removed|membershipsAdded|membershipsRemoved|withoutPosition)$/;

function parameterNames(message: (...values: never[]) => unknown): string[] {
  const source = message.toString();
  const list = source.startsWith('(') ? source.slice(1, source.indexOf(')')) : source.split('=>')[0];
  return (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

type Rendering = { key: string; text: string; counts?: number };

function render(key: string, entry: unknown, out: Rendering[]): void {
  if (typeof entry === 'string') {
    out.push({ key, text: entry });
  } else if (typeof entry === 'function') {
    const message = entry as (...values: unknown[]) => unknown;
    const names = parameterNames(message);
    const hasNumber = names.some((name) => NUMERIC.test(name));
    for (const count of hasNumber ? [0, 1, 2, 1234] : [undefined]) {
      const values = names.map((name) => (NUMERIC.test(name) ? count : 'Exemple'));
      render(`${key}(${values.join(', ')})`, message(...values), out);
      if (count !== undefined) out[out.length - 1]!.counts = count;
    }
  } else if (Array.isArray(entry)) {
    for (const [index, item] of entry.entries()) render(`${key}[${index}]`, item, out);
  } else if (entry !== null && typeof entry === 'object') {
    for (const [name, value] of Object.entries(entry)) render(key ? `${key}.${name}` : name, value, out);
  }
}

const renderings: Rendering[] = [];
render('', messages, renderings);

describe('the catalogue', () => {
  it('is read in full', () => {
    expect(renderings.length).toBeGreaterThan(400);
  });

  it('follows French typography in every entry', () => {
    const broken = renderings.filter(({ text }) => frenchTypography(text) !== text).map(({ key }) => key);
    expect(broken).toEqual([]);
  });

  it('formats every number French style', () => {
    const broken = renderings
      // A raw "1234", or "2 000" written by hand with an ordinary space, which may break the line.
      // Years, 5-digit codes, articles of a code (« L1115-1 ») and standards (« ISO 3166-1 ») are names, not numbers.
      .filter(({ text }) =>
        /\d{4}|\d \d{3}(?!\d)|NaN|undefined/.test(
          text.replace(/\b(19|20)\d\d\b|\b\d{5}\b|\bL\d{4}(-\d+)*\b|\bISO \d{3,5}(-\d+)*/g, ''),
        ),
      )
      .map(({ key, text }) => `${key}: ${text}`);
    expect(broken).toEqual([]);
  });

  // Three letters at least: units such as "ms" do not agree.
  it('agrees nouns with their count: 0 and 1 singular, 2 plural', () => {
    const broken = renderings
      .filter(
        ({ text, counts }) =>
          (counts === 0 || counts === 1) &&
          new RegExp(`(^|\\D)${counts}[\\s\\u00a0\\u202f][\\p{L}-]{2,}s(?![\\p{L}-])`, 'u').test(text),
      )
      .map(({ key, text }) => `${key}: ${text}`);
    expect(broken).toEqual([]);
  });

  it('has zod fall back on French with the same typography', () => {
    const result = z.object({ slug: z.string() }).safeParse({ slug: 3 });
    const message = result.error!.issues[0]!.message;
    expect(frenchTypography(message)).toBe(message);
  });

  // Checked with patterns of their own, not with the function that set them.
  it('has no ordinary space where French wants a no-break one, nor a straight double quote', () => {
    const broken = renderings
      .filter(({ text }) => / [;:!?»]|« |"/.test(text.replace(/https?:\/\/\S+/g, '')))
      .map(({ key, text }) => `${key}: ${text}`);
    expect(broken).toEqual([]);
  });

  it('shows the values a message is given as they were given: names, searches', () => {
    expect(messages.media.editTitle('marche-8h30')).toContain('marche-8h30');
    expect(messages.search.noResultTitle('"école" : 10h00')).toContain('"école" : 10h00');
    // The message's own words are still set.
    expect(messages.media.editTitle('x')).not.toMatch(/ :/);
  });
});
