import { describe, expect, it } from 'vitest';
import {
  createSettableClock,
  formatDateFr,
  formatDateTimeFr,
  formatTimeFr,
  instantInParis,
  isoDateInParis,
  parisDateAndTime,
} from './clock.js';
import { frenchTypography } from './typography.js';

describe('formatDateFr', () => {
  it('writes the day in French, in Paris time', () => {
    expect(formatDateFr(new Date('2026-11-26T10:00:00Z'))).toBe('26 novembre 2026');
  });

  it('uses the Paris calendar day, not UTC, late in the evening', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(formatDateFr(new Date('2026-12-31T23:30:00Z'))).toBe('1er janvier 2027');
    expect(isoDateInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('writes the first of the month as "1er"', () => {
    expect(formatDateFr(new Date('2026-03-01T12:00:00Z'))).toBe('1er mars 2026');
  });
});

describe('createSettableClock', () => {
  it('stays where it is set and moves only when told', () => {
    const clock = createSettableClock(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
  });
});

describe('formatDateTimeFr', () => {
  it('writes the day and the Paris hour', () => {
    expect(formatDateTimeFr(new Date('2026-07-14T08:05:00Z'))).toBe('14 juillet 2026 à 10\u00a0h\u00a005');
  });

  it('writes the first of the month as "1er" here too', () => {
    expect(formatDateTimeFr(new Date('2026-03-01T12:00:00Z'))).toBe('1er mars 2026 à 13\u00a0h\u00a000');
  });
});

describe('formatTimeFr', () => {
  it.each([
    ['2026-07-14T09:38:00Z', '11\u00a0h\u00a038'],
    ['2026-01-14T22:05:00Z', '23\u00a0h\u00a005'],
    ['2026-01-14T23:05:00Z', '0\u00a0h\u00a005'],
    ['2026-01-14T08:00:00Z', '9\u00a0h\u00a000'],
  ])('writes %s as the Paris hour, French style', (iso, expected) => {
    const time = formatTimeFr(new Date(iso));
    expect(time).toBe(expected);
    expect(frenchTypography(time)).toBe(time);
  });
});

describe('instantInParis', () => {
  it('reads a Paris date and time in winter and in summer', () => {
    expect(instantInParis('2026-12-03', '08:00')?.toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(instantInParis('2026-07-14', '08:00')?.toISOString()).toBe('2026-07-14T06:00:00.000Z');
    expect(parisDateAndTime(new Date('2026-12-03T07:00:00.000Z'))).toEqual({
      date: '2026-12-03',
      time: '08:00',
    });
  });

  it('reads a time the spring change skips an hour later, and a repeated one at its first occurrence', () => {
    expect(instantInParis('2026-03-29', '02:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantInParis('2026-03-29', '03:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantInParis('2026-10-25', '02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantInParis('2026-10-25', '03:30')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });

  it('names no instant for a date or time that does not exist', () => {
    expect(instantInParis('2026-02-30', '08:00')).toBeNull();
    expect(instantInParis('2026-12-03', '24:00')).toBeNull();
    expect(instantInParis('3 décembre', '08:00')).toBeNull();
    expect(instantInParis('2026-12-03', '8h')).toBeNull();
  });
});
