import { describe, expect, it } from 'vitest';
import { classifyLink, containsLink } from './links.js';

describe('classifyLink', () => {
  for (const base of [new URL('https://cooperation.example.fr/'), new URL('http://localhost:3000/')]) {
    describe(`against ${base.href}`, () => {
      it.each([
        ['/contact', '/contact'],
        ['/mentions-legales#editeur', '/mentions-legales#editeur'],
        ['/recherche?q=coop%C3%A9ration', '/recherche?q=coop%C3%A9ration'],
        ['/a/../b', '/b'],
      ])('takes the site path %s as %s', (href, expected) => {
        expect(classifyLink(href, base)).toEqual({ kind: 'site', href: expected });
      });

      it.each([
        ['https://www.prefecture.example.gouv.fr/', 'https://www.prefecture.example.gouv.fr/'],
        ['HTTPS://Example.ORG/page?a=1', 'https://example.org/page?a=1'],
        ['http://example.org', 'http://example.org/'],
      ])('takes the full address %s as external %s', (href, expected) => {
        expect(classifyLink(href, base)).toEqual({ kind: 'external', href: expected });
      });

      it('takes a full address of the site itself as a site path, whatever its scheme', () => {
        expect(classifyLink(new URL('/contact?x=1', base).href, base)).toEqual({
          kind: 'site',
          href: '/contact?x=1',
        });
        const otherScheme = new URL('/contact', base);
        otherScheme.protocol = base.protocol === 'https:' ? 'http:' : 'https:';
        expect(classifyLink(otherScheme.href, base)).toEqual({ kind: 'site', href: '/contact' });
        expect(classifyLink(`${base.origin}//evil.example`, base)).toBeNull();
      });

      it.each([
        '/\\evil.example',
        '/\\/evil.example',
        '//evil.example',
        '//evil.example/path',
        'http:/\\evil.example',
        'https:evil.example',
        'http:evil.example',
        'https:/evil.example',
        'https:\\\\evil.example',
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'mailto:a@example.fr',
        'ftp://example.org/',
        'https://user:pass@example.org/',
        'https://',
        'contact',
        './contact',
        '/con tact',
        '/contact\n',
        '\t/contact',
        '/.//evil.example',
        '/..//evil.example/x',
        '/a/..//evil.example',
        '',
      ])('refuses %j', (href) => {
        expect(classifyLink(href, base)).toBeNull();
      });
    });
  }
});

describe('containsLink', () => {
  it.each([
    'Regarde https://evil.example/promo',
    'Regarde http://evil.example',
    'Va sur www.evil.example',
    'Va sur WWW.EVIL.EXAMPLE',
    'Va sur evil.com maintenant',
    'Va sur evil.com/promo',
    'Va sur EVIL.COM',
    'Écris à jean.dupont@exemple.fr',
    'ftp://fichiers.example',
    'Le site bonjour.fr est bien',
    'sous-domaine.exemple.gouv.fr',
    'x.evil.com',
    'e.vil.com/promo',
    'voir evil.Com',
    'bit.Ly/abc',
    'x@y.Fr',
    'Écris-moi : Jean@Exemple.Org',
    'evil.xyz',
  ])('finds a link in %j', (text) => {
    expect(containsLink(text)).toBe(true);
  });

  it.each([
    'Bonjour, cette page sur la coopération avec Taliouine devrait te plaire !',
    'Rendez-vous le 12.03 à 14 h, p.ex. à la mairie, etc. Merci.',
    'M.Dupont viendra aussi.',
    'Prix : 3.14 €, 1.000 personnes',
    'Taliouine.Merci de ta lecture',
    'À bientôt !\nFlorence',
    '',
  ])('finds no link in %j', (text) => {
    expect(containsLink(text)).toBe(false);
  });
});
