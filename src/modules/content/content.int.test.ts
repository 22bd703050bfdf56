import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, textOf } from '../../../test/helpers/html.js';
import { DEMO, DEMO_SECOND } from '../../db/seeds/demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  return { response, document: parseHtml(response.body) };
}

describe('the cooperation page of the demo', () => {
  it('is served as UTF-8 HTML with the seed’s title', async () => {
    const { response, document } = await get(DEMO.cooperationPath);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(document.querySelector('h1'))).toBe('La coopération décentralisée');
  });

  it('shows the six skip links in the seed’s order, each pointing at an element of the page', async () => {
    const { document } = await get(DEMO.cooperationPath);
    const links = [...document.querySelectorAll('.skip-links a')];
    expect(links.map((link) => textOf(link))).toEqual([
      'Aller au contenu',
      'Aller au menu principal',
      'Aller au sous menu',
      'Aller au menu outils',
      'Aller aux liens divers',
      'Aller à la recherche',
    ]);
    for (const link of links) {
      const target = link.getAttribute('href')!.slice(1);
      expect(document.getElementById(target), `#${target}`).not.toBeNull();
    }
  });

  it('shows the three-level breadcrumb from the page tree', async () => {
    const { document } = await get(DEMO.cooperationPath);
    const crumbs = [...document.querySelectorAll('nav.breadcrumb li')].map((item) => textOf(item));
    expect(crumbs).toEqual([
      'Accueil',
      'Tout savoir sur la Communauté de Communes',
      'La coopération décentralisée',
    ]);
  });

  it('shows the main menu, the section’s sub menu, the tools and the miscellaneous links', async () => {
    const { document } = await get(DEMO.cooperationPath);
    const labels = (selector: string) =>
      [...document.querySelectorAll(`${selector} a`)].map((a) => textOf(a));
    expect(labels('#menu-principal')).toEqual([
      'Accueil',
      'Tout savoir sur la Communauté de Communes',
      'Vivre au Pays des Écrins',
    ]);
    expect(labels('#sous-menu')).toContain('La coopération décentralisée');
    expect(labels('#sous-menu')).toContain('Le territoire');
    expect(labels('#menu-outils')).toEqual(['Imprimer', 'Envoyer à un ami', 'Plan du site', 'Contact']);
    expect(labels('#liens-divers')).toEqual([
      'Mentions légales',
      'Accessibilité : non conforme',
      'Plan du site',
    ]);
    const current = document.querySelector('#sous-menu a[aria-current="page"]');
    expect(textOf(current)).toBe('La coopération décentralisée');
  });

  it('shows the article’s headings, the figure with its caption and the contact block', async () => {
    const { document } = await get(DEMO.cooperationPath);
    const headings = [...document.querySelectorAll('main h2')].map((h) => textOf(h));
    expect(headings).toEqual([
      'Qu’est-ce que la coopération ?',
      'La coopération',
      'Petit historique de la coopération internationale',
      '1 sous-page',
      'Contact',
    ]);
    expect(textOf(document.querySelector('main figure figcaption'))).toContain(
      'Visite d’une école primaire à Taliouine - Maroc',
    );
    const image = document.querySelector('main figure img')!;
    expect(image.getAttribute('alt')!.length).toBeGreaterThan(20);
    const contact = textOf(document.querySelector('.contact-block'));
    for (const expected of [
      'Service Coopération décentralisée',
      'Florence Mouveaux',
      'Communauté de communes du Pays des Ecrins',
      '04 92 23 11 17',
      'communication@cc-paysdesecrins.com',
    ]) {
      expect(contact).toContain(expected);
    }
    expect(document.querySelector('.contact-block a[href="tel:+33492231117"]')).not.toBeNull();
  });

  it('serves the figure’s image', async () => {
    const { document } = await get(DEMO.cooperationPath);
    const src = document.querySelector('main figure img')!.getAttribute('src')!;
    const image = await t.app.inject({ method: 'GET', url: src });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/svg+xml');
    expect(image.body).toContain('<svg');
  });

  it('links "Envoyer à un ami" to the form for this page', async () => {
    const { document } = await get(DEMO.cooperationPath);
    const link = [...document.querySelectorAll('#menu-outils a')].find(
      (a) => textOf(a) === 'Envoyer à un ami',
    );
    expect(link?.getAttribute('href')).toBe(
      `/envoyer-a-un-ami?page=${encodeURIComponent(DEMO.cooperationPath)}`,
    );
  });

  it('has a printable version reachable without JavaScript', async () => {
    const { document } = await get(DEMO.cooperationPath);
    const print = [...document.querySelectorAll('#menu-outils a')].find((a) => textOf(a) === 'Imprimer');
    const printed = await get(print!.getAttribute('href')!);
    expect(printed.response.statusCode).toBe(200);
    expect(printed.document.body.classList.contains('print-version')).toBe(true);
    expect(textOf(printed.document.querySelector('h1'))).toBe('La coopération décentralisée');
  });
});

describe('the home page', () => {
  it('leaves out the sub menu skip link, as the home page has no section', async () => {
    const { response, document } = await get('/');
    expect(response.statusCode).toBe(200);
    const links = [...document.querySelectorAll('.skip-links a')].map((a) => textOf(a));
    expect(links).not.toContain('Aller au sous menu');
    expect(links).toHaveLength(5);
    for (const link of document.querySelectorAll('.skip-links a')) {
      expect(document.getElementById(link.getAttribute('href')!.slice(1))).not.toBeNull();
    }
  });
});

describe('fixed pages', () => {
  it.each([
    ['/contact', 'Contact'],
    ['/plan-du-site', 'Plan du site'],
    ['/mentions-legales', 'Mentions légales'],
    ['/accessibilite', 'Déclaration d’accessibilité'],
  ])('%s answers with its title', async (url, title) => {
    const { response, document } = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(document.querySelector('h1'))).toBe(title);
  });

  it('serves an icon at /favicon.ico, which every browser asks for', async () => {
    // A workspace without a logo gets this default; one with a logo, its own (site-identity tests).
    const response = await t.app.inject({
      method: 'GET',
      url: '/favicon.ico',
      headers: { host: DEMO_SECOND.hostName },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    // An ICO file: reserved 0, type 1 (icon), at least one image.
    const bytes = response.rawPayload;
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
  });

  it('lists the service’s contact card on the contact page', async () => {
    const { document } = await get('/contact');
    expect(textOf(document.querySelector('main'))).toContain('Florence Mouveaux');
  });

  it('shows every published page in the site map', async () => {
    const { document } = await get('/plan-du-site');
    const hrefs = [...document.querySelectorAll('.site-map a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain(DEMO.cooperationPath);
    expect(hrefs).toContain('/vivre-au-pays-des-ecrins/dechets-et-tri');
  });

  it('states an RGAA conformance status it can honestly claim', async () => {
    const { document } = await get('/accessibilite');
    const text = textOf(document.querySelector('main'));
    expect(text).toContain('État de conformité');
    expect(text).toContain('non conforme');
    expect(text).toContain('Voies de recours');
  });
});

describe('unknown addresses', () => {
  it.each([
    '/nulle-part',
    '/tout-savoir-sur-la-communaute-de-communes/inconnue',
    '/medias/x/y',
    '/assets/absent.css',
  ])('%s gets a helpful French 404', async (url) => {
    const { response, document } = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(document.querySelector('h1'))).toBe('Page introuvable');
    expect(document.querySelector('main a[href="/plan-du-site"]')).not.toBeNull();
  });

  it('answers a malformed address with a French 400 page, not a crash', async () => {
    const { response, document } = await get('/%E0%A4%A');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(document.querySelector('h1'))).toBe('Demande incorrecte');
  });

  it.each([
    ['/%2Fevil.example/', '/%2Fevil.example'],
    ['/a%0d%0aX:y/', '/a%0d%0aX:y'],
    ['/%E2%80%A8/', '/%E2%80%A8'],
  ])('redirects %s to a path of this site, never another host', async (url, location) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(location);
  });

  it('redirects a trailing slash to the page', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${DEMO.cooperationPath}/` });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(DEMO.cooperationPath);
  });
});
