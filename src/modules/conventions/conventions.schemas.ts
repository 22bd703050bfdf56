import { z } from 'zod';
import { optionalDate } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import { isCurrency, parseAmount } from '../../platform/money.js';
import { openedVersionSchema } from '../../platform/versions.js';
import { type StateException, stateExceptions } from './convention-rules.js';

const text = messages.conventions;

export const PARTY_ROWS_MAX = 6;
export const AMENDMENT_ROWS_MAX = 10;
export const TITLE_MAX = 200;

export const partyFieldsOf = (row: number): [string, string, string] => [
  `party_${row}`,
  `party_signatory_${row}`,
  `party_signatory_role_${row}`,
];
export const amendmentFieldsOf = (row: number): [string, string] => [
  `amendment_date_${row}`,
  `amendment_object_${row}`,
];

export const conventionFields: string[] = [
  'title',
  'object',
  'planned_amount',
  'currency',
  ...Array.from({ length: PARTY_ROWS_MAX }, (_, row) => partyFieldsOf(row)).flat(),
  'deliberation_reference',
  'deliberation_date',
  'signature_date',
  'prefect_sent_date',
  'start_date',
  'end_date',
  'duration_months',
  'tacit_renewal',
  'renewal_months',
  'termination_date',
  'termination_reference',
  'state_exception',
  'state_exception_reference',
  ...Array.from({ length: AMENDMENT_ROWS_MAX }, (_, row) => amendmentFieldsOf(row)).flat(),
  'document_id',
  'version',
];

const line = (max: number, label: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.trim())
    .refine((value) => value.length <= max, { error: text.errors.tooLong(label, max) });

const months = z
  .string()
  .default('')
  .transform((value) => value.trim())
  .refine(
    (value) => value === '' || (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 600),
    {
      error: text.errors.monthsInvalid,
    },
  )
  .transform((value) => (value === '' ? null : Number(value)));

const rowShape: Record<string, z.ZodType<string | null, string | undefined>> = {};
for (let row = 0; row < PARTY_ROWS_MAX; row += 1) {
  const [party, signatory, role] = partyFieldsOf(row);
  rowShape[party] = z
    .string()
    .default('')
    .transform((value) => value.trim());
  rowShape[signatory] = line(120, text.fields.party_signatory);
  rowShape[role] = line(120, text.fields.party_signatory_role);
}
for (let row = 0; row < AMENDMENT_ROWS_MAX; row += 1) {
  const [date, object] = amendmentFieldsOf(row);
  rowShape[date] = optionalDate(text.errors.dateInvalid);
  rowShape[object] = line(500, text.fields.amendment_object);
}

export interface PartyInput {
  organisation_id: string;
  signatory_name: string;
  signatory_role: string;
}

export const conventionFormSchema = z
  .object({
    title: z
      .string({ error: text.errors.titleRequired })
      .trim()
      .min(1, { error: text.errors.titleRequired, abort: true })
      .max(TITLE_MAX, { error: text.errors.tooLong(text.fields.title, TITLE_MAX) }),
    object: z
      .string()
      .default('')
      .transform((value) => value.replace(/\r\n?/g, '\n').trim())
      .refine((value) => value.length <= 5000, { error: text.errors.tooLong(text.fields.object, 5000) }),
    planned_amount: z
      .string()
      .default('')
      .transform((value) => value.trim()),
    currency: z
      .string()
      .default('EUR')
      .transform((value) => value.trim().toUpperCase())
      .refine(isCurrency, { error: text.errors.currencyInvalid }),
    deliberation_reference: line(200, text.fields.deliberation_reference),
    deliberation_date: optionalDate(text.errors.dateInvalid),
    signature_date: optionalDate(text.errors.dateInvalid),
    prefect_sent_date: optionalDate(text.errors.dateInvalid),
    start_date: optionalDate(text.errors.dateInvalid),
    end_date: optionalDate(text.errors.dateInvalid),
    duration_months: months,
    tacit_renewal: z
      .string()
      .optional()
      .transform((value) => value === 'on'),
    renewal_months: months,
    termination_date: optionalDate(text.errors.dateInvalid),
    termination_reference: line(200, text.fields.termination_reference),
    state_exception: z
      .string()
      .default('')
      .transform((value) => value.trim())
      .refine((value) => value === '' || (stateExceptions as readonly string[]).includes(value), {
        error: text.errors.exceptionInvalid,
      })
      .transform((value) => (value === '' ? null : (value as StateException))),
    state_exception_reference: line(300, text.fields.state_exception_reference),
    document_id: z
      .string()
      .default('')
      .transform((value) => value.trim() || null),
    ...rowShape,
    version: openedVersionSchema,
  })
  .superRefine((form, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (form.planned_amount !== '' && parseAmount(form.planned_amount, form.currency) === null)
      issue('planned_amount', text.errors.amountInvalid);
    if (form.end_date && form.duration_months !== null) issue('duration_months', text.errors.endAndDuration);
    if (form.end_date && form.start_date && form.end_date < form.start_date)
      issue('end_date', text.errors.endBeforeStart);
    if (form.prefect_sent_date && (!form.signature_date || form.prefect_sent_date < form.signature_date))
      issue('prefect_sent_date', text.errors.sentBeforeSigned);
    if (form.signature_date && form.deliberation_date && form.signature_date < form.deliberation_date)
      issue('signature_date', text.errors.signedBeforeDeliberation);
    if (form.termination_date && (!form.signature_date || form.termination_date < form.signature_date))
      issue('termination_date', text.errors.terminationBeforeSignature);
    if (form.termination_date && !form.termination_reference)
      issue('termination_reference', text.errors.terminationReferenceRequired);
    if (form.tacit_renewal && !form.end_date && form.duration_months === null)
      issue('tacit_renewal', text.errors.renewalWithoutEnd);
    const record = form as unknown as Record<string, string | null>;
    const seen = new Set<string>();
    for (let row = 0; row < PARTY_ROWS_MAX; row += 1) {
      const [party, signatory, role] = partyFieldsOf(row);
      const id = record[party] ?? '';
      if (!id && (record[signatory] || record[role])) issue(party, text.errors.signatoryWithoutParty);
      if (id && !z.uuid().safeParse(id).success) issue(party, text.errors.partyUnknown);
      else if (id && seen.has(id)) issue(party, text.errors.partyTwice);
      if (id) seen.add(id);
    }
    if (seen.size < 2) issue(partyFieldsOf(seen.size === 0 ? 0 : 1)[0], text.errors.partiesTooFew);
    for (let row = 0; row < AMENDMENT_ROWS_MAX; row += 1) {
      const [date, object] = amendmentFieldsOf(row);
      if (!record[date] !== !record[object])
        issue(record[date] ? object : date, text.errors.amendmentIncomplete);
    }
  })
  .transform((form) => {
    const record = form as unknown as Record<string, string | null>;
    const parties: PartyInput[] = [];
    for (let row = 0; row < PARTY_ROWS_MAX; row += 1) {
      const [party, signatory, role] = partyFieldsOf(row);
      if (record[party])
        parties.push({
          organisation_id: record[party] ?? '',
          signatory_name: record[signatory] ?? '',
          signatory_role: record[role] ?? '',
        });
    }
    const amendments: Array<{ amendment_date: string; object: string }> = [];
    for (let row = 0; row < AMENDMENT_ROWS_MAX; row += 1) {
      const [date, object] = amendmentFieldsOf(row);
      if (record[date] && record[object])
        amendments.push({ amendment_date: record[date] ?? '', object: record[object] ?? '' });
    }
    return {
      values: {
        title: form.title,
        object: form.object,
        planned_amount_minor:
          form.planned_amount === '' ? null : parseAmount(form.planned_amount, form.currency),
        currency: form.currency,
        deliberation_reference: form.deliberation_reference,
        deliberation_date: form.deliberation_date,
        signature_date: form.signature_date,
        prefect_sent_date: form.prefect_sent_date,
        start_date: form.start_date,
        end_date: form.end_date,
        duration_months: form.duration_months,
        tacit_renewal: form.tacit_renewal,
        renewal_months: form.renewal_months,
        termination_date: form.termination_date,
        termination_reference: form.termination_reference,
        state_exception: form.state_exception,
        state_exception_reference: form.state_exception_reference,
        document_id: form.document_id,
      },
      parties,
      amendments,
      version: form.version,
    };
  });

export type ConventionForm = z.output<typeof conventionFormSchema>;
