import { addDays, addMonths } from '../../platform/dates.js';

/**
 * When a reminder is due, as pure functions of the record and the day (calendar days written
 * `YYYY-MM-DD`, which compare as text). Each rule also names its period: a reminder goes out once
 * per item and period.
 */

/** A convention is announced this many days before its end. */
export const CONVENTION_NOTICE_DAYS = 90;
/** A project in preparation or under way with no news for this many months is named. */
export const QUIET_MONTHS = 3;

/** The convention ends within the notice: its period is its end date (a renewal makes a new one). */
export function conventionEndsSoon(endsOn: string | null, today: string): boolean {
  return endsOn !== null && endsOn >= today && endsOn <= addDays(today, CONVENTION_NOTICE_DAYS);
}

/** ActivityStatus 1 (pipeline) and 2 (implementation): the projects that should have news. */
export function expectsNews(status: number): boolean {
  return status === 1 || status === 2;
}

/** No update since `lastUpdate` for QUIET_MONTHS: its period is that last update's day. */
export function isQuiet(lastUpdate: string, today: string): boolean {
  return addMonths(lastUpdate, QUIET_MONTHS) <= today;
}

/**
 * The e-APD declaration (article L1115-6 of the CGCT) is open from 15 April to 31 May, for the
 * previous calendar year: that year while it is open, else null.
 */
export function eapdWindow(today: string): { declaredYear: number; closesOn: string } | null {
  const year = Number(today.slice(0, 4));
  const opensOn = `${year}-04-15`;
  const closesOn = `${year}-05-31`;
  return today >= opensOn && today <= closesOn ? { declaredYear: year - 1, closesOn } : null;
}
