import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The IATI 2.03 codelists shipped with the project (codelists/*.xml, provenance in README.md):
 * what a code field may hold, read from the official files rather than typed again.
 */
export interface CodelistItem {
  code: string;
  /** The English name, as IATI publishes it. */
  name: string;
  /** The French name where IATI gives one. */
  nameFr: string | null;
  withdrawn: boolean;
}

const cache = new Map<string, CodelistItem[]>();

const decodeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

export function readCodelist(name: string): CodelistItem[] {
  const kept = cache.get(name);
  if (kept) return kept;
  if (!/^[A-Za-z-]+$/.test(name)) throw new Error(`No IATI codelist is called ${name}`);
  const xml = readFileSync(fileURLToPath(new URL(`./codelists/${name}.xml`, import.meta.url)), 'utf8');
  const items: CodelistItem[] = [];
  for (const [, attributes, body] of xml.matchAll(/<codelist-item([^>]*)>([\s\S]*?)<\/codelist-item>/g)) {
    const code = body?.match(/<code>([^<]*)<\/code>/)?.[1];
    const nameBlock = body?.match(/<name>([\s\S]*?)<\/name>/)?.[1] ?? '';
    if (!code) continue;
    items.push({
      code: decodeXml(code),
      name: decodeXml(nameBlock.match(/<narrative>([^<]*)<\/narrative>/)?.[1] ?? ''),
      nameFr: ((fr) => (fr ? decodeXml(fr) : null))(
        nameBlock.match(/<narrative xml:lang="fr">([^<]*)<\/narrative>/)?.[1],
      ),
      withdrawn: /status="withdrawn"/.test(attributes ?? ''),
    });
  }
  cache.set(name, items);
  return items;
}

/** Whether `code` is an active item of the codelist. */
export function isActiveCode(codelist: string, code: string): boolean {
  return readCodelist(codelist).some((item) => item.code === code && !item.withdrawn);
}
