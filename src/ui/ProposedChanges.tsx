import { formatDateFr } from '../platform/clock.js';
import type { RecordDraft } from '../platform/drafts.js';
import { messages } from '../platform/i18n/fr.js';
import { TextAreaField } from './Field.js';

const text = messages.review;

/**
 * The labels of what proposed changes would change, read from the record's form as it stands
 * (`now`) and as the proposal would make it (`then`): each field by its label, each group of
 * repeated rows (fields named `prefix_N`) once, by its section's title.
 */
export function changedLabels(
  now: Record<string, string>,
  then: Record<string, string>,
  fields: Record<string, string>,
  sections: Array<[prefix: string, title: string]>,
): string[] {
  const differs = (field: string) => (now[field] ?? '') !== (then[field] ?? '');
  const names = [...new Set([...Object.keys(now), ...Object.keys(then)])];
  return [
    ...Object.keys(fields)
      .filter(differs)
      .map((field) => fields[field] as string),
    ...sections
      .filter(([prefix]) => names.some((field) => field.startsWith(`${prefix}_`) && differs(field)))
      .map(([, title]) => text.rows(title)),
  ];
}

/**
 * The changes a contributor proposed, on the record's page: who proposed them (or the comment
 * they came back with), what they change, and for an editor the two answers — apply, or send
 * back with a comment. `href` is the record's address: the answers post to its `/appliquer`
 * and `/renvoyer`.
 */
export function ProposedChanges({
  csrfToken,
  href,
  version,
  draft,
  changes,
  canReview,
  errors,
}: {
  csrfToken: string;
  href: string;
  /** The record's version as shown: applying changes over a newer one is refused. */
  version: number;
  draft: RecordDraft;
  changes: string[];
  canReview: boolean;
  errors: Record<string, string>;
}) {
  const when = formatDateFr(draft.proposedAt ?? draft.savedAt);
  return (
    <section aria-labelledby="relecture" class="notice">
      <h2 id="relecture">{text.title}</h2>
      {draft.proposedAt ? (
        <p>{text.proposedBy(draft.proposedByName ?? draft.savedByName ?? '', when)}</p>
      ) : draft.returnedComment ? (
        <p>{text.returnedTo(draft.returnedByName ?? '', draft.returnedComment)}</p>
      ) : null}
      <p>{text.changed}</p>
      <ul>
        {changes.map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
      {canReview && draft.proposedAt ? (
        <>
          <form class="form" action={`${href}/appliquer`} method="post">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="version" value={String(version)} />
            <button type="submit">{text.apply}</button>
          </form>
          <form class="form" action={`${href}/renvoyer`} method="post" novalidate>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <TextAreaField id="comment" name="comment" label={text.comment} error={errors.comment} rows={3} />
            <button type="submit" class="button-secondary">
              {text.sendBack}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
