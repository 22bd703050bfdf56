import { describe, expect, it } from 'vitest';
import { formatByteSize } from './media.views.js';

describe('formatByteSize', () => {
  it('writes kilobytes below a megabyte, never 0', () => {
    expect(formatByteSize(10)).toBe('1 ko');
    expect(formatByteSize(250 * 1024)).toBe('250 ko');
  });

  it('writes megabytes with a decimal comma', () => {
    expect(formatByteSize(2.45 * 1024 * 1024)).toBe('2,5 Mo');
    expect(formatByteSize(10 * 1024 * 1024)).toBe('10 Mo');
  });
});
