import { describe, expect, it } from 'vitest';
import {
  figureNamesIn,
  markdownToPlainText,
  renderMarkdownToSafeHtml,
  splitBodyIntoBlocks,
} from './markdown.js';

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

describe('French typography in page bodies', () => {
  const N = '\u202f';

  it('turns straight quotes into French ones, across emphasis too', () => {
    expect(renderMarkdownToSafeHtml('Le projet "Eau pour tous" avance.')).toBe(
      `<p>Le projet «${N}Eau pour tous${N}» avance.</p>\n`,
    );
    expect(renderMarkdownToSafeHtml('Voir "*ceci*".')).toBe(`<p>Voir «${N}<em>ceci</em>${N}».</p>\n`);
  });

  it('spaces ; : ! ? in text, and after emphasis or code', () => {
    expect(renderMarkdownToSafeHtml('Attention : départ à 8 h ! Prêts ?')).toBe(
      `<p>Attention${N}: départ à 8\u00a0h${N}! Prêts${N}?</p>\n`,
    );
    expect(renderMarkdownToSafeHtml('**Note**: lire')).toBe(`<p><strong>Note</strong>${N}: lire</p>\n`);
  });

  it('never touches code, inline or in blocks', () => {
    expect(renderMarkdownToSafeHtml('Écrire `a : b "c"` ici')).toContain('<code>a : b &quot;c&quot;</code>');
    expect(renderMarkdownToSafeHtml('```\nx = a ? b : c; "d"\n```')).toContain(
      'x = a ? b : c; &quot;d&quot;',
    );
    expect(renderMarkdownToSafeHtml('    si (a) : "b" ?')).toContain('si (a) : &quot;b&quot; ?');
  });

  it('leaves addresses as written, in autolinks, links and text', () => {
    expect(renderMarkdownToSafeHtml('<https://exemple.fr/?q=1>')).toContain(
      '<a href="https://exemple.fr/?q=1">https://exemple.fr/?q=1</a>',
    );
    expect(renderMarkdownToSafeHtml("<https://fr.wikipedia.org/wiki/L'Argenti%C3%A8re>")).toContain(
      ">https://fr.wikipedia.org/wiki/L'Argentière</a>",
    );
    expect(renderMarkdownToSafeHtml('[écrire : ici](mailto:contact@exemple.fr)')).toContain(
      `<a href="mailto:contact@exemple.fr">écrire${N}: ici</a>`,
    );
    expect(renderMarkdownToSafeHtml('Voir https://exemple.fr/a?b=c : merci')).toContain(
      `https://exemple.fr/a?b=c${N}: merci`,
    );
  });

  it('keeps figure lines out of the text, and their names intact', () => {
    const source = 'Intro : voir.\n\n{{figure:ecole-2}}\n\n« Suite »';
    expect(figureNamesIn(source)).toEqual(['ecole-2']);
    const blocks = splitBodyIntoBlocks(source);
    expect(blocks[1]).toEqual({ kind: 'figure', mediaName: 'ecole-2' });
    expect(blocks[2]).toEqual({ kind: 'html', html: `<p>«${N}Suite${N}»</p>\n` });
  });

  it('gives search and extracts the same typography', () => {
    expect(markdownToPlainText('Quoi ? "Oui"')).toBe(`Quoi${N}? «${N}Oui${N}»`);
  });
});

describe('French typography after inline markup', () => {
  it('spaces a mark typed after a link, emphasis or code, with or without a space before it', () => {
    const html = renderMarkdownToSafeHtml("[l'école](https://exemple.fr) ! puis `a:b` ; et *mot*: fin");
    expect(html).toContain('</a>\u202f!');
    expect(html).toContain('</code>\u202f;');
    expect(html).toContain('</em>\u202f:');
    expect(html).toContain('<code>a:b</code>');
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

  it('leaves out the editor’s codes, a figure first of all included', () => {
    expect(markdownToPlainText('{{figure:ecole}}\n\nLes élèves de {{x}}Taliouine.')).toBe(
      'Les élèves de Taliouine.',
    );
  });
});
