import { describe, expect, it } from 'vitest';
import { formatCalendarDateFr, readCalendarDate } from './dates.js';

describe('calendar dates typed in a form', () => {
  it('reads the ISO form and the French one', () => {
    expect(readCalendarDate('2025-03-10')).toBe('2025-03-10');
    expect(readCalendarDate('10/03/2025')).toBe('2025-03-10');
    expect(readCalendarDate(' 1/4/2025 ')).toBe('2025-04-01');
  });

  it('refuses days that do not exist', () => {
    for (const typed of ['2025-02-30', '31/04/2025', 'hier', '2025-3-10', '10/03/25'])
      expect(readCalendarDate(typed), typed).toBeNull();
  });

  it('writes them in French', () => {
    expect(formatCalendarDateFr('2025-03-01')).toBe('1er mars 2025');
  });
});
