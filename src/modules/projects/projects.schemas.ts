import { z } from 'zod';
import {
  type EapdCategory,
  eapdCategories,
  type PolicyMarkerField,
  type ProjectKind,
  policyMarkers,
  projectKinds,
} from '../../db/schema.js';
import { optionalDate } from '../../platform/dates.js';
import { filledRows, rowField, rowFieldNames, rowShape } from '../../platform/form-rows.js';
import { messages } from '../../platform/i18n/fr.js';
import { isActiveCode } from '../../platform/iati/codelists.js';
import { isCurrency, parseAmount } from '../../platform/money.js';
import { openedVersionSchema } from '../../platform/versions.js';
import { budgetPeriodTooLong, percentagesAddUpTo100, readPercentage } from './project-rules.js';

const text = messages.projects;

export const TITLE_MAX = 200;
export const SDG_GOALS = Array.from({ length: 17 }, (_, index) => String(index + 1));
/** The languages a partner writes in, offered in the form (ISO 639-1). */
export const PARTNER_LANGUAGES = ['ar', 'en', 'es', 'it', 'pt', 'de', 'ro', 'pl', 'tr', 'mg', 'vi'] as const;

export const ROWS = {
  sector: { names: ['sector', 'sector_percentage'] as const, max: 8 },
  country: { names: ['country', 'country_percentage'] as const, max: 5 },
  participant: { names: ['participant', 'participant_role'] as const, max: 8 },
  location: { names: ['location'] as const, max: 6 },
  budget: {
    names: ['budget_kind', 'budget_start', 'budget_end', 'budget_amount', 'budget_currency'] as const,
    max: 10,
    significant: ['budget_start', 'budget_end', 'budget_amount'] as const,
  },
};

export const MARKER_FIELDS = Object.keys(policyMarkers) as PolicyMarkerField[];
const sdgField = (goal: string) => `sdg_${goal}`;

export const projectFields: string[] = [
  'title',
  'partnership_id',
  'convention_id',
  'kind',
  'status',
  'eapd_category',
  'description',
  'partner_language',
  'title_partner',
  'description_partner',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  ...rowFieldNames(ROWS.sector.names, ROWS.sector.max),
  ...rowFieldNames(ROWS.country.names, ROWS.country.max),
  ...rowFieldNames(ROWS.participant.names, ROWS.participant.max),
  ...rowFieldNames(ROWS.location.names, ROWS.location.max),
  ...MARKER_FIELDS,
  ...SDG_GOALS.map(sdgField),
  ...rowFieldNames(ROWS.budget.names, ROWS.budget.max),
  'version',
];

const longText = (max: number, label: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .refine((value) => value.length <= max, { error: text.errors.tooLong(label, max) });

const marker = z
  .string()
  .default('')
  .refine((value) => ['', '0', '1', '2'].includes(value), { error: text.errors.markerInvalid })
  .transform((value) => (value === '' ? null : Number(value)));

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on');

export interface ProjectRows {
  sectors: Array<{ code: string; percentage: number }>;
  countries: Array<{ country: string; percentage: number }>;
  participants: Array<{ organisation_id: string; role: number }>;
  locations: Array<{ organisation_id: string }>;
  budgets: Array<{
    kind: number;
    period_start: string;
    period_end: string;
    amount_minor: number;
    currency: string;
  }>;
}

const formatPercent = (value: number) => value.toLocaleString('fr-FR', { maximumFractionDigits: 2 });

/** Reads and checks the repeated rows; every refusal lands beside its own field. */
function readRows(
  record: Record<string, unknown>,
  issue: (path: string, message: string) => void,
): ProjectRows {
  const rows: ProjectRows = { sectors: [], countries: [], participants: [], locations: [], budgets: [] };

  const seenSectors = new Set<string>();
  const sectorRows = filledRows(record, ROWS.sector.names, ROWS.sector.max);
  for (const { row, values } of sectorRows) {
    const percentage = readPercentage(values.sector_percentage);
    if (!values.sector) issue(rowField('sector', row), text.errors.rowWithoutCode);
    else if (!/^\d{5}$/.test(values.sector) || !isActiveCode('Sector', values.sector))
      issue(rowField('sector', row), text.errors.sectorUnknown);
    else if (seenSectors.has(values.sector)) issue(rowField('sector', row), text.errors.sectorTwice);
    if (!values.sector_percentage) issue(rowField('sector_percentage', row), text.errors.percentageMissing);
    else if (percentage === null) issue(rowField('sector_percentage', row), text.errors.percentageInvalid);
    seenSectors.add(values.sector);
    if (values.sector && percentage !== null) rows.sectors.push({ code: values.sector, percentage });
  }
  if (
    rows.sectors.length === sectorRows.length &&
    !percentagesAddUpTo100(rows.sectors.map((s) => s.percentage))
  )
    issue(
      rowField('sector_percentage', sectorRows[0]?.row ?? 0),
      text.errors.sectorsTotal(formatPercent(rows.sectors.reduce((sum, s) => sum + s.percentage, 0))),
    );

  const seenCountries = new Set<string>();
  const countryRows = filledRows(record, ROWS.country.names, ROWS.country.max);
  for (const { row, values } of countryRows) {
    const percentage = readPercentage(values.country_percentage);
    if (!values.country) issue(rowField('country', row), text.errors.rowWithoutCode);
    else if (!/^[A-Z]{2}$/.test(values.country) || !isActiveCode('Country', values.country))
      issue(rowField('country', row), text.errors.countryUnknown);
    else if (seenCountries.has(values.country)) issue(rowField('country', row), text.errors.countryTwice);
    if (!values.country_percentage) issue(rowField('country_percentage', row), text.errors.percentageMissing);
    else if (percentage === null) issue(rowField('country_percentage', row), text.errors.percentageInvalid);
    seenCountries.add(values.country);
    if (values.country && percentage !== null) rows.countries.push({ country: values.country, percentage });
  }
  if (
    rows.countries.length === countryRows.length &&
    !percentagesAddUpTo100(rows.countries.map((c) => c.percentage))
  )
    issue(
      rowField('country_percentage', countryRows[0]?.row ?? 0),
      text.errors.countriesTotal(formatPercent(rows.countries.reduce((sum, c) => sum + c.percentage, 0))),
    );

  const seenParticipants = new Set<string>();
  for (const { row, values } of filledRows(record, ROWS.participant.names, ROWS.participant.max)) {
    const role = Number(values.participant_role);
    if (!z.uuid().safeParse(values.participant).success)
      issue(rowField('participant', row), text.errors.organisationUnknown);
    else if (![1, 2, 3, 4].includes(role)) issue(rowField('participant_role', row), text.errors.roleRequired);
    else if (seenParticipants.has(`${values.participant}:${role}`))
      issue(rowField('participant', row), text.errors.participantTwice);
    else {
      seenParticipants.add(`${values.participant}:${role}`);
      rows.participants.push({ organisation_id: values.participant, role });
    }
  }

  for (const { row, values } of filledRows(record, ROWS.location.names, ROWS.location.max)) {
    if (!z.uuid().safeParse(values.location).success)
      issue(rowField('location', row), text.errors.organisationUnknown);
    else if (rows.locations.some((l) => l.organisation_id === values.location))
      issue(rowField('location', row), text.errors.locationTwice);
    else rows.locations.push({ organisation_id: values.location });
  }

  for (const { row, values } of filledRows(
    record,
    ROWS.budget.names,
    ROWS.budget.max,
    ROWS.budget.significant,
  )) {
    const field = (name: string) => rowField(name, row);
    const start = optionalDate(text.errors.dateInvalid).safeParse(values.budget_start);
    const end = optionalDate(text.errors.dateInvalid).safeParse(values.budget_end);
    const currency = values.budget_currency.toUpperCase() || 'EUR';
    const amount = values.budget_amount === '' ? null : parseAmount(values.budget_amount, currency);
    if (!isCurrency(currency)) issue(field('budget_currency'), text.errors.currencyInvalid);
    if (!start.success) issue(field('budget_start'), text.errors.dateInvalid);
    else if (!start.data) issue(field('budget_start'), text.errors.budgetIncomplete);
    if (!end.success) issue(field('budget_end'), text.errors.dateInvalid);
    else if (!end.data) issue(field('budget_end'), text.errors.budgetIncomplete);
    else if (start.success && start.data && end.data < start.data)
      issue(field('budget_end'), text.errors.budgetEndBeforeStart);
    else if (start.success && start.data && budgetPeriodTooLong(start.data, end.data))
      issue(field('budget_end'), text.errors.budgetTooLong);
    if (values.budget_amount === '') issue(field('budget_amount'), text.errors.budgetIncomplete);
    else if (amount === null) issue(field('budget_amount'), text.errors.amountInvalid);
    if (start.success && start.data && end.success && end.data && amount !== null && isCurrency(currency))
      rows.budgets.push({
        kind: values.budget_kind === '2' ? 2 : 1,
        period_start: start.data,
        period_end: end.data,
        amount_minor: amount,
        currency,
      });
  }
  return rows;
}

export const projectFormSchema = z
  .object({
    title: z
      .string({ error: text.errors.titleRequired })
      .trim()
      .min(1, { error: text.errors.titleRequired, abort: true })
      .max(TITLE_MAX, { error: text.errors.tooLong(text.fields.title, TITLE_MAX) }),
    partnership_id: z
      .string({ error: text.errors.partnershipRequired })
      .trim()
      .refine((value) => z.uuid().safeParse(value).success, { error: text.errors.partnershipRequired }),
    convention_id: z
      .string()
      .default('')
      .transform((value) => value.trim())
      .refine((value) => value === '' || z.uuid().safeParse(value).success, {
        error: text.errors.conventionNotOfPartnership,
      })
      .transform((value) => value || null),
    kind: z.enum(projectKinds, { error: text.errors.kindRequired }),
    status: z
      .string({ error: text.errors.statusRequired })
      .refine((value) => /^[1-6]$/.test(value), { error: text.errors.statusRequired })
      .transform(Number),
    eapd_category: z.enum(eapdCategories, { error: text.errors.categoryRequired }),
    description: longText(10_000, text.fields.description),
    partner_language: z
      .string()
      .default('')
      .refine((value) => value === '' || (PARTNER_LANGUAGES as readonly string[]).includes(value), {
        error: text.errors.languageInvalid,
      })
      .transform((value) => value || null),
    title_partner: longText(TITLE_MAX, text.fields.title_partner),
    description_partner: longText(10_000, text.fields.description_partner),
    planned_start: optionalDate(text.errors.dateInvalid),
    planned_end: optionalDate(text.errors.dateInvalid),
    actual_start: optionalDate(text.errors.dateInvalid),
    actual_end: optionalDate(text.errors.dateInvalid),
    ...Object.fromEntries(MARKER_FIELDS.map((field) => [field, marker])),
    ...Object.fromEntries(SDG_GOALS.map((goal) => [sdgField(goal), checkbox])),
    ...rowShape(ROWS.sector.names, ROWS.sector.max),
    ...rowShape(ROWS.country.names, ROWS.country.max),
    ...rowShape(ROWS.participant.names, ROWS.participant.max),
    ...rowShape(ROWS.location.names, ROWS.location.max),
    ...rowShape(ROWS.budget.names, ROWS.budget.max),
    version: openedVersionSchema,
  })
  .transform((form, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (form.planned_start && form.planned_end && form.planned_end < form.planned_start)
      issue('planned_end', text.errors.endBeforeStart);
    if (form.actual_start && form.actual_end && form.actual_end < form.actual_start)
      issue('actual_end', text.errors.endBeforeStart);
    const record = form as unknown as Record<string, unknown>;
    const rows = readRows(record, issue);
    const markers = Object.fromEntries(MARKER_FIELDS.map((field) => [field, record[field] as number | null]));
    return {
      values: {
        partnership_id: form.partnership_id,
        convention_id: form.convention_id,
        title: form.title,
        description: form.description,
        partner_language: form.partner_language,
        title_partner: form.title_partner,
        description_partner: form.description_partner,
        kind: form.kind as ProjectKind,
        status: form.status,
        planned_start: form.planned_start,
        planned_end: form.planned_end,
        actual_start: form.actual_start,
        actual_end: form.actual_end,
        eapd_category: form.eapd_category as EapdCategory,
        ...(markers as Record<PolicyMarkerField, number | null>),
        sdg_goals: SDG_GOALS.filter((goal) => record[sdgField(goal)] === true).join(','),
      },
      ...rows,
      version: form.version,
    };
  });

export type ProjectForm = z.output<typeof projectFormSchema>;
export { sdgField };
