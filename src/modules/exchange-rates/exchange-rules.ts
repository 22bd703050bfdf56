import { currencyDigits } from '../../platform/money.js';

/**
 * Amounts in euros, as pure functions: the rate that applies on a day, and an amount turned into
 * euro cents at that rate. Dates are calendar days `YYYY-MM-DD`, which compare as text.
 */

export interface Rate {
  currency: string;
  /** From this day on, until a later rate of the same currency. */
  valid_from: string;
  /** The value in euros of one unit of the currency. */
  euros_per_unit: number;
}

/** The rate of `currency` on `date`: the latest from that day or before; null when none is known. EUR is 1. */
export function rateOn(rates: Rate[], currency: string, date: string): Rate | null {
  if (currency === 'EUR') return { currency, valid_from: date, euros_per_unit: 1 };
  let found: Rate | null = null;
  for (const rate of rates)
    if (
      rate.currency === currency &&
      rate.valid_from <= date &&
      (!found || rate.valid_from > found.valid_from)
    )
      found = rate;
  return found;
}

/** An amount in the currency's minor units, in euro cents at the rate, rounded to the cent. */
export function toEuroCents(amountMinor: number, currency: string, rate: Rate): number {
  return Math.round((amountMinor / 10 ** currencyDigits(currency)) * rate.euros_per_unit * 100);
}

/** A rate as typed in French (« 0,0921 »): positive, eight decimals at most; null otherwise. */
export function readRate(typed: string): number | null {
  const value = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d{1,9}(\.\d{1,8})?$/.test(value)) return null;
  const rate = Number(value);
  return rate > 0 ? rate : null;
}

/** A rate as the back office shows it: « 0,0921 ». */
export function formatRate(rate: number): string {
  return rate.toLocaleString('fr-FR', { maximumFractionDigits: 8, useGrouping: false });
}
