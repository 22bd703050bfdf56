import { addDays, addMonths } from '../../platform/dates.js';

/**
 * The rules IATI 2.03 and the e-APD declaration set for an activity, as pure functions: the
 * services apply them, the tests call them on each side of each limit. Dates are calendar days
 * written `YYYY-MM-DD`, which compare as text.
 */

/** Percentages are kept to the hundredth: 33.33 + 33.33 + 33.34 adds up to 100. */
export function percentagesAddUpTo100(percentages: number[]): boolean {
  if (percentages.length === 0) return true;
  const hundredths = percentages.reduce((sum, value) => sum + Math.round(value * 100), 0);
  return hundredths === 100_00;
}

/** A percentage as typed in French (« 33,5 », « 40 % »): a number above 0 and at most 100, two decimals at most. */
export function readPercentage(typed: string): number | null {
  const value = typed.replace(/\s|%/g, '').replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(value)) return null;
  const number = Number(value);
  return number > 0 && number <= 100 ? number : null;
}

/**
 * IATI: a budget period lasts at most a year. The last day may be the day before the same date
 * a year later (1 January to 31 December), not that date itself.
 */
export function budgetPeriodTooLong(start: string, end: string): boolean {
  return end > addDays(addMonths(start, 12), -1);
}

/** IATI: an actual date, a transaction, cannot be after today. */
export function isInFuture(date: string | null, today: string): boolean {
  return date !== null && date > today;
}

/** IATI TransactionType codes that send money out: commitment, disbursement, expenditure. */
export const OUTGOING_TRANSACTION_TYPES = [2, 3, 4] as const;

export function isOutgoing(type: number): boolean {
  return (OUTGOING_TRANSACTION_TYPES as readonly number[]).includes(type);
}
