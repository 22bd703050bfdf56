import { messages } from '../platform/i18n/fr.js';
import type { DiffPart } from '../platform/text-diff.js';

const text = messages.history;

/**
 * A text's change word by word: added words underlined, removed ones struck through (more than a
 * colour, RGAA 3.1), each announced to screen readers with a word before and a mark after; long
 * unchanged stretches folded to a count of words.
 */
export function TextDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <p class="text-diff">
      {parts.map((part, index) => {
        if (part.kind === 'folded')
          return (
            <span key={index} class="text-diff__folded">
              {' '}
              {text.folded(part.words)}{' '}
            </span>
          );
        if (part.kind === 'same') return part.text;
        const Mark = part.kind === 'added' ? 'ins' : 'del';
        return (
          <Mark key={index}>
            <span class="visually-hidden">{part.kind === 'added' ? text.added : text.removed} </span>
            {part.text}
            <span class="visually-hidden">{text.changeEnd}</span>
          </Mark>
        );
      })}
    </p>
  );
}
