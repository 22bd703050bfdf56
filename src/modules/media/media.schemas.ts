import { z } from 'zod';
import { messages } from '../../platform/i18n/fr.js';
import { SLUG_PATTERN } from '../../platform/slug.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.media.errors;

export const NAME_MAX_LENGTH = 80;
export const ALT_TEXT_MAX_LENGTH = 250;
export const CAPTION_MAX_LENGTH = 300;
export const CREDIT_MAX_LENGTH = 150;
export const LICENCE_MAX_LENGTH = 150;

const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, { error: message }).default('');

/** What both forms hold besides the file: the name (empty means "keep" or "make one") and the texts. */
export const mediaFormSchema = z.object({
  name: z
    .string()
    .trim()
    .toLowerCase()
    .default('')
    .refine((value) => value === '' || SLUG_PATTERN.test(value), { error: text.nameInvalid })
    .refine((value) => value.length <= NAME_MAX_LENGTH, { error: text.nameTooLong(NAME_MAX_LENGTH) }),
  alt_text: z
    .string({ error: text.altTextRequired })
    .trim()
    .min(1, { error: text.altTextRequired, abort: true })
    .max(ALT_TEXT_MAX_LENGTH, { error: text.altTextTooLong(ALT_TEXT_MAX_LENGTH) }),
  caption: optionalText(CAPTION_MAX_LENGTH, text.captionTooLong(CAPTION_MAX_LENGTH)),
  credit: optionalText(CREDIT_MAX_LENGTH, text.creditTooLong(CREDIT_MAX_LENGTH)),
  licence: optionalText(LICENCE_MAX_LENGTH, text.licenceTooLong(LICENCE_MAX_LENGTH)),
  /** Read on the edit form only: a new image has no version yet. */
  version: openedVersionSchema,
});

export type MediaForm = z.infer<typeof mediaFormSchema>;

/** The fields of the forms, in the order they appear on the page (the file comes first). */
export const mediaFields = ['file', 'name', 'alt_text', 'caption', 'credit', 'licence', 'version'] as const;
export type MediaField = (typeof mediaFields)[number];
export const mediaTextFields = ['name', 'alt_text', 'caption', 'credit', 'licence', 'version'] as const;
export type MediaTextField = (typeof mediaTextFields)[number];

export type { UploadedFile } from '../../platform/uploads.js';
