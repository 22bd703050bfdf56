import { z } from 'zod';
import { type OrganisationKind, organisationKinds } from '../../db/schema.js';
import { messages } from '../../platform/i18n/fr.js';
import { isActiveCode } from '../../platform/iati/codelists.js';
import { normalisePhone } from '../../platform/phone.js';
import { openedVersionSchema } from '../../platform/versions.js';
import { countryName } from '../gazetteer/gazetteer.service.js';

const text = messages.organisations;
const EMAIL = z.email();

export const NAME_MAX = 200;
/** Contact rows the form offers: those saved, then empty ones to fill, this many in all at most. */
export const CONTACT_ROWS_MAX = 12;
export const EMPTY_CONTACT_ROWS = 2;

/** Kinds that only a French authority can be: its country is France. */
export const FRENCH_KINDS: readonly OrganisationKind[] = [
  'commune',
  'epci',
  'departement',
  'region',
  'syndicat',
];

export const contactFieldsOf = (row: number): [string, string, string, string] => [
  `contact_name_${row}`,
  `contact_role_${row}`,
  `contact_email_${row}`,
  `contact_phone_${row}`,
];

const contactFieldNames = Array.from({ length: CONTACT_ROWS_MAX }, (_, row) => contactFieldsOf(row)).flat();

export const organisationFields = [
  'name',
  'kind',
  'country_code',
  'siren',
  'insee_code',
  'geonames_id',
  'iati_ref',
  'iati_type',
  'address',
  'latitude',
  'longitude',
  'population',
  'website',
  'languages',
  ...contactFieldNames,
  'version',
] as const;
export type OrganisationField = (typeof organisationFields)[number];

/** A SIREN carries a Luhn check digit: a typing slip is caught here rather than in a declaration. */
export function isValidSiren(siren: string): boolean {
  if (!/^[0-9]{9}$/.test(siren)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) {
    let digit = Number(siren[8 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * An IATI organisation identifier is a registration agency's code from the IATI list, a hyphen,
 * and the organisation's number with that agency: `FR-RCS-240500462`, `XM-DAC-41114`.
 */
export function isValidIatiRef(ref: string): boolean {
  if (!/^[A-Za-z0-9]+(-[A-Za-z0-9._]+)+$/.test(ref)) return false;
  const parts = ref.split('-');
  for (let length = parts.length - 1; length >= 1; length -= 1) {
    if (isActiveCode('OrganisationRegistrationAgency', parts.slice(0, length).join('-'))) return true;
  }
  return false;
}

const languageNames = new Intl.DisplayNames(['fr'], { type: 'language', fallback: 'none' });

/** « fr, ar » → ['fr', 'ar']; null when one is no ISO 639-1 code. */
export function parseLanguages(typed: string): string[] | null {
  const codes = typed
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (codes.some((code) => !/^[a-z]{2}$/.test(code) || !languageNames.of(code))) return null;
  return [...new Set(codes)];
}

/** A decimal number typed the French way (« 44,78 ») or not; null when it is not one. */
function parseDecimal(typed: string): number | null {
  const normal = typed.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : null;
}

const trimmed = (max: number, label: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.trim())
    .refine((value) => value.length <= max, { error: text.errors.tooLong(label, max) });

const contactRowSchema = (row: number) => {
  const [name, role, email, phone] = contactFieldsOf(row);
  return {
    [name]: trimmed(120, text.fields.contactName),
    [role]: trimmed(120, text.fields.contactRole),
    [email]: trimmed(254, text.fields.contactEmail).refine(
      (value) => value === '' || EMAIL.safeParse(value).success,
      { error: text.errors.emailInvalid },
    ),
    [phone]: trimmed(30, text.fields.contactPhone)
      .refine((value) => value === '' || normalisePhone(value) !== null, { error: text.errors.phoneInvalid })
      .transform((value) => (value === '' ? '' : (normalisePhone(value) ?? value))),
  };
};

type ContactFieldName = `contact_${'name' | 'role' | 'email' | 'phone'}_${number}`;
const contactShape = Object.assign(
  {},
  ...Array.from({ length: CONTACT_ROWS_MAX }, (_, row) => contactRowSchema(row)),
) as Record<ContactFieldName, z.ZodType<string, string | undefined>>;

export interface ContactInput {
  name: string;
  role: string;
  email: string;
  phone: string;
}

export const organisationFormSchema = z
  .object({
    name: z
      .string({ error: text.errors.nameRequired })
      .trim()
      .min(1, { error: text.errors.nameRequired, abort: true })
      .max(NAME_MAX, { error: text.errors.tooLong(text.fields.name, NAME_MAX) }),
    kind: z.enum(organisationKinds, { error: text.errors.kindRequired }),
    country_code: z
      .string({ error: text.errors.countryRequired })
      .trim()
      .toUpperCase()
      .refine((code) => code === 'FR' || countryName(code) !== null, { error: text.errors.countryRequired }),
    siren: trimmed(20, text.fields.siren)
      .transform((value) => value.replace(/\s/g, ''))
      .refine((value) => value === '' || isValidSiren(value), { error: text.errors.sirenInvalid }),
    insee_code: trimmed(5, text.fields.insee_code)
      .transform((value) => value.toUpperCase())
      .refine((value) => value === '' || /^[0-9][0-9AB][0-9]{0,3}$/.test(value), {
        error: text.errors.inseeInvalid,
      }),
    geonames_id: trimmed(12, text.fields.geonames_id).refine(
      (value) => value === '' || /^[1-9][0-9]{0,9}$/.test(value),
      {
        error: text.errors.geonamesInvalid,
      },
    ),
    iati_ref: trimmed(100, text.fields.iati_ref).refine((value) => value === '' || isValidIatiRef(value), {
      error: text.errors.iatiRefInvalid,
    }),
    iati_type: trimmed(2, text.fields.iati_type).refine(
      (value) => value === '' || isActiveCode('OrganisationType', value),
      { error: text.errors.iatiTypeInvalid },
    ),
    address: z
      .string()
      .default('')
      .transform((value) => value.replace(/\r\n?/g, '\n').trim())
      .refine((value) => value.length <= 500, { error: text.errors.tooLong(text.fields.address, 500) }),
    latitude: trimmed(20, text.fields.latitude).refine(
      (value) => {
        if (value === '') return true;
        const number = parseDecimal(value);
        return number !== null && number >= -90 && number <= 90;
      },
      { error: text.errors.latitudeInvalid },
    ),
    longitude: trimmed(20, text.fields.longitude).refine(
      (value) => {
        if (value === '') return true;
        const number = parseDecimal(value);
        return number !== null && number >= -180 && number <= 180;
      },
      { error: text.errors.longitudeInvalid },
    ),
    population: trimmed(20, text.fields.population)
      .transform((value) => value.replace(/\s/g, ''))
      .refine((value) => value === '' || /^[0-9]{1,9}$/.test(value), {
        error: text.errors.populationInvalid,
      }),
    website: trimmed(500, text.fields.website).refine(
      (value) => {
        if (value === '') return true;
        try {
          const url = new URL(value);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
        } catch {
          return false;
        }
      },
      { error: text.errors.websiteInvalid },
    ),
    languages: trimmed(100, text.fields.languages).refine((value) => parseLanguages(value) !== null, {
      error: text.errors.languagesInvalid,
    }),
    ...contactShape,
    version: openedVersionSchema,
  })
  .superRefine((form, context) => {
    const french = FRENCH_KINDS.includes(form.kind);
    if (french && form.country_code !== 'FR')
      context.addIssue({ code: 'custom', path: ['country_code'], message: text.errors.frenchKindAbroad });
    if (form.kind === 'foreign_local_authority' && form.country_code === 'FR')
      context.addIssue({ code: 'custom', path: ['country_code'], message: text.errors.foreignKindInFrance });
    if (form.siren !== '' && form.country_code !== 'FR')
      context.addIssue({ code: 'custom', path: ['siren'], message: text.errors.sirenAbroad });
    if ((form.latitude === '') !== (form.longitude === ''))
      context.addIssue({
        code: 'custom',
        path: [form.latitude === '' ? 'latitude' : 'longitude'],
        message: text.errors.positionHalf,
      });
    const record = form as unknown as Record<string, string>;
    for (let row = 0; row < CONTACT_ROWS_MAX; row += 1) {
      const [name, role, email, phone] = contactFieldsOf(row);
      if (!record[name] && (record[role] || record[email] || record[phone]))
        context.addIssue({ code: 'custom', path: [name], message: text.errors.contactNameRequired });
    }
  })
  .transform((form) => {
    const record = form as unknown as Record<string, string>;
    const contacts: ContactInput[] = [];
    for (let row = 0; row < CONTACT_ROWS_MAX; row += 1) {
      const [name, role, email, phone] = contactFieldsOf(row);
      if (record[name])
        contacts.push({
          name: record[name] ?? '',
          role: record[role] ?? '',
          email: record[email] ?? '',
          phone: record[phone] ?? '',
        });
    }
    return {
      name: form.name,
      kind: form.kind,
      country_code: form.country_code,
      siren: form.siren || null,
      insee_code: form.insee_code || null,
      geonames_id: form.geonames_id ? Number(form.geonames_id) : null,
      iati_ref: form.iati_ref,
      iati_type: form.iati_type,
      address: form.address,
      latitude: form.latitude ? parseDecimal(form.latitude) : null,
      longitude: form.longitude ? parseDecimal(form.longitude) : null,
      population: form.population ? Number(form.population) : null,
      website: form.website || null,
      languages: parseLanguages(form.languages) ?? [],
      contacts,
      version: form.version,
    };
  });

export type OrganisationForm = z.output<typeof organisationFormSchema>;

/** The IATI OrganisationType an organisation of each kind usually has: the form's first choice. */
export const DEFAULT_IATI_TYPE: Record<OrganisationKind, string> = {
  commune: '11',
  epci: '11',
  departement: '11',
  region: '11',
  syndicat: '11',
  foreign_local_authority: '11',
  foreign_state: '10',
  ngo: '22',
  school: '80',
  university: '80',
  funder: '60',
  international_organisation: '40',
  company: '70',
  other: '90',
};
