import { describe, expect, it } from 'vitest';
import { conventionEndsSoon, eapdWindow, expectsNews, isQuiet } from './reminder-rules.js';

describe('a convention about to end', () => {
  it('is announced from 90 days before its end to its last day', () => {
    expect(conventionEndsSoon('2027-03-31', '2026-12-31')).toBe(true);
    expect(conventionEndsSoon('2027-03-31', '2026-12-30')).toBe(false);
    expect(conventionEndsSoon('2027-03-31', '2027-03-31')).toBe(true);
    expect(conventionEndsSoon('2027-03-31', '2027-04-01')).toBe(false);
    expect(conventionEndsSoon(null, '2027-03-31')).toBe(false);
  });
});

describe('a project with no news', () => {
  it('is named three months after its last update, if it is in preparation or under way', () => {
    expect(isQuiet('2026-11-30', '2027-02-28')).toBe(true);
    expect(isQuiet('2026-11-30', '2027-02-27')).toBe(false);
    expect(isQuiet('2026-12-15', '2027-03-15')).toBe(true);
    expect(isQuiet('2026-12-15', '2027-03-14')).toBe(false);
    expect(expectsNews(1)).toBe(true);
    expect(expectsNews(2)).toBe(true);
    expect(expectsNews(4)).toBe(false);
  });
});

describe('the e-APD declaration window', () => {
  it('is open from 15 April to 31 May, for the previous year', () => {
    expect(eapdWindow('2027-04-14')).toBeNull();
    expect(eapdWindow('2027-04-15')).toEqual({ declaredYear: 2026, closesOn: '2027-05-31' });
    expect(eapdWindow('2027-05-31')).toEqual({ declaredYear: 2026, closesOn: '2027-05-31' });
    expect(eapdWindow('2027-06-01')).toBeNull();
  });
});
