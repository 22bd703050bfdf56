import { formatCalendarDateFr } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import { currencyDigits, formatAmount } from '../../platform/money.js';

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

/**
 * An amount in euros as every screen shows it: « 1 125,00 € », with « (1 MAD = … € au …) » for
 * another currency; when no rate is known, the message that says so, as `missing`.
 */
export function describeInEuros(
  currency: string,
  inEuros: { cents: number; rate: Rate } | null,
): { euros: string; rateUsed: string | null } | { missing: string } {
  if (!inEuros) return { missing: messages.exchangeRates.noRate(currency) };
  return {
    euros: formatAmount(inEuros.cents, 'EUR'),
    rateUsed:
      currency === 'EUR'
        ? null
        : messages.exchangeRates.rateUsed(
            currency,
            formatRate(inEuros.rate.euros_per_unit),
            formatCalendarDateFr(inEuros.rate.valid_from),
          ),
  };
}
