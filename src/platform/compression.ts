import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';

/** The encodings Entente sends besides the bytes as they are: what every browser accepts. */
export type Encoding = 'br' | 'gzip';

/**
 * Gzip (level 9) and Brotli (quality 11) of some bytes, each kept only when smaller. Quality 11
 * costs ~10 ms for 10 KB: for what is compressed once and kept, never per request.
 */
export function compressOnce(
  bytes: Buffer,
  options: { text?: boolean } = {},
): Record<Encoding, Buffer | null> {
  const gzip = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlibConstants.BROTLI_PARAM_MODE]: options.text
        ? zlibConstants.BROTLI_MODE_TEXT
        : zlibConstants.BROTLI_MODE_GENERIC,
    },
  });
  return {
    gzip: gzip.length < bytes.length ? gzip : null,
    br: br.length < bytes.length ? br : null,
  };
}

/**
 * The encoding to send, from an Accept-Encoding header and the variants there are: the one with
 * the highest q-value, Brotli before gzip when equal; never one given q=0 (explicitly or through
 * `*;q=0`). No header, or no acceptable variant: null, the identity bytes.
 */
export function negotiateEncoding(
  header: string | undefined,
  available: { br: unknown; gzip: unknown },
): Encoding | null {
  if (!header) return null;
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!coding) continue;
    let q = 1;
    for (const parameter of parameters) {
      const match = /^q\s*=\s*(.*)$/.exec(parameter);
      // A malformed weight is no consent: that coding is left out.
      if (match) q = /^[0-9.]+$/.test(match[1]!) ? Number(match[1]) : Number.NaN;
    }
    if (!Number.isFinite(q) || q < 0 || q > 1) continue;
    quality.set(coding === 'x-gzip' ? 'gzip' : coding, q);
  }
  const qOf = (coding: Encoding) => quality.get(coding) ?? quality.get('*') ?? 0;
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const coding of ['br', 'gzip'] as const) {
    const q = qOf(coding);
    if (available[coding] && q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}
