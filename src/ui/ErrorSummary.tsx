import { messages } from '../platform/i18n/fr.js';

export type FieldErrors = Record<string, string>;

/**
 * GOV.UK-style summary of a form's errors, each message linking to its field. It follows the
 * page's <h1> rather than preceding it, so that a phone shows the title first (RGAA 10.11).
 */
export function ErrorSummary({
  errors,
  fieldIds,
}: {
  errors: FieldErrors;
  fieldIds: Record<string, string>;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{messages.form.errorSummaryTitle}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldIds[field] ?? field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
