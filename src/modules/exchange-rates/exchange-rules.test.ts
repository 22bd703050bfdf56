import { describe, expect, it } from 'vitest';
import { rateOn, readRate, toEuroCents } from './exchange-rules.js';

const rates = [
  { currency: 'MAD', valid_from: '2025-01-01', euros_per_unit: 0.0921 },
  { currency: 'MAD', valid_from: '2026-01-01', euros_per_unit: 0.0935 },
  { currency: 'XOF', valid_from: '2025-01-01', euros_per_unit: 0.00152449 },
];

describe('the rate of a day', () => {
  it('is the latest from that day or before, in that currency', () => {
    expect(rateOn(rates, 'MAD', '2025-10-02')?.euros_per_unit).toBe(0.0921);
    expect(rateOn(rates, 'MAD', '2025-12-31')?.euros_per_unit).toBe(0.0921);
    expect(rateOn(rates, 'MAD', '2026-01-01')?.euros_per_unit).toBe(0.0935);
    expect(rateOn(rates, 'MAD', '2024-12-31')).toBeNull();
    expect(rateOn(rates, 'USD', '2026-01-01')).toBeNull();
    expect(rateOn([], 'EUR', '2020-01-01')?.euros_per_unit).toBe(1);
  });
});

describe('an amount in euros', () => {
  it('turns minor units into euro cents at the rate, rounded to the cent', () => {
    // 12 500,00 MAD at 0.0921 = 1 151,25 €.
    expect(toEuroCents(1_250_000, 'MAD', rates[0]!)).toBe(115_125);
    // 100 000 XOF (no minor unit) at 0.00152449 = 152,45 €.
    expect(toEuroCents(100_000, 'XOF', rates[2]!)).toBe(15_245);
  });

  it('reads a rate typed in French', () => {
    expect(readRate('0,0921')).toBe(0.0921);
    expect(readRate('1')).toBe(1);
    expect(readRate('0')).toBeNull();
    expect(readRate('0,123456789')).toBeNull();
    expect(readRate('-1')).toBeNull();
  });
});
