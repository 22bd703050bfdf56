import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressOnce, negotiateEncoding } from './compression.js';

describe('negotiateEncoding', () => {
  const both = { br: true, gzip: true };
  it.each([
    [undefined, both, null],
    ['', both, null],
    ['identity', both, null],
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip, deflate, br', { br: false, gzip: true }, 'gzip'],
    ['gzip', both, 'gzip'],
    ['x-gzip', both, 'gzip'],
    ['br;q=0, gzip', both, 'gzip'],
    ['BR;Q=0, GZIP;q=0.5', both, 'gzip'],
    ['gzip;q=0, br;q=0', both, null],
    ['*', both, 'br'],
    ['*;q=0', both, null],
    ['*, br;q=0', both, 'gzip'],
    ['gzip;q=1, br;q=0.5', both, 'gzip'],
    ['br;q=abc, gzip;q=2', both, null],
    ['br', { br: false, gzip: false }, null],
  ] as const)('%j with %j → %s', (header, available, expected) => {
    expect(negotiateEncoding(header, available)).toBe(expected);
  });
});

describe('compressOnce', () => {
  it('keeps a copy only when it is smaller, and each decompresses to the bytes', () => {
    const text = Buffer.from('La coopération décentralisée, encore et encore. '.repeat(50));
    const copies = compressOnce(text, { text: true });
    expect(gunzipSync(copies.gzip as Buffer)).toEqual(text);
    expect(brotliDecompressSync(copies.br as Buffer)).toEqual(text);
    expect(compressOnce(Buffer.from('a'))).toEqual({ gzip: null, br: null });
  });
});
