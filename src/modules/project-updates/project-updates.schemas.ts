import { z } from 'zod';
import { messages } from '../../platform/i18n/fr.js';
import { openedVersionSchema } from '../../platform/versions.js';
import { ALT_TEXT_MAX_LENGTH } from '../media/media.service.js';

const text = messages.projectUpdates;

export const TITLE_MAX = 200;
export const BODY_MAX = 5000;
/** The languages news may be written in: French, and the partners' (ISO 639-1). */
export const UPDATE_LANGUAGES = ['fr', 'ar', 'en', 'es', 'it', 'pt', 'de'] as const;

export const updateFields = ['language', 'title', 'body', 'version'] as const;
export const returnFields = ['comment', 'version'] as const;

export const updateFormSchema = z.object({
  language: z
    .string({ error: text.errors.languageInvalid })
    .refine((value) => (UPDATE_LANGUAGES as readonly string[]).includes(value), {
      error: text.errors.languageInvalid,
    }),
  title: z
    .string({ error: text.errors.titleRequired })
    .trim()
    .min(1, { error: text.errors.titleRequired, abort: true })
    .max(TITLE_MAX, { error: text.errors.tooLong(text.fields.title, TITLE_MAX) }),
  body: z
    .string({ error: text.errors.bodyRequired })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .refine((value) => value.length > 0, { error: text.errors.bodyRequired, abort: true })
    .refine((value) => value.length <= BODY_MAX, { error: text.errors.tooLong(text.fields.body, BODY_MAX) }),
  version: openedVersionSchema,
});
export type UpdateForm = z.output<typeof updateFormSchema>;

export const returnFormSchema = z.object({
  comment: z
    .string({ error: text.errors.commentRequired })
    .trim()
    .min(1, { error: text.errors.commentRequired, abort: true })
    .max(1000, { error: text.errors.tooLong(text.fields.comment, 1000) }),
  version: openedVersionSchema,
});
export type ReturnForm = z.output<typeof returnFormSchema>;

/** How many photos news may show: enough to tell, few enough to review. */
export const MAX_PHOTOS = 6;
export const PHOTO_CAPTION_MAX = 300;
export const photoFields = ['file', 'alt_text', 'caption'] as const;
export const photoTextFields = ['alt_text', 'caption'] as const;

/** A photo's texts; the file itself is checked by the image library (media). */
export const photoFormSchema = z.object({
  alt_text: z
    .string({ error: messages.media.errors.altTextRequired })
    .trim()
    .min(1, { error: messages.media.errors.altTextRequired, abort: true })
    .max(ALT_TEXT_MAX_LENGTH, { error: messages.media.errors.altTextTooLong(ALT_TEXT_MAX_LENGTH) }),
  caption: z
    .string()
    .trim()
    .max(PHOTO_CAPTION_MAX, { error: messages.media.errors.captionTooLong(PHOTO_CAPTION_MAX) })
    .default(''),
});
export type PhotoForm = z.output<typeof photoFormSchema>;
