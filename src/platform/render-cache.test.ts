import { describe, expect, it } from 'vitest';
import { type CachedAnswer, RenderCache } from './render-cache.js';

function answer(key: string, size: number, version = 1, workspaceId = 'w1'): CachedAnswer {
  const identity = Buffer.alloc(size, 'a');
  return { key, workspaceId, version, headers: {}, etag: `"${key}"`, identity, bytes: size };
}

describe('the render cache', () => {
  it('serves an entry only at the version it was made from', () => {
    const cache = new RenderCache(10_000);
    cache.set(answer('w1 /', 100, 3));
    expect(cache.get('w1 /', 3)?.key).toBe('w1 /');
    expect(cache.get('w1 /', 4)).toBeUndefined();
    // An old entry is dropped when found old: asking again at its version finds nothing.
    expect(cache.get('w1 /', 3)).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('stays within its size, the least recently used out first', () => {
    const cache = new RenderCache(1000);
    cache.set(answer('a', 100));
    cache.set(answer('b', 100));
    cache.set(answer('c', 100));
    expect(cache.get('a', 1)).toBeDefined(); // a is now the most recent
    for (const key of ['d', 'e', 'f', 'g', 'h', 'i', 'j', 'k']) cache.set(answer(key, 100));
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('k', 1)).toBeDefined();
  });

  it('keeps no page larger than an eighth of its size, which would push out all the others', () => {
    const cache = new RenderCache(800);
    cache.set(answer('small', 100));
    cache.set(answer('large', 101));
    expect(cache.get('large', 1)).toBeUndefined();
    expect(cache.get('small', 1)).toBeDefined();
  });

  it('counts the compressed copies added later, and replaces an entry of the same key', () => {
    const cache = new RenderCache(10_000);
    const entry = answer('a', 100);
    cache.set(entry);
    cache.grew(entry, 40);
    expect(cache.bytes).toBe(140);
    cache.set(answer('a', 50));
    expect(cache.bytes).toBe(50);
  });

  it('frees at once what a workspace whose version moved had kept', () => {
    const cache = new RenderCache(10_000);
    cache.set(answer('w1 /', 100, 1, 'w1'));
    cache.set(answer('w2 /', 100, 1, 'w2'));
    cache.dropWorkspaces(new Set(['w1']));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(100);
    expect(cache.get('w2 /', 1)).toBeDefined();
  });
});
