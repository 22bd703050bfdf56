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

  it.each([
    '[ailleurs](//evil.example)',
    '[ailleurs](https:evil.example)',
    '[ailleurs](http:/\\evil.example)',
    '[ailleurs](ftp://evil.example/)',
    '[ailleurs](data:text/html,x)',
    '<https:evil.example>',
  ])('leaves %s as plain text: a browser would go to another host', (source) => {
    expect(renderMarkdownToSafeHtml(source)).not.toContain('<a ');
  });

  it('keeps a backslash path on the site, encoded: never a host', () => {
    const html = renderMarkdownToSafeHtml('[x](/\\evil.example)');
    expect(html).toMatch(/<a href="\/%5Cevil\.example">/);
  });

  it.each([
    ['[contact](/contact)', '/contact'],
    ['[haut](#haut)', '#haut'],
    ['[écrire](mailto:contact@exemple.fr)', 'mailto:contact@exemple.fr'],
    ['[appeler](tel:+33492000000)', 'tel:+33492000000'],
    ['[préfecture](https://www.hautes-alpes.gouv.fr/)', 'https://www.hautes-alpes.gouv.fr/'],
  ])('keeps the link %s', (source, href) => {
    expect(renderMarkdownToSafeHtml(source)).toContain(`<a href="${href}">`);
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
