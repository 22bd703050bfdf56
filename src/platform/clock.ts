/** The one source of "now": tests set it, code never calls `new Date()` for business time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put, for tests. */
export function createSettableClock(
  start: Date,
): Clock & { set(date: Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(date) {
      current = new Date(date);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

export const TIME_ZONE = 'Europe/Paris';

const longDate = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "26 novembre 2026", "1er mars 2026": the day as a French reader writes it, in Paris time. */
export function formatDateFr(date: Date): string {
  const text = longDate.format(date);
  return text.replace(/^1 /, '1er ');
}

/** The calendar date in Paris, as YYYY-MM-DD, for machine-readable attributes. */
const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

/** Dates already written: a page writes its own date on every request, and Intl is slow at it. */
const isoDates = new Map<number, string>();

export function isoDateInParis(date: Date): string {
  const time = date.getTime();
  let written = isoDates.get(time);
  if (written === undefined) {
    written = isoDate.format(date);
    if (isoDates.size >= 2000) isoDates.clear();
    isoDates.set(time, written);
  }
  return written;
}

const dateParts = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsInParis(date: Date): Record<string, string> {
  return Object.fromEntries(dateParts.formatToParts(date).map((part) => [part.type, part.value]));
}

/**
 * "11 h 38", "0 h 05": the Paris hour as French typography writes it, no-break spaces around the
 * "h" (Intl's "11:38" is the English way).
 */
export function formatTimeFr(date: Date): string {
  const parts = partsInParis(date);
  return `${parts.hour}\u00a0h\u00a0${parts.minute}`;
}

/** "26 novembre 2026 à 14 h 05", Paris time. */
export function formatDateTimeFr(date: Date): string {
  const parts = partsInParis(date);
  const day = parts.day === '1' ? '1er' : parts.day;
  return `${day} ${parts.month} ${parts.year} à ${formatTimeFr(date)}`;
}

const numericParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Paris wall-clock date and time of an instant, as a date field and a time field hold them. */
export function parisDateAndTime(date: Date): { date: string; time: string } {
  const parts = Object.fromEntries(numericParts.formatToParts(date).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Minutes Paris is ahead of UTC at that instant: 60 in winter, 120 in summer. */
function parisOffsetMinutes(instant: number): number {
  const { date, time } = parisDateAndTime(new Date(instant));
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return Math.round(
    (Date.UTC(year, month - 1, day, hour, minute) - Math.floor(instant / 60_000) * 60_000) / 60_000,
  );
}

/**
 * The instant a Paris date and time (`2026-12-03`, `08:00`) name, or null when they name none.
 * A time the spring change skips (2 h 30 on the last Sunday of March) is read an hour later, as
 * the clocks then show it; one the autumn change repeats is its first occurrence.
 */
export function instantInParis(date: string, time: string): Date | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateMatch || !timeMatch) return null;
  const [year, month, day] = dateMatch.slice(1).map(Number) as [number, number, number];
  const [hour, minute] = timeMatch.slice(1).map(Number) as [number, number];
  if (hour > 23 || minute > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  // The offset before the time, then at the time found: they differ only around a change.
  const first = asUtc - parisOffsetMinutes(asUtc - 12 * 3_600_000) * 60_000;
  const second = asUtc - parisOffsetMinutes(first) * 60_000;
  // After a change earlier that day, the second reading shows the time asked; before it, the first.
  return new Date(parisDateAndTime(new Date(second)).time === time ? second : first);
}
