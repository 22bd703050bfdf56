import { z } from 'zod';
import { type SiteLink, type ToolKind, toolKinds } from '../../db/schema.js';
import { contrastRatio, formatRatioFr, MIN_CONTRAST, normaliseHex } from '../../platform/colour.js';
import { messages } from '../../platform/i18n/fr.js';
import { classifyLink } from '../../platform/links.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.settings;
const EMAIL = z.email();

export const SITE_NAME_MAX = 120;
export const MISC_LABEL_MAX = 80;
export const MISC_HREF_MAX = 500;
export const PRESENTATION_MAX = 2000;
/** The text the main colour carries: the header's links and the buttons are white on it. */
export const TEXT_ON_MAIN_COLOUR = '#ffffff';
/** The form shows six label/address pairs for the miscellaneous links; empty rows are ignored. */
export const miscRows = [1, 2, 3, 4, 5, 6] as const;
type MiscRow = (typeof miscRows)[number];
export const miscLabelField = (row: MiscRow) => `misc_label_${row}` as const;
export const miscHrefField = (row: MiscRow) => `misc_href_${row}` as const;
type MiscField = ReturnType<typeof miscLabelField> | ReturnType<typeof miscHrefField>;

function trimmedText(field: keyof typeof text.lengthLabels, max: number, multiline = false) {
  return z
    .string()
    .default('')
    .transform((value) => (multiline ? value.replace(/\r\n?/g, '\n') : value).trim())
    .refine((value) => value.length <= max, { error: text.errors.tooLong(text.lengthLabels[field], max) });
}

/** An image of the library, by its id; nothing chosen is null. The service checks it is live. */
const imageChoice = z
  .string()
  .default('')
  .transform((value) => value.trim())
  .refine((value) => value === '' || z.uuid().safeParse(value).success, { error: text.errors.imageUnknown })
  .transform((value) => value || null);

/**
 * What is wrong with a main colour, in French, or null: not `#rrggbb`, or white text on it below
 * 4.5:1, with the ratio measured. The service asks again before it saves.
 */
export function mainColourProblem(value: string): string | null {
  const hex = normaliseHex(value);
  if (!hex) return text.errors.colourInvalid;
  const ratio = contrastRatio(hex, TEXT_ON_MAIN_COLOUR);
  return ratio < MIN_CONTRAST ? text.errors.colourContrast(formatRatioFr(ratio)) : null;
}

/**
 * The settings form of a site whose public address is `siteBase`: link addresses are judged
 * against it, as a browser on that site will follow them, and kept as the browser resolves them.
 */
export function buildSettingsFormSchema(siteBase: URL) {
  const miscShape: Record<MiscField, z.ZodType<string, unknown>> = {} as Record<
    MiscField,
    z.ZodType<string, unknown>
  >;
  for (const row of miscRows) {
    miscShape[miscLabelField(row)] = z
      .string()
      .default('')
      .transform((value) => value.trim())
      .refine((value) => value.length <= MISC_LABEL_MAX, {
        error: text.errors.linkLabelTooLong(row, MISC_LABEL_MAX),
      });
    miscShape[miscHrefField(row)] = z
      .string()
      .default('')
      .transform((value) => value.trim())
      .refine((value) => value.length <= MISC_HREF_MAX, {
        error: text.errors.linkHrefTooLong(row, MISC_HREF_MAX),
      })
      .refine(
        (value) => value === '' || value.length > MISC_HREF_MAX || classifyLink(value, siteBase) !== null,
        {
          error: text.errors.linkHrefInvalid(row),
        },
      )
      .transform((value) => (value === '' ? value : (classifyLink(value, siteBase)?.href ?? value)));
  }

  return z
    .object({
      site_name: z
        .string({ error: text.errors.siteNameRequired })
        .trim()
        // No `abort`: the rows' pairing check below must still run when the name is missing.
        .min(1, { error: text.errors.siteNameRequired })
        .max(SITE_NAME_MAX, { error: text.errors.tooLong(text.lengthLabels.site_name, SITE_NAME_MAX) }),
      // One checkbox ticked arrives as a string, several as an array, none as nothing.
      tools: z
        .union([z.string(), z.array(z.string())], { error: text.errors.toolUnknown })
        .optional()
        .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
        .refine((values) => values.every((value) => (toolKinds as readonly string[]).includes(value)), {
          error: text.errors.toolUnknown,
        })
        // Always the fixed order of the menu, whatever order the browser sent.
        .transform((values): ToolKind[] => toolKinds.filter((tool) => values.includes(tool))),
      ...miscShape,
      logo_media_id: imageChoice,
      main_colour: z
        .string()
        .default('')
        .transform((value) => value.trim())
        .superRefine((value, ctx) => {
          const problem = value === '' ? null : mainColourProblem(value);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .transform((value) => (value === '' ? null : normaliseHex(value))),
      banner_media_id: imageChoice,
      presentation: trimmedText('presentation', PRESENTATION_MAX, true),
      publisher_name: trimmedText('publisher_name', 200),
      publisher_address: trimmedText('publisher_address', 500, true),
      publication_director: trimmedText('publication_director', 200),
      hosting_provider: trimmedText('hosting_provider', 500, true),
      contact_email: trimmedText('contact_email', 254).refine(
        (value) => value === '' || EMAIL.safeParse(value).success,
        { error: text.errors.emailInvalid },
      ),
      version: openedVersionSchema,
    })
    .superRefine((form, ctx) => {
      const values = form as unknown as Record<MiscField, string>;
      for (const row of miscRows) {
        const label = values[miscLabelField(row)];
        const href = values[miscHrefField(row)];
        if (label && !href)
          ctx.addIssue({
            code: 'custom',
            path: [miscHrefField(row)],
            message: text.errors.linkHrefMissing(row),
          });
        if (href && !label)
          ctx.addIssue({
            code: 'custom',
            path: [miscLabelField(row)],
            message: text.errors.linkLabelMissing(row),
          });
      }
    })
    .transform((form) => {
      const values = form as unknown as Record<MiscField, string>;
      const misc_links: SiteLink[] = miscRows
        .map((row) => ({ label: values[miscLabelField(row)], href: values[miscHrefField(row)] }))
        .filter((link) => link.label && link.href);
      return {
        site_name: form.site_name,
        tools: form.tools,
        misc_links,
        logo_media_id: form.logo_media_id,
        main_colour: form.main_colour,
        banner_media_id: form.banner_media_id,
        presentation: form.presentation,
        publisher_name: form.publisher_name,
        publisher_address: form.publisher_address,
        publication_director: form.publication_director,
        hosting_provider: form.hosting_provider,
        contact_email: form.contact_email,
        version: form.version,
      };
    });
}

export type SettingsForm = z.infer<ReturnType<typeof buildSettingsFormSchema>>;

/** The authority's identity, shown after the site name. */
const identityFields = ['logo_media_id', 'main_colour', 'banner_media_id', 'presentation'] as const;

/** The text fields of the form, in the order they appear on the page (tools sit after the identity). */
export const settingsTextFields = [
  'site_name',
  ...identityFields,
  ...miscRows.flatMap((row) => [miscLabelField(row), miscHrefField(row)]),
  'publisher_name',
  'publisher_address',
  'publication_director',
  'hosting_provider',
  'contact_email',
  'version',
] as const satisfies readonly string[];
export type SettingsTextField = (typeof settingsTextFields)[number];

export const settingsFields = [
  'site_name',
  ...identityFields,
  'tools',
  ...settingsTextFields.slice(1 + identityFields.length),
] as const satisfies readonly string[];
export type SettingsField = (typeof settingsFields)[number];
