import { z } from 'zod';
import { typedText } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import { containsLink } from '../../platform/links.js';

export const MESSAGE_MAX_LENGTH = 500;
export const SENDER_MAX_LENGTH = 100;

const text = messages.share.errors;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const SEVERAL_ADDRESSES = /[,;\s]|@.*@/;
const EMAIL = z.email();

/** Line ends as the reader counts them: one character each. */
const normaliseLineEnds = (value: string) => value.replace(/\r\n?/g, '\n');

/** Raw form fields as the browser sends them; anything else (an array, say) is refused. */
export const shareFormSchema = z.object({
  destinataire: z
    .string({
      error: (issue) => (Array.isArray(issue.input) ? text.recipientSeveral : text.recipientRequired),
    })
    .trim()
    .min(1, { error: text.recipientRequired, abort: true })
    .refine((value) => !LINE_BREAK.test(value), { error: text.lineBreak, abort: true })
    .refine((value) => !SEVERAL_ADDRESSES.test(value), { error: text.recipientSeveral, abort: true })
    .refine((value) => value.length <= 254 && EMAIL.safeParse(value).success, {
      error: text.recipientInvalid,
    }),
  nom: z
    .string({ error: text.senderRequired })
    .trim()
    .min(1, { error: text.senderRequired, abort: true })
    .refine((value) => !LINE_BREAK.test(value), { error: text.lineBreak, abort: true })
    .max(SENDER_MAX_LENGTH, { error: text.senderTooLong, abort: true })
    // The name is read in the message: no link may ride on it.
    .refine((value) => !containsLink(value), { error: text.nameWithLink }),
  message: z
    .string({ error: text.messageInvalid })
    .default('')
    .transform(normaliseLineEnds)
    .refine((value) => value.trim().length <= MESSAGE_MAX_LENGTH, {
      error: (issue) => text.messageTooLong(MESSAGE_MAX_LENGTH, String(issue.input).trim().length),
      abort: true,
    })
    // The link to the page is the message's only link: free text with addresses is what spam is.
    .refine((value) => !containsLink(value), { error: text.messageWithLink })
    .transform((value) => value.trim()),
  /** The honeypot: hidden from people, filled by robots. */
  site_web: z.string().default(''),
  page: z.string().default(''),
});

export type ShareForm = z.infer<typeof shareFormSchema>;

/** The form's fields in page order, each with the id of its input (error summary links). */
export const shareFieldIds = {
  destinataire: 'destinataire',
  nom: 'nom',
  message: 'message',
} as const;

export type ShareField = keyof typeof shareFieldIds;

export interface ShareFormValues {
  destinataire: string;
  nom: string;
  message: string;
}

export const shareFields = Object.keys(shareFieldIds) as ShareField[];

export function typedValues(body: unknown): ShareFormValues {
  return typedText(body, shareFields);
}
