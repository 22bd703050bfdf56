import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['La coopération décentralisée', 'la-cooperation-decentralisee'],
    ['Tout savoir sur la Communauté de Communes', 'tout-savoir-sur-la-communaute-de-communes'],
    ['  Œuvres & cœur : l’été !  ', 'oeuvres-coeur-l-ete'],
    ['???', ''],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('always gives an address the pattern accepts, or nothing', () => {
    for (const input of ['Été 2026', 'x'.repeat(200), '--a--b--', 'Ça va ?']) {
      const slug = slugify(input);
      expect(slug === '' || SLUG_PATTERN.test(slug)).toBe(true);
      expect(slug.length).toBeLessThanOrEqual(80);
    }
  });
});
