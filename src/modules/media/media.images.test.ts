import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  allFileKeys,
  defaultName,
  derivativeKey,
  derivativeWidths,
  firstFreeName,
  ImageRefusal,
  inspectImage,
  processImage,
  sniffFormat,
  storageKeyFor,
} from './media.images.js';

function picture(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });
}

async function refusalOf(content: Buffer): Promise<ImageRefusal> {
  const error = await inspectImage(content).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImageRefusal);
  return error as ImageRefusal;
}

describe('sniffFormat', () => {
  it('knows JPEG, PNG, WebP and GIF by their first bytes', async () => {
    expect(sniffFormat(await picture(4, 4).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffFormat(await picture(4, 4).png().toBuffer())).toBe('png');
    expect(sniffFormat(await picture(4, 4).webp().toBuffer())).toBe('webp');
    expect(sniffFormat(await picture(4, 4).gif().toBuffer())).toBe('gif');
  });

  it('refuses SVG, text and nothing at all', async () => {
    expect(sniffFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffFormat(Buffer.from('Bonjour, ceci est un texte.'))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
  });
});

describe('inspectImage', () => {
  it('reads the format and size of an accepted image', async () => {
    expect(await inspectImage(await picture(30, 20).png().toBuffer())).toEqual({
      format: 'png',
      width: 30,
      height: 20,
    });
  });

  it('refuses an empty file, an SVG, and a text file whatever its name', async () => {
    expect((await refusalOf(Buffer.alloc(0))).problem).toBe('empty');
    expect((await refusalOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).problem).toBe(
      'notAccepted',
    );
    expect((await refusalOf(Buffer.from('pas une image'))).problem).toBe('notAccepted');
  });

  it('refuses a HEIC photo (an iPhone’s) with a problem of its own, so that its message says what to do', async () => {
    // An ISO box: size, "ftyp", the brand "heic", then compatible brands.
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
    ]);
    expect((await refusalOf(heic)).problem).toBe('heic');
  });

  it('refuses a file that starts like a JPEG but is not one', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('le reste est du texte')]);
    expect((await refusalOf(fake)).problem).toBe('unreadable');
  });

  it('refuses more than 40 megapixels, and says how many there are', async () => {
    const huge = await picture(8000, 5001).png({ compressionLevel: 1 }).toBuffer();
    const refusal = await refusalOf(huge);
    expect(refusal.problem).toBe('tooManyPixels');
    expect(refusal.megapixels).toBeCloseTo(40.008, 3);
  });
});

describe('processImage', () => {
  it('keeps every frame of an animated GIF, in the original and in its WebP copies', async () => {
    const frame = (red: number) =>
      sharp({ create: { width: 600, height: 400, channels: 3, background: { r: red, g: 100, b: 50 } } })
        .png()
        .toBuffer();
    const frames = await Promise.all([frame(10), frame(120), frame(240)]);
    const animated = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(animated, { animated: true }).metadata()).pages).toBe(3);
    const processed = await processImage(animated);
    expect((await sharp(processed.content, { animated: true }).metadata()).pages).toBe(3);
    expect((await sharp(processed.derivatives[0]!.content, { animated: true }).metadata()).pages).toBe(3);
  });

  it('takes a GIF, kept as a GIF, with its WebP copies', async () => {
    const processed = await processImage(await picture(600, 400).gif().toBuffer());
    expect(processed).toMatchObject({ format: 'gif', mimeType: 'image/gif', extension: 'gif', width: 600 });
    expect((await sharp(processed.content).metadata()).format).toBe('gif');
    expect(processed.derivatives.map((copy) => copy.width)).toEqual([480]);
  });

  it('keeps the format, drops EXIF and GPS, and turns the image upright', async () => {
    // 200 × 100 stored, with orientation 6: it is shown 100 wide and 200 high.
    const source = await picture(200, 100)
      .jpeg()
      .withMetadata({
        orientation: 6,
        exif: {
          IFD0: { Make: 'Appareil', Model: 'Test' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '44/1 45/1 17/1', GPSMapDatum: 'WGS-84' },
        },
      })
      .toBuffer();
    expect(source.includes(Buffer.from('WGS-84'))).toBe(true);
    expect((await sharp(source).metadata()).exif).toBeDefined();
    const image = await processImage(source);
    expect(image).toMatchObject({
      format: 'jpeg',
      mimeType: 'image/jpeg',
      extension: 'jpg',
      width: 100,
      height: 200,
    });
    const stored = await sharp(image.content).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect([stored.width, stored.height]).toEqual([100, 200]);
    expect(image.content.includes(Buffer.from('Appareil'))).toBe(false);
    expect(image.content.includes(Buffer.from('WGS-84'))).toBe(false);
  });

  it('drops the metadata of PNG and WebP files too', async () => {
    for (const encode of [(s: Sharp) => s.png(), (s: Sharp) => s.webp()]) {
      const source = await encode(picture(50, 40).withExif({ IFD0: { Artist: 'Quelqu’un' } })).toBuffer();
      expect((await sharp(source).metadata()).exif).toBeDefined();
      const image = await processImage(source);
      expect((await sharp(image.content).metadata()).exif).toBeUndefined();
    }
  });

  it('makes WebP copies at the widths narrower than the original, never wider', async () => {
    const image = await processImage(await picture(1000, 500).jpeg().toBuffer());
    expect(image.derivatives.map((copy) => copy.width)).toEqual([480, 960]);
    for (const copy of image.derivatives) {
      const metadata = await sharp(copy.content).metadata();
      expect(metadata.format).toBe('webp');
      expect(metadata.width).toBe(copy.width);
      expect(metadata.height).toBe(copy.width / 2);
    }
    const small = await processImage(await picture(300, 200).png().toBuffer());
    expect(small.derivatives).toEqual([]);
  });

  it('refuses a JPEG cut in the middle', async () => {
    const whole = await sharp({
      create: {
        width: 400,
        height: 400,
        channels: 3,
        background: '#000000',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg()
      .toBuffer();
    const error = await processImage(whole.subarray(0, Math.floor(whole.length / 2))).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(ImageRefusal);
    expect((error as ImageRefusal).problem).toBe('unreadable');
  });
});

describe('derivativeWidths', () => {
  it('keeps only the widths below the image width', () => {
    expect(derivativeWidths(2000)).toEqual([480, 960, 1600]);
    expect(derivativeWidths(1600)).toEqual([480, 960]);
    expect(derivativeWidths(481)).toEqual([480]);
    expect(derivativeWidths(480)).toEqual([]);
  });
});

describe('storage keys', () => {
  const workspace = '6c1f0a34-5b8e-4f5e-9a53-0c2f5d1b7e11';

  it('puts the workspace, the name and a random part in the key', () => {
    expect(storageKeyFor(workspace, 'ecole', 'jpg', 'a1b2c3d4')).toBe(`${workspace}/ecole-a1b2c3d4.jpg`);
  });

  it('names each copy after its original', () => {
    const key = `${workspace}/ecole-a1b2c3d4.jpg`;
    expect(derivativeKey(key, 960)).toBe(`${workspace}/ecole-a1b2c3d4-960.webp`);
    expect(allFileKeys(key)).toEqual([
      key,
      `${workspace}/ecole-a1b2c3d4-480.webp`,
      `${workspace}/ecole-a1b2c3d4-960.webp`,
      `${workspace}/ecole-a1b2c3d4-1600.webp`,
    ]);
  });
});

describe('names', () => {
  it('comes from the file name, else the caption, else "image"', () => {
    expect(defaultName('École de Taliouine.JPG', 'Légende')).toBe('ecole-de-taliouine');
    expect(defaultName('???.png', 'Visite à Taliouine')).toBe('visite-a-taliouine');
    expect(defaultName('', '')).toBe('image');
  });

  it('leaves room for a suffix', () => {
    expect(defaultName(`${'a'.repeat(100)}.jpg`, '').length).toBeLessThanOrEqual(72);
  });

  it('takes the first free suffix', () => {
    expect(firstFreeName('ecole', new Set())).toBe('ecole');
    expect(firstFreeName('ecole', new Set(['ecole', 'ecole-2']))).toBe('ecole-3');
  });
});
