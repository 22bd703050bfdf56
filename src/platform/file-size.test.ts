import { describe, expect, it } from 'vitest';
import { formatByteSize } from './file-size.js';

describe('formatByteSize', () => {
  it('writes kilobytes below a megabyte, never 0', () => {
    expect(formatByteSize(10)).toBe('1\u00a0ko');
    expect(formatByteSize(250 * 1024)).toBe('250\u00a0ko');
  });

  it('writes megabytes with a decimal comma', () => {
    expect(formatByteSize(2.45 * 1024 * 1024)).toBe('2,5\u00a0Mo');
    expect(formatByteSize(10 * 1024 * 1024)).toBe('10\u00a0Mo');
  });

  it('groups thousands of kilobytes French style', () => {
    expect(formatByteSize(1000 * 1024)).toBe('1\u202f000\u00a0ko');
  });
});
