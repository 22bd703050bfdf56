import { z } from 'zod';
import { optionalDate } from '../../platform/dates.js';
import { filledRows, rowField, rowFieldNames, rowShape } from '../../platform/form-rows.js';
import { messages } from '../../platform/i18n/fr.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.results;

export const TITLE_MAX = 200;
export const RESULT_TYPES = [1, 2, 3, 9] as const;
export const MEASURES = [1, 2, 3, 4, 5] as const;

export const ROWS = {
  indicator: {
    names: [
      'indicator_title',
      'indicator_measure',
      'indicator_unit',
      'indicator_baseline_year',
      'indicator_baseline',
      'indicator_target',
      'indicator_comment',
    ] as const,
    max: 5,
    significant: ['indicator_title', 'indicator_unit', 'indicator_baseline', 'indicator_target'] as const,
  },
  period: {
    names: ['period_indicator', 'period_start', 'period_end', 'period_actual', 'period_comment'] as const,
    max: 12,
    significant: ['period_start', 'period_end', 'period_actual', 'period_comment'] as const,
  },
};

export const resultFields: string[] = [
  'type',
  'title',
  'description',
  ...rowFieldNames(ROWS.indicator.names, ROWS.indicator.max),
  ...rowFieldNames(ROWS.period.names, ROWS.period.max),
  'version',
];

/** A decimal as typed in French (« 1 250,5 »), or null for nothing; undefined when it is no number. */
export function readDecimal(typed: string): number | null | undefined {
  const value = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (value === '') return null;
  if (!/^-?\d{1,14}(\.\d{1,4})?$/.test(value)) return undefined;
  return Number(value);
}

export interface IndicatorInput {
  position: number;
  title: string;
  measure: number;
  unit: string;
  baseline_year: number | null;
  baseline: number | null;
  target: number | null;
  comment: string;
}

export interface PeriodInput {
  /** The form's row, for a message beside it; not kept. */
  row: number;
  indicator_position: number;
  period_start: string;
  period_end: string;
  actual: number | null;
  comment: string;
}

export const resultFormSchema = z
  .object({
    type: z
      .string({ error: text.errors.typeRequired })
      .refine((value) => (RESULT_TYPES as readonly number[]).includes(Number(value)), {
        error: text.errors.typeRequired,
      })
      .transform(Number),
    title: z
      .string({ error: text.errors.titleRequired })
      .trim()
      .min(1, { error: text.errors.titleRequired, abort: true })
      .max(TITLE_MAX, { error: text.errors.tooLong(text.fields.title, TITLE_MAX) }),
    description: z
      .string()
      .default('')
      .transform((value) => value.replace(/\r\n?/g, '\n').trim())
      .refine((value) => value.length <= 5000, { error: text.errors.tooLong(text.fields.description, 5000) }),
    ...rowShape(ROWS.indicator.names, ROWS.indicator.max),
    ...rowShape(ROWS.period.names, ROWS.period.max),
    version: openedVersionSchema,
  })
  .transform((form, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    const record = form as unknown as Record<string, unknown>;
    const indicators: IndicatorInput[] = [];
    for (const { row, values } of filledRows(
      record,
      ROWS.indicator.names,
      ROWS.indicator.max,
      ROWS.indicator.significant,
    )) {
      const field = (name: string) => rowField(name, row);
      const baseline = readDecimal(values.indicator_baseline);
      const target = readDecimal(values.indicator_target);
      const year = values.indicator_baseline_year;
      const measure = Number(values.indicator_measure || '1');
      if (!values.indicator_title) issue(field('indicator_title'), text.errors.indicatorTitleRequired);
      if (!(MEASURES as readonly number[]).includes(measure))
        issue(field('indicator_measure'), text.errors.measureInvalid);
      if (baseline === undefined) issue(field('indicator_baseline'), text.errors.valueInvalid);
      if (target === undefined) issue(field('indicator_target'), text.errors.valueInvalid);
      if (year !== '' && !/^(19|20|21)\d\d$/.test(year))
        issue(field('indicator_baseline_year'), text.errors.yearInvalid);
      if (measure === 2)
        for (const [name, value] of [
          ['indicator_baseline', baseline],
          ['indicator_target', target],
        ] as const)
          if (typeof value === 'number' && (value < 0 || value > 100))
            issue(field(name), text.errors.percentageInvalid);
      indicators.push({
        position: row,
        title: values.indicator_title,
        measure,
        unit: values.indicator_unit.slice(0, 100),
        baseline_year: year === '' ? null : Number(year),
        baseline: baseline ?? null,
        target: target ?? null,
        comment: values.indicator_comment.slice(0, 1000),
      });
    }
    const periods: PeriodInput[] = [];
    for (const { row, values } of filledRows(
      record,
      ROWS.period.names,
      ROWS.period.max,
      ROWS.period.significant,
    )) {
      const field = (name: string) => rowField(name, row);
      const start = optionalDate(text.errors.dateInvalid).safeParse(values.period_start);
      const end = optionalDate(text.errors.dateInvalid).safeParse(values.period_end);
      const actual = readDecimal(values.period_actual);
      const indicator = values.period_indicator === '' ? -1 : Number(values.period_indicator);
      if (!indicators.some((i) => i.position === indicator))
        issue(field('period_indicator'), text.errors.periodIndicatorRequired);
      if (!start.success || !start.data) issue(field('period_start'), text.errors.periodDatesRequired);
      if (!end.success || !end.data) issue(field('period_end'), text.errors.periodDatesRequired);
      else if (start.success && start.data && end.data < start.data)
        issue(field('period_end'), text.errors.endBeforeStart);
      if (actual === undefined) issue(field('period_actual'), text.errors.valueInvalid);
      if (start.success && start.data && end.success && end.data)
        periods.push({
          row,
          indicator_position: indicator,
          period_start: start.data,
          period_end: end.data,
          actual: actual ?? null,
          comment: values.period_comment.slice(0, 1000),
        });
    }
    return {
      values: { type: form.type, title: form.title, description: form.description },
      indicators,
      periods,
      version: form.version,
    };
  });

export type ResultForm = z.output<typeof resultFormSchema>;
