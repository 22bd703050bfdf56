import { isActiveCode, readCodelist } from './iati/codelists.js';
import { formatMoneyFr } from './typography.js';

/**
 * Amounts are kept in minor units (cents, centimes) with an ISO 4217 currency, as integers: no
 * rounding error on a sum. The currencies offered are IATI's list, named in French by Intl.
 */

/** Digits after the decimal separator: 2 for EUR and MAD, 0 for XOF and JPY. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && isActiveCode('Currency', code);
}

/**
 * « 12 000 », « 12 000,50 », « 12000.5 » → minor units; null when it is no amount, is negative,
 * or has more decimals than the currency has.
 */
export function parseAmount(typed: string, currency: string): number | null {
  const compact = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(compact);
  if (!match) return null;
  const digits = currencyDigits(currency);
  const decimals = match[2] ?? '';
  if (decimals.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(decimals.padEnd(digits, '0') || '0');
}

/** Minor units as an amount the form shows again: « 12000,5 » reads back the same. */
export function amountForInput(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const digits = currencyDigits(currency);
  const whole = Math.trunc(minor / 10 ** digits);
  const rest = minor % 10 ** digits;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(digits, '0')}`;
}

/** « 12 000,00 € », « 30 000,00 MAD »: French style, with the currency. */
export function formatAmount(minor: number, currency: string): string {
  return formatMoneyFr(minor / 10 ** currencyDigits(currency), currency);
}

const currencyNames = new Intl.DisplayNames(['fr'], { type: 'currency' });

/** The currencies of the IATI list, euro first, then by French name. */
export function listCurrencies(): Array<{ code: string; name: string }> {
  const collator = new Intl.Collator('fr');
  const all = readCodelist('Currency')
    .filter((item) => !item.withdrawn)
    .map((item) => ({ code: item.code, name: `${currencyNames.of(item.code) ?? item.name} (${item.code})` }));
  const euro = all.filter((item) => item.code === 'EUR');
  return [
    ...euro,
    ...all.filter((item) => item.code !== 'EUR').sort((a, b) => collator.compare(a.name, b.name)),
  ];
}
