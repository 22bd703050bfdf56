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
export function isoDateInParis(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(date);
}

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "26 novembre 2026 à 14:05", Paris time. */
export function formatDateTimeFr(date: Date): string {
  const parts = Object.fromEntries(dateTime.formatToParts(date).map((part) => [part.type, part.value]));
  const day = parts.day === '1' ? '1er' : parts.day;
  return `${day} ${parts.month} ${parts.year} à ${parts.hour}:${parts.minute}`;
}
