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

/**
 * The two texts a history's change shows: word by word (`.text-diff`: kept and removed words make
 * the text before, kept and added ones the text after; the screen readers' markers left out), or
 * as "Avant : … / Après : …" lines for values that are not texts. Whitespace collapsed as `textOf`.
 */
export function changeSides(dd: Element | null | undefined): { before: string; after: string } {
  const diff = dd?.querySelector('.text-diff');
  if (!diff) {
    const [before = '', after = ''] = (dd?.innerHTML ?? '').split(/<br\s*\/?>/);
    const read = (html: string) =>
      textOf(parseHtml(`<p>${html}</p>`).querySelector('p')).replace(/^(Avant|Après) : /, '');
    return { before: read(before), after: read(after) };
  }
  let before = '';
  let after = '';
  for (const node of diff.childNodes) {
    const element = node.nodeType === 1 ? (node as Element) : null;
    const shown = element
      ? [...element.childNodes]
          .filter(
            (child) => !(child.nodeType === 1 && (child as Element).classList.contains('visually-hidden')),
          )
          .map((child) => child.textContent ?? '')
          .join('')
      : (node.textContent ?? '');
    if (element?.tagName === 'INS') after += shown;
    else if (element?.tagName === 'DEL') before += shown;
    else {
      before += shown;
      after += shown;
    }
  }
  const collapse = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  return { before: collapse(before), after: collapse(after) };
}
