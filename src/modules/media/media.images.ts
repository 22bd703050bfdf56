import type { Metadata } from 'sharp';
import { slugify } from '../../platform/slug.js';

/**
 * What an uploaded image becomes: the original re-encoded in its own format (turned upright,
 * every metadata block — EXIF, GPS, XMP, IPTC, comments — left behind), and WebP copies at a
 * few widths for lighter pages. No function here touches the database or the disk.
 */

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_MEGABYTES = 10;
export const MAX_MEGAPIXELS = 40;
const MAX_PIXELS = MAX_MEGAPIXELS * 1_000_000;
/** WebP copies, never wider than the original (no upscaling). */
export const DERIVATIVE_WIDTHS = [480, 960, 1600] as const;

export const acceptedFormats = {
  jpeg: { mimeType: 'image/jpeg', extension: 'jpg' },
  png: { mimeType: 'image/png', extension: 'png' },
  webp: { mimeType: 'image/webp', extension: 'webp' },
  gif: { mimeType: 'image/gif', extension: 'gif' },
} as const;
export type AcceptedFormat = keyof typeof acceptedFormats;

export type ImageProblem = 'empty' | 'notAccepted' | 'heic' | 'unreadable' | 'tooManyPixels';

export class ImageRefusal extends Error {
  constructor(
    readonly problem: ImageProblem,
    /** For `tooManyPixels`: the size of the image, in megapixels. */
    readonly megapixels = 0,
  ) {
    super(problem);
  }
}

/**
 * The format the first bytes announce. Only these four signatures reach the image decoder:
 * an SVG, a PDF or a text file is refused before libvips parses anything.
 */
export function sniffFormat(content: Buffer): AcceptedFormat | null {
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (
    content.length >= 12 &&
    content.subarray(0, 4).toString('latin1') === 'RIFF' &&
    content.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  const head = content.subarray(0, 6).toString('latin1');
  if (head === 'GIF87a' || head === 'GIF89a') return 'gif';
  return null;
}

/** HEIC/HEIF, the photos of iPhones: an ISO box `ftyp` naming a HEIF brand. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

export function isHeif(content: Buffer): boolean {
  return (
    content.length >= 12 &&
    content.subarray(4, 8).toString('latin1') === 'ftyp' &&
    HEIF_BRANDS.has(content.subarray(8, 12).toString('latin1'))
  );
}

export interface InspectedImage {
  format: AcceptedFormat;
  width: number;
  height: number;
}

const decoderOptions = { limitInputPixels: MAX_PIXELS, failOn: 'warning' } as const;

/** sharp (a native library) loads with the first image, not with every start of the server. */
async function loadSharp() {
  return (await import('sharp')).default;
}

/** Reads the header: the format comes from the bytes (signature, then the decoder's own reading). */
export async function inspectImage(content: Buffer): Promise<InspectedImage> {
  if (content.length === 0) throw new ImageRefusal('empty');
  const sniffed = sniffFormat(content);
  if (!sniffed) throw new ImageRefusal(isHeif(content) ? 'heic' : 'notAccepted');
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    metadata = await sharp(content, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefusal('unreadable');
  }
  if (metadata.format !== sniffed || !metadata.width || !metadata.height)
    throw new ImageRefusal('unreadable');
  const pixels = metadata.width * metadata.height;
  if (pixels > MAX_PIXELS) throw new ImageRefusal('tooManyPixels', pixels / 1_000_000);
  return { format: sniffed, width: metadata.width, height: metadata.height };
}

/** The widths of the WebP copies of an image this wide: only those narrower than it. */
export function derivativeWidths(width: number): number[] {
  return DERIVATIVE_WIDTHS.filter((candidate) => candidate < width);
}

export interface ProcessedImage {
  format: AcceptedFormat;
  mimeType: string;
  extension: string;
  /** The original, upright and without metadata. */
  content: Buffer;
  width: number;
  height: number;
  derivatives: Array<{ width: number; content: Buffer }>;
}

/** Re-encodes an inspected image and makes its WebP copies. */
export async function processImage(content: Buffer): Promise<ProcessedImage> {
  const { format } = await inspectImage(content);
  const sharp = await loadSharp();
  try {
    // rotate() with no angle applies the EXIF orientation, so dropping the EXIF keeps the image upright.
    // An animated GIF keeps its frames, in the original and in its WebP copies.
    const frames = format === 'gif' ? { animated: true } : {};
    const upright = () => sharp(content, { ...decoderOptions, ...frames }).rotate();
    const encoded =
      format === 'jpeg'
        ? upright().jpeg({ quality: 85 })
        : format === 'png'
          ? upright().png()
          : format === 'gif'
            ? upright().gif()
            : upright().webp({ quality: 85 });
    const original = await encoded.toBuffer({ resolveWithObject: true });
    const derivatives = [];
    for (const width of derivativeWidths(original.info.width)) {
      const copy = await upright()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      derivatives.push({ width, content: copy });
    }
    return {
      format,
      ...acceptedFormats[format],
      content: original.data,
      width: original.info.width,
      height: original.info.height,
      derivatives,
    };
  } catch {
    // A header that reads but pixels that do not: a truncated or damaged file.
    throw new ImageRefusal('unreadable');
  }
}

/** `<workspace>/<name>-<random>.<ext>`: a name of its own, so a trashed image never holds a new one's key. */
export function storageKeyFor(workspaceId: string, name: string, extension: string, random: string): string {
  return `${workspaceId}/${name}-${random}.${extension}`;
}

/** `<workspace>/<name>-<random>-960.webp` for the 960 pixels wide copy of `<…>.jpg`. */
export function derivativeKey(storageKey: string, width: number): string {
  return `${storageKey.replace(/\.[a-z0-9]+$/, '')}-${width}.webp`;
}

/** Every file an image may have on disk: the original and each possible copy. */
export function allFileKeys(storageKey: string): string[] {
  return [storageKey, ...DERIVATIVE_WIDTHS.map((width) => derivativeKey(storageKey, width))];
}

/** A name and a free suffix stay within the 80 characters of a name. */
const NAME_BASE_MAX = 72;

/** The name an image gets when none is typed: from its file name, else its caption, else "image". */
export function defaultName(fileName: string, caption: string): string {
  const base = slugify(fileName.replace(/\.[^.]*$/, ''))
    .slice(0, NAME_BASE_MAX)
    .replace(/-+$/, '');
  if (base) return base;
  return slugify(caption).slice(0, NAME_BASE_MAX).replace(/-+$/, '') || 'image';
}

/** `photo`, then `photo-2`, `photo-3`…: the first that no live image holds. */
export function firstFreeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
