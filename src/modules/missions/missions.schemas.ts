import { z } from 'zod';
import { optionalDate } from '../../platform/dates.js';
import { filledRows, rowField, rowFieldNames, rowShape } from '../../platform/form-rows.js';
import { messages } from '../../platform/i18n/fr.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.missions;

export const TITLE_MAX = 200;
export const DIRECTIONS = ['outgoing', 'incoming'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const ROWS = {
  place: { names: ['place'] as const, max: 6 },
  participant: {
    names: ['participant_name', 'participant_role', 'participant_organisation'] as const,
    max: 12,
  },
  photo: { names: ['photo', 'photo_caption'] as const, max: 8 },
  cost: { names: ['cost'] as const, max: 8 },
};

export const missionFields: string[] = [
  'title',
  'partnership_id',
  'project_id',
  'direction',
  'start_date',
  'end_date',
  'purpose',
  'report',
  ...rowFieldNames(ROWS.place.names, ROWS.place.max),
  ...rowFieldNames(ROWS.participant.names, ROWS.participant.max),
  ...rowFieldNames(ROWS.photo.names, ROWS.photo.max),
  ...rowFieldNames(ROWS.cost.names, ROWS.cost.max),
  'version',
];

const uuid = z.string().refine((value) => z.uuid().safeParse(value).success);

export interface MissionRows {
  places: Array<{ organisation_id: string }>;
  participants: Array<{ name: string; role: string; organisation_id: string | null }>;
  photos: Array<{ media_id: string; caption: string }>;
  costs: Array<{ transaction_id: string }>;
}

const requiredDate = (message: string) =>
  optionalDate(text.errors.dateInvalid).refine((value) => value !== null, { error: message });

export const missionFormSchema = z
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
    project_id: z
      .string()
      .default('')
      .transform((value) => value.trim())
      .refine((value) => value === '' || z.uuid().safeParse(value).success, {
        error: text.errors.projectNotOfPartnership,
      })
      .transform((value) => value || null),
    direction: z.enum(DIRECTIONS, { error: text.errors.directionRequired }),
    start_date: requiredDate(text.errors.datesRequired),
    end_date: requiredDate(text.errors.datesRequired),
    purpose: z
      .string()
      .default('')
      .transform((value) => value.replace(/\r\n?/g, '\n').trim())
      .refine((value) => value.length <= 5000, { error: text.errors.tooLong(text.fields.purpose, 5000) }),
    report: z
      .string()
      .default('')
      .transform((value) => value.replace(/\r\n?/g, '\n').trim())
      .refine((value) => value.length <= 50_000, { error: text.errors.tooLong(text.fields.report, 50_000) }),
    ...rowShape(ROWS.place.names, ROWS.place.max),
    ...rowShape(ROWS.participant.names, ROWS.participant.max),
    ...rowShape(ROWS.photo.names, ROWS.photo.max),
    ...rowShape(ROWS.cost.names, ROWS.cost.max),
    version: openedVersionSchema,
  })
  .transform((form, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (form.start_date && form.end_date && form.end_date < form.start_date)
      issue('end_date', text.errors.endBeforeStart);
    const record = form as unknown as Record<string, unknown>;
    const rows: MissionRows = { places: [], participants: [], photos: [], costs: [] };
    for (const { row, values } of filledRows(record, ROWS.place.names, ROWS.place.max)) {
      if (!uuid.safeParse(values.place).success)
        issue(rowField('place', row), text.errors.organisationUnknown);
      else if (rows.places.some((p) => p.organisation_id === values.place))
        issue(rowField('place', row), text.errors.twice);
      else rows.places.push({ organisation_id: values.place });
    }
    for (const { row, values } of filledRows(record, ROWS.participant.names, ROWS.participant.max)) {
      if (!values.participant_name)
        issue(rowField('participant_name', row), text.errors.participantNameRequired);
      else if (values.participant_name.length > 120 || values.participant_role.length > 120)
        issue(rowField('participant_name', row), text.errors.tooLong(text.fields.participant_name, 120));
      if (values.participant_organisation && !uuid.safeParse(values.participant_organisation).success)
        issue(rowField('participant_organisation', row), text.errors.organisationUnknown);
      rows.participants.push({
        name: values.participant_name,
        role: values.participant_role,
        organisation_id: values.participant_organisation || null,
      });
    }
    for (const { row, values } of filledRows(record, ROWS.photo.names, ROWS.photo.max)) {
      if (!uuid.safeParse(values.photo).success) issue(rowField('photo', row), text.errors.photoUnknown);
      else if (rows.photos.some((p) => p.media_id === values.photo))
        issue(rowField('photo', row), text.errors.twice);
      else rows.photos.push({ media_id: values.photo, caption: values.photo_caption.slice(0, 300) });
    }
    for (const { row, values } of filledRows(record, ROWS.cost.names, ROWS.cost.max)) {
      if (!uuid.safeParse(values.cost).success) issue(rowField('cost', row), text.errors.costUnknown);
      else if (rows.costs.some((c) => c.transaction_id === values.cost))
        issue(rowField('cost', row), text.errors.twice);
      else rows.costs.push({ transaction_id: values.cost });
    }
    return {
      values: {
        title: form.title,
        partnership_id: form.partnership_id,
        project_id: form.project_id,
        direction: form.direction as Direction,
        start_date: form.start_date ?? '',
        end_date: form.end_date ?? '',
        purpose: form.purpose,
        report: form.report,
      },
      ...rows,
      version: form.version,
    };
  });

export type MissionForm = z.output<typeof missionFormSchema>;
