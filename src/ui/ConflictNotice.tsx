import { formatDateTimeFr } from '../platform/clock.js';
import { messages } from '../platform/i18n/fr.js';
import type { StaleSave } from '../platform/versions.js';

const text = messages.versions;

/** How a form shows one field's value: a label and a readable value (a choice's label, not its id). */
export interface ConflictFieldFormat {
  label: string;
  show?: (value: unknown) => string;
}

/** A long text is cut: the form below holds the whole of one side, the record the other. */
const SHOWN_CHARACTERS = 600;

function shown(value: unknown, format: ConflictFieldFormat): string {
  if (value === null || value === undefined || value === '') return text.emptyValue;
  const whole = format.show ? format.show(value) : String(value);
  return whole.length > SHOWN_CHARACTERS ? `${whole.slice(0, SHOWN_CHARACTERS)} […]` : whole;
}

/**
 * A save refused because someone else saved the record first: who and when, what they changed
 * (each field as the form showed it, and as it is now), and what to do. Shown in place of the
 * error summary, after the <h1>, with what the person typed still in the form below.
 */
export function ConflictNotice({
  stale,
  fields,
}: {
  stale: StaleSave;
  fields: Record<string, ConflictFieldFormat>;
}) {
  const when = stale.lastChange ? formatDateTimeFr(stale.lastChange.at) : null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="conflict-title" tabindex={-1}>
      <h2 id="conflict-title">{text.conflictTitle}</h2>
      {when ? (
        <p>{stale.lastChange?.by ? text.conflictBy(stale.lastChange.by, when) : text.conflictAt(when)}</p>
      ) : null}
      <p>{text.conflictKept}</p>
      {!stale.changesKnown ? (
        <p>{text.conflictChangesUnknown}</p>
      ) : stale.changes.length === 0 ? (
        <p>{text.conflictNoFieldChanged}</p>
      ) : (
        <>
          <p>{text.conflictChanges}</p>
          <dl class="conflict-changes">
            {stale.changes.map((change) => {
              const format = fields[change.field] ?? { label: change.field };
              return (
                <div key={change.field}>
                  <dt>{format.label}</dt>
                  <dd>
                    <span class="conflict-changes__when">{text.before}</span>{' '}
                    <span class="conflict-changes__value">{shown(change.before, format)}</span>
                  </dd>
                  <dd>
                    <span class="conflict-changes__when">{text.now}</span>{' '}
                    <span class="conflict-changes__value">{shown(change.after, format)}</span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}
      <p>{text.conflictNext}</p>
    </div>
  );
}

/** The version the form was opened on, sent back with it. */
export function VersionField({ value }: { value: string }) {
  return <input type="hidden" name="version" value={value} />;
}
