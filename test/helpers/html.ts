import { DOMParser } from 'linkedom';

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** The text a reader sees: whitespace collapsed, no-break spaces made ordinary. */
export function textOf(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** A catalogue text as `textOf` reads it, to compare the two. */
export function plainText(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}
