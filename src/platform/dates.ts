import { z } from 'zod';
import { formatDateFr } from './clock.js';

/**
 * Calendar days typed in a form (`<input type="date">` sends 2025-03-10; a browser without it,
 * or a person, may type 10/03/2025): kept as `YYYY-MM-DD`, which sorts and compares as text.
 */
export function readCalendarDate(typed: string): string | null {
  const value = typed.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : french
      ? [Number(french[3]), Number(french[2]), Number(french[1])]
      : [0, 0, 0];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  if (year < 1900 || year > 2200) return null;
  return date.toISOString().slice(0, 10);
}

/** An optional date field: '' is no date (null); anything else must be a calendar day. */
export function optionalDate(message: string) {
  return z
    .string()
    .default('')
    .refine((value) => value.trim() === '' || readCalendarDate(value) !== null, { error: message })
    .transform((value) => (value.trim() === '' ? null : readCalendarDate(value)));
}

/** « 10 mars 2025 » for a stored `YYYY-MM-DD`. */
export function formatCalendarDateFr(iso: string): string {
  return formatDateFr(new Date(`${iso}T12:00:00Z`));
}

/** `date` plus `months` calendar months, the day kept or brought back to the month's last. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** `date` plus `days` days (minus, when negative): a period of 12 months from 1 January ends on 31 December. */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
