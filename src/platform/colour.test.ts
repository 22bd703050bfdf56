import { describe, expect, it } from 'vitest';
import { contrastRatio, darkerShade, formatRatioFr, MIN_CONTRAST, normaliseHex } from './colour.js';

const WHITE = '#ffffff';

describe('contrastRatio', () => {
  it('measures the WCAG 2 ratio against white', () => {
    // 8.66:1, as WebAIM's checker gives it (the brief's « ≈ 8.9 » was a rough figure).
    expect(contrastRatio('#1f4e79', WHITE)).toBeCloseTo(8.66, 2);
    expect(contrastRatio('#000000', WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
  });

  it('puts the 4.5:1 line between #777777 and #767676', () => {
    expect(contrastRatio('#777777', WHITE)).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#777777', WHITE)).toBeLessThan(MIN_CONTRAST);
    expect(contrastRatio('#767676', WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#767676', WHITE)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('does not depend on the order of the colours', () => {
    expect(contrastRatio(WHITE, '#c8734a')).toBe(contrastRatio('#c8734a', WHITE));
  });
});

describe('formatRatioFr', () => {
  it('writes a French decimal comma and never rounds a refused ratio up to the minimum', () => {
    expect(formatRatioFr(contrastRatio('#777777', WHITE))).toBe('4,47');
    expect(formatRatioFr(3.2)).toBe('3,2');
    expect(formatRatioFr(21)).toBe('21');
  });
});

describe('darkerShade', () => {
  it('is darker and still contrasts with white, for every accepted colour tried', () => {
    expect(darkerShade('#1f4e79')).toBe('#153552');
    for (const hex of ['#767676', '#1f4e79', '#00703c', '#b00020', '#000000', '#5a3e8c']) {
      const shade = darkerShade(hex);
      expect(normaliseHex(shade), hex).toBe(shade);
      expect(contrastRatio(shade, WHITE), hex).toBeGreaterThanOrEqual(contrastRatio(hex, WHITE));
      expect(contrastRatio(shade, WHITE), hex).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });
});

describe('normaliseHex', () => {
  it('accepts #rrggbb in either case and refuses anything else', () => {
    expect(normaliseHex(' #1F4E79 ')).toBe('#1f4e79');
    for (const bad of ['1f4e79', '#fff', '#1f4e7', '#1f4e79ff', 'red', '#gggggg', '']) {
      expect(normaliseHex(bad), bad).toBeNull();
    }
  });
});
