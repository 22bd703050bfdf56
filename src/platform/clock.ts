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
