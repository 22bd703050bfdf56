import { describe, expect, it } from 'vitest';
import { markdownToPlainText, renderMarkdownToSafeHtml, splitBodyIntoBlocks } from './markdown.js';

describe('renderMarkdownToSafeHtml', () => {
  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdownToSafeHtml('Bonjour <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('refuses javascript: links', () => {
    const html = renderMarkdownToSafeHtml('[clic](javascript:alert(1))');
    expect(html).not.toContain('href="javascript');
  });

  it('keeps ordinary links, emphasis and lists', () => {
    const html = renderMarkdownToSafeHtml('Voir [le site](https://example.fr) et *ceci*.\n\n- un\n- deux');
    expect(html).toContain('<a href="https://example.fr">le site</a>');
    expect(html).toContain('<em>ceci</em>');
    expect(html).toContain('<li>un</li>');
  });

  it('turns a level-one heading into h2, the title being the page h1', () => {
    expect(renderMarkdownToSafeHtml('# Titre')).toBe('<h2>Titre</h2>\n');
  });

  it('does not render Markdown images: pictures come from media records', () => {
    expect(renderMarkdownToSafeHtml('![x](/a.png)')).not.toContain('<img');
  });
});

describe('splitBodyIntoBlocks', () => {
  it('cuts the body around figure lines', () => {
    const blocks = splitBodyIntoBlocks('## A\n\nTexte.\n\n{{figure:ecole}}\n\nSuite.');
    expect(blocks.map((b) => b.kind)).toEqual(['html', 'figure', 'html']);
    expect(blocks[1]).toEqual({ kind: 'figure', mediaName: 'ecole' });
  });
});

describe('markdownToPlainText', () => {
  it('keeps the words and drops the markup', () => {
    expect(markdownToPlainText('## Un *titre*\n\nDu [texte](https://x.fr).')).toBe('Un titre\nDu texte.');
  });
});
