import { describe, expect, it } from 'vitest';
import { budgetPeriodTooLong, isInFuture, percentagesAddUpTo100, readPercentage } from './project-rules.js';

describe('percentages add up to 100', () => {
  it('accepts 100, thirds to the hundredth and no rows at all', () => {
    expect(percentagesAddUpTo100([100])).toBe(true);
    expect(percentagesAddUpTo100([60, 40])).toBe(true);
    expect(percentagesAddUpTo100([33.33, 33.33, 33.34])).toBe(true);
    expect(percentagesAddUpTo100([])).toBe(true);
  });

  it('refuses a hundredth too few or too many', () => {
    expect(percentagesAddUpTo100([33.33, 33.33, 33.33])).toBe(false);
    expect(percentagesAddUpTo100([60, 40.01])).toBe(false);
    expect(percentagesAddUpTo100([50])).toBe(false);
  });

  it('reads a percentage as typed in French', () => {
    expect(readPercentage('33,5')).toBe(33.5);
    expect(readPercentage('40 %')).toBe(40);
    expect(readPercentage('100')).toBe(100);
    expect(readPercentage('0')).toBeNull();
    expect(readPercentage('100,01')).toBeNull();
    expect(readPercentage('12,345')).toBeNull();
    expect(readPercentage('douze')).toBeNull();
  });
});

describe('a budget period lasts at most a year', () => {
  it('accepts a calendar year, and a year from any day to the day before', () => {
    expect(budgetPeriodTooLong('2025-01-01', '2025-12-31')).toBe(false);
    expect(budgetPeriodTooLong('2024-03-01', '2025-02-28')).toBe(false);
    expect(budgetPeriodTooLong('2025-07-01', '2025-09-30')).toBe(false);
  });

  it('refuses one day more', () => {
    expect(budgetPeriodTooLong('2025-01-01', '2026-01-01')).toBe(true);
    expect(budgetPeriodTooLong('2024-03-01', '2025-03-01')).toBe(true);
  });
});

describe('no actual date in the future', () => {
  it('accepts today and before, refuses tomorrow', () => {
    expect(isInFuture('2026-12-01', '2026-12-01')).toBe(false);
    expect(isInFuture('2026-11-30', '2026-12-01')).toBe(false);
    expect(isInFuture('2026-12-02', '2026-12-01')).toBe(true);
    expect(isInFuture(null, '2026-12-01')).toBe(false);
  });
});
