import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import { classifyLink } from './links.js';
import { frenchTypography } from './typography.js';

/**
 * The one place where stored text becomes raw HTML. Raw HTML in the source is escaped
 * (html: false), links with javascript:, vbscript:, file: or data: schemes are refused by
 * markdown-it's validateLink, and images are off: pictures enter a page only as media
 * records, which carry their alternative text.
 */
const markdown = new MarkdownIt({
  html: false,
  linkify: false,
  // The typographer pairs straight quotes across emphasis ("voir *ceci*") into French ones;
  // its other replacements ((c) → ©, +- → ±) would surprise in lists and are left off.
  typographer: true,
  quotes: ['«\u202f', '\u202f»', '“', '”'],
});
markdown.disable(['image', 'replacements']);

/** Any origin will do: only whether a link resolves to the site itself or to a full address matters. */
const ANY_SITE = new URL('https://site.invalid/');

/**
 * A link of a page body: a site path, a full http(s) address, a fragment, an e-mail address or a
 * phone number. Anything a browser could read as another host while it looks like a path
 * ("//evil.example", "https:evil.example") is left as plain text, as are other schemes.
 */
markdown.validateLink = (url: string) =>
  /^#[^\s]*$/.test(url) ||
  /^mailto:[^\s@/\\]+@[^\s@/\\]+$/i.test(url) ||
  /^tel:\+?[0-9 ().-]{3,}$/i.test(url) ||
  classifyLink(url, ANY_SITE) !== null;

// The page title is the only h1: body headings start at h2.
markdown.core.ruler.push('demote_h1', (state) => {
  for (const token of state.tokens) {
    if ((token.type === 'heading_open' || token.type === 'heading_close') && token.tag === 'h1')
      token.tag = 'h2';
  }
  return true;
});

/**
 * French typography on the words of the text, never on code, link addresses or an autolink's
 * address. Punctuation that opens a text right after other inline content (`**Note**: …`,
 * `` `x`: … ``) is typeset as if preceded by a word, so it still gets its narrow no-break space.
 */
markdown.core.ruler.push('french_typography', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let autolinkHref: string | null = null;
    block.children.forEach((token, index, siblings) => {
      if (token.type === 'link_open')
        autolinkHref = token.markup === 'autolink' ? token.attrGet('href') : null;
      if (token.type === 'link_close') autolinkHref = null;
      if (token.type !== 'text') return;
      // The typographer's smart quotes ran first and turned L'Argentière into L’Argentière:
      // an autolink shows its address again, as written.
      if (autolinkHref !== null) {
        token.content = markdown.normalizeLinkText(autolinkHref);
        return;
      }
      const previous = siblings[index - 1];
      // After a link, emphasis or code, the mark (with or without a space typed before it)
      // follows a word: "[l’école](…) !" gets its narrow space like "l’école !".
      const glued =
        previous !== undefined && !isLineBreak(previous) && /^[ \u00a0\u202f]*[;:!?»]/.test(token.content);
      token.content = glued
        ? frenchTypography(`x${token.content}`).slice(1)
        : frenchTypography(token.content);
    });
  }
  return true;
});

function isLineBreak(token: Token): boolean {
  return token.type === 'softbreak' || token.type === 'hardbreak';
}

export function renderMarkdownToSafeHtml(source: string): string {
  return markdown.render(source);
}

/** An editor's code such as `{{figure:ecole}}`: it stands for a thing, not for words to search or quote. */
const EDITOR_CODE = /\{\{[^{}]*\}\}/g;

/** The words of a Markdown text without its markup, for search and extracts. */
export function markdownToPlainText(source: string): string {
  const parts: string[] = [];
  for (const block of markdown.parse(source.replace(EDITOR_CODE, ''), {})) {
    if (block.type === 'inline' && block.children) {
      parts.push(
        block.children
          .filter((token) => token.type === 'text' || token.type === 'code_inline')
          .map((token) => token.content)
          .join(''),
      );
    } else if (block.type === 'fence' || block.type === 'code_block') {
      parts.push(block.content.trim());
    }
  }
  return parts.filter(Boolean).join('\n');
}

export type BodyBlock = { kind: 'html'; html: string } | { kind: 'figure'; mediaName: string };

const FIGURE_LINE = /^\{\{figure:([a-z0-9]+(?:-[a-z0-9]+)*)\}\}\s*$/;

/** Splits a body on its `{{figure:name}}` lines, so figures render as components. */
export function splitBodyIntoBlocks(source: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('\n');
    if (text.trim()) blocks.push({ kind: 'html', html: renderMarkdownToSafeHtml(text) });
    pending = [];
  };
  for (const line of source.split(/\r?\n/)) {
    const figure = FIGURE_LINE.exec(line.trim());
    if (figure?.[1]) {
      flush();
      blocks.push({ kind: 'figure', mediaName: figure[1] });
    } else {
      pending.push(line);
    }
  }
  flush();
  return blocks;
}

/** The names of the figures a body places, in order: the lines splitBodyIntoBlocks makes figures of. */
export function figureNamesIn(source: string): string[] {
  return source.split(/\r?\n/).flatMap((line) => FIGURE_LINE.exec(line.trim())?.[1] ?? []);
}

/** `{{document:name}}`, anywhere in a line: a link to a document, with its type and size. */
const DOCUMENT_CODE = /\{\{document:([a-z0-9]+(?:-[a-z0-9]+)*)\}\}/g;

/** The names of the documents a body links to, each once, in order. */
export function documentNamesIn(source: string): string[] {
  return [...new Set([...source.matchAll(DOCUMENT_CODE)].map((match) => match[1]!))];
}

export interface PlacedDocument {
  /** What the link reads, « Titre (PDF, 240 Ko) ». */
  text: string;
  href: string;
}

/**
 * Turns each `{{document:name}}` into a Markdown link, so that it goes through the one renderer
 * and its checks like any link; a name with no document (deleted since) leaves nothing.
 */
export function placeDocumentLinks(source: string, documents: ReadonlyMap<string, PlacedDocument>): string {
  return source.replace(DOCUMENT_CODE, (_code, name: string) => {
    const document = documents.get(name);
    if (!document) return '';
    const text = document.text.replace(/[\\[\]*_`<>]/g, (mark) => `\\${mark}`);
    return `[${text}](${document.href})`;
  });
}
