import { describe, expect, it } from 'vitest';
import { formatMoneyFr, formatNumberFr, frenchTypography, plural, pluralForm } from './typography.js';

// Written out so that a failure shows where the spaces are.
const N = '\u202f'; // narrow no-break space
const B = '\u00a0'; // no-break space

describe('frenchTypography', () => {
  it.each([
    ['Tél :', `Tél${N}:`],
    ['Tél:', `Tél${N}:`],
    ['Mot de passe oublié ?', `Mot de passe oublié${N}?`],
    ['Vraiment?', `Vraiment${N}?`],
    ['Bravo !', `Bravo${N}!`],
    ['ne sont pas conservés ; l’adresse', `ne sont pas conservés${N}; l’adresse`],
    ['Quoi ?!', `Quoi${N}?!`],
    ['(pourquoi ?)', `(pourquoi${N}?)`],
    [`Tél${B}:`, `Tél${N}:`],
  ])('puts a narrow no-break space before ; : ! ? — %s', (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it.each([
    ['« mot »', `«${N}mot${N}»`],
    ['«mot»', `«${N}mot${N}»`],
    [`«${B}mot${B}»`, `«${N}mot${N}»`],
    ['la page "Contact" du site', `la page «${N}Contact${N}» du site`],
  ])(
    'puts a narrow no-break space inside « » and turns straight quotes into them — %s',
    (input, expected) => {
      expect(frenchTypography(input)).toBe(expected);
    },
  );

  it.each([
    ['1 234 €', `1 234${B}€`],
    ['12€', `12${B}€`],
    ['50 %', `50${B}%`],
    ['à 12 km de Gap', `à 12${B}km de Gap`],
    ['3 Mo au plus', `3${B}Mo au plus`],
    ['dans 20 min', `dans 20${B}min`],
    ['loi n° 2005-102', `loi n°${B}2005-102`],
  ])('puts a no-break space before € %, units and after n° — %s', (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it.each([
    ['à 11h38', `à 11${B}h${B}38`],
    ['à 11 h 38', `à 11${B}h${B}38`],
  ])('writes times as 11 h 38 — %s', (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it('turns a straight apostrophe between letters into ’', () => {
    expect(frenchTypography("l'accueil")).toBe('l’accueil');
  });

  it.each([
    'https://exemple.fr/recherche?q=eau&page=2',
    'http://exemple.fr:8080/a!b',
    'www.defenseurdesdroits.fr',
    'mailto:contact@exemple.fr',
    'prenom.nom@exemple.fr',
    'tel:+33492000000',
    "https://fr.wikipedia.org/wiki/L'Argentière",
    "o'brien@exemple.fr",
  ])('leaves the address %s exactly as written', (address) => {
    expect(frenchTypography(address)).toBe(address);
    expect(frenchTypography(`Voir ${address} : merci`)).toBe(`Voir ${address}${N}: merci`);
  });

  it('spaces quotes around an address without touching it', () => {
    expect(frenchTypography('Donnez « x » sans « https:// » devant')).toBe(
      `Donnez «${N}x${N}» sans «${N}https://${N}» devant`,
    );
  });

  it.each([
    ['a time in digits', 'rendez-vous 11:38'],
    ['a placeholder', '{{figure:nom-de-l-image}}'],
    ['a query string', 'page?q=1'],
    ['a postcode, a year and a phone number', '75342 Paris CEDEX 07, 2026, 04 92 23 11 17'],
    ['a lone straight quote', 'un écran de 12" de diagonale'],
    ['punctuation at the start of a line', 'Question\n? réponse'],
    ['a word that starts like a unit', '24 heures, 3 mois, 2 hommes'],
  ])('leaves %s alone', (_what, text) => {
    expect(frenchTypography(text)).toBe(text);
  });

  it('gives the same text when applied twice', () => {
    const samples = [
      'Tél : 04 92 23 11 17 ; courriel : contact@exemple.fr. « Bravo ! » "Oui ?" l\'été, 12 € à 11h38, 50 %.',
      'Voir https://exemple.fr/?a=1 : « https://exemple.fr » ; n° 3',
    ];
    for (const sample of samples) {
      const once = frenchTypography(sample);
      expect(frenchTypography(once)).toBe(once);
    }
  });
});

describe('numbers and plurals', () => {
  it('formats numbers and money as Intl fr-FR does', () => {
    expect(formatNumberFr(1234.5)).toBe(`1${N}234,5`);
    expect(formatNumberFr(2.4, { maximumFractionDigits: 1 })).toBe('2,4');
    expect(formatMoneyFr(1234.5)).toBe(`1${N}234,50${B}€`);
    expect(formatMoneyFr(1200, 'MAD')).toBe(`1${N}200,00${B}MAD`);
  });

  it.each([
    [0, `0${B}sous-page`],
    [1, `1${B}sous-page`],
    [2, `2${B}sous-pages`],
    [1234, `1${N}234${B}sous-pages`],
  ])('agrees the noun with %i', (count, expected) => {
    expect(plural(count, 'sous-page', 'sous-pages')).toBe(expected);
  });

  it('keeps 1,5 singular, as French does', () => {
    expect(pluralForm(1.5, 'million', 'millions')).toBe('million');
    expect(pluralForm(2, 'partira', 'partiront')).toBe('partiront');
  });

  it('leaves what it produces unchanged', () => {
    for (const text of [formatNumberFr(1234567), formatMoneyFr(1234.5), plural(1234, 'page', 'pages')]) {
      expect(frenchTypography(text)).toBe(text);
    }
  });
});

describe('frenchTypography and names', () => {
  it.each(['marche-8h30', 'IMG_12h34.jpg', 'salle2h15'])('leaves the time-like part of %s alone', (name) => {
    expect(frenchTypography(name)).toBe(name);
  });

  it('still spaces a time standing on its own', () => {
    expect(frenchTypography('de 8h30 à 12h00')).toBe(`de 8${B}h${B}30 à 12${B}h${B}00`);
  });
});
