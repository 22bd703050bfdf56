import { messages } from '../platform/i18n/fr.js';
import type { DiffPart } from '../platform/text-diff.js';
import { TextDiff } from './TextDiff.js';

const text = messages.history;

/** One field's change: its values as a reader understands them, and for a text, word by word. */
export interface ShownFieldChange {
  field: string;
  before: string;
  after: string;
  diff?: DiffPart[];
}

/**
 * What a change did, field by field: a text word by word (insertions and deletions marked by
 * more than colour, see TextDiff), any other value before and after. Shared by the histories and
 * the review of unpublished changes.
 */
export function FieldChanges({ changes }: { changes: ShownFieldChange[] }) {
  return (
    <dl class="history-change">
      {changes.map((change) => (
        <>
          <dt key={`${change.field}-t`}>{text.fields[change.field] ?? change.field}</dt>
          <dd key={`${change.field}-d`}>
            {change.diff ? (
              <TextDiff parts={change.diff} />
            ) : (
              <>
                {text.before} : {change.before || text.emptyValue}
                <br />
                {text.after} : {change.after || text.emptyValue}
              </>
            )}
          </dd>
        </>
      ))}
    </dl>
  );
}
