import { describe, expect, it } from 'vitest';
import { isUtilityDomain, onePercentOf, passesOnePercent } from './one-percent.js';

describe('the 1 % of a service budget', () => {
  it('is a hundredth of it, rounded down to the cent', () => {
    // 2 500 000,00 € of water budget: 25 000,00 € at most.
    expect(onePercentOf(250_000_000)).toBe(2_500_000);
    expect(onePercentOf(199)).toBe(1);
  });

  it('lets spending reach it, not pass it', () => {
    expect(passesOnePercent(2_500_000, 250_000_000)).toBe(false);
    expect(passesOnePercent(2_500_001, 250_000_000)).toBe(true);
  });

  it('applies to water and sanitation, waste and energy only', () => {
    expect(isUtilityDomain('water_sanitation')).toBe(true);
    expect(isUtilityDomain('energy')).toBe(true);
    expect(isUtilityDomain('cooperation')).toBe(false);
  });
});
