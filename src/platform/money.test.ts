import { describe, expect, it } from 'vitest';
import { amountForInput, formatAmount, isCurrency, listCurrencies, parseAmount } from './money.js';

describe('amounts in minor units', () => {
  it('reads amounts typed the French way, or not', () => {
    expect(parseAmount('12 000', 'EUR')).toBe(1_200_000);
    expect(parseAmount('12\u202f000,5', 'EUR')).toBe(1_200_050);
    expect(parseAmount('12000.50', 'MAD')).toBe(1_200_050);
    expect(parseAmount('0', 'EUR')).toBe(0);
    expect(parseAmount('500', 'XOF')).toBe(500);
  });

  it('refuses what is no amount', () => {
    for (const typed of ['', '-5', '12,345', 'douze', '1,2,3', '1e5'])
      expect(parseAmount(typed, 'EUR'), typed).toBeNull();
    expect(parseAmount('10,5', 'XOF')).toBeNull();
  });

  it('shows them back as typed and French style', () => {
    expect(amountForInput(1_200_050, 'EUR')).toBe('12000,50');
    expect(amountForInput(1_200_000, 'EUR')).toBe('12000');
    expect(formatAmount(1_200_050, 'EUR').replace(/\s/g, ' ')).toBe('12 000,50 €');
  });

  it('knows the currencies of the IATI list, euro first, named in French', () => {
    expect(isCurrency('MAD')).toBe(true);
    expect(isCurrency('ZZZ')).toBe(false);
    const currencies = listCurrencies();
    expect(currencies[0]?.code).toBe('EUR');
    expect(currencies.find((currency) => currency.code === 'MAD')?.name).toBe('dirham marocain (MAD)');
  });
});
