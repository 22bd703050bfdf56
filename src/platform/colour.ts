import { formatNumberFr } from './typography.js';

/**
 * Colours of a site's identity: `#rrggbb` in lower case, the WCAG 2 contrast ratio between two of
 * them, and a darker shade for hover and visited states. Pure functions, no I/O.
 */

/** The smallest contrast WCAG 2 (AA, 1.4.3) asks of normal text: white text on the main colour. */
export const MIN_CONTRAST = 4.5;

const HEX = /^#[0-9a-f]{6}$/;

/** `#RRGGBB` or `#rrggbb`, spaces around it allowed; anything else is not a colour. */
export function normaliseHex(value: string): string | null {
  const hex = value.trim().toLowerCase();
  return HEX.test(hex) ? hex : null;
}

function channels(hex: string): [number, number, number] {
  const valid = normaliseHex(hex);
  if (!valid) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [1, 3, 5].map((start) => Number.parseInt(valid.slice(start, start + 2), 16)) as [
    number,
    number,
    number,
  ];
}

/** Relative luminance, as WCAG 2 defines it (sRGB, 0 for black, 1 for white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black and white). */
export function contrastRatio(hexA: string, hexB: string): number {
  const [lighter, darker] = [relativeLuminance(hexA), relativeLuminance(hexB)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * A ratio as a French reader reads it, rounded down so that a refused colour never shows the
 * minimum itself (4.48 is "4,48", never "4,5"): "8,91", "3,2".
 */
export function formatRatioFr(ratio: number): string {
  return formatNumberFr(Math.floor(ratio * 100) / 100, { maximumFractionDigits: 2 });
}

/**
 * The same colour, darker: each channel scaled by `factor`. Scaling down lowers the luminance, so
 * the shade contrasts with white at least as well as the colour itself.
 */
export function darkerShade(hex: string, factor = 0.68): string {
  return `#${channels(hex)
    .map((channel) =>
      Math.round(channel * factor)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
