import { z } from 'zod';
import { messages } from '../../platform/i18n/fr.js';
import { SLUG_PATTERN } from '../../platform/slug.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.pages.errors;
export const BODY_MAX_LENGTH = 100_000;

const optionalId = z
  .string()
  .optional()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || z.uuid().safeParse(value).success, { error: text.unknownChoice });

export const pageFormSchema = z.object({
  title: z
    .string({ error: text.titleRequired })
    .trim()
    .min(1, { error: text.titleRequired, abort: true })
    .max(200, { error: text.titleTooLong(200) }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .default('')
    .refine((value) => value === '' || SLUG_PATTERN.test(value), { error: text.slugInvalid })
    .refine((value) => value.length <= 80, { error: text.slugTooLong(80) }),
  parent_id: optionalId,
  position: z
    .string()
    .trim()
    .default('0')
    .transform((value) => (value === '' ? '0' : value))
    .refine((value) => /^-?\d{1,6}$/.test(value), { error: text.positionInvalid })
    .transform(Number),
  summary: z
    .string()
    .trim()
    .max(500, { error: text.summaryTooLong(500) })
    .default(''),
  body_markdown: z
    .string()
    .default('')
    .transform((value) => value.replace(/\r\n?/g, '\n'))
    .refine((value) => value.length <= BODY_MAX_LENGTH, { error: text.bodyTooLong(BODY_MAX_LENGTH) }),
  contact_card_id: optionalId,
  version: openedVersionSchema,
});

export type PageForm = z.infer<typeof pageFormSchema>;
export const pageFields = [
  'title',
  'slug',
  'parent_id',
  'position',
  'summary',
  'body_markdown',
  'contact_card_id',
  'version',
] as const;
export type PageField = (typeof pageFields)[number];
