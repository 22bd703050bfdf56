import { diffWordsWithSpace } from 'diff';

/**
 * A text's change, word by word, for people to read: what stayed, what was added, what was
 * removed, and, in a long text, the unchanged stretches folded away (a count of words in their
 * place) so that the changed passages stand out.
 */
export type DiffPart =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  | { kind: 'folded'; words: number };

/** Words of unchanged text kept on each side of a change. */
const CONTEXT_WORDS = 12;

/** Texts up to this many words are shown whole: folding a short text hides more than it shows. */
const FOLD_FROM_WORDS = 60;

/** Words with the spaces that follow them, so that a cut keeps the text as written. */
function wordsOf(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** An unchanged stretch cut to its edges: `keepStart` words at its start, `keepEnd` at its end. */
function fold(text: string, keepStart: number, keepEnd: number): DiffPart[] {
  const words = wordsOf(text);
  const wordCount = words.filter((word) => /\S/.test(word)).length;
  if (wordCount <= keepStart + keepEnd + 3) return [{ kind: 'same', text }];
  const head: string[] = [];
  let index = 0;
  for (let kept = 0; index < words.length && kept < keepStart; index++) {
    head.push(words[index]!);
    if (/\S/.test(words[index]!)) kept++;
  }
  const tail: string[] = [];
  let end = words.length - 1;
  for (let kept = 0; end >= index && kept < keepEnd; end--) {
    tail.unshift(words[end]!);
    if (/\S/.test(words[end]!)) kept++;
  }
  const parts: DiffPart[] = [];
  if (head.length > 0) parts.push({ kind: 'same', text: head.join('') });
  parts.push({ kind: 'folded', words: wordCount - keepStart - keepEnd });
  if (tail.length > 0) parts.push({ kind: 'same', text: tail.join('') });
  return parts;
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const changes = diffWordsWithSpace(before, after);
  const parts: DiffPart[] = changes.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
  if (countWords(before) <= FOLD_FROM_WORDS && countWords(after) <= FOLD_FROM_WORDS) return parts;
  return parts.flatMap((part, index) => {
    if (part.kind !== 'same') return [part];
    const first = index === 0;
    const last = index === parts.length - 1;
    return fold(part.text, first ? 0 : CONTEXT_WORDS, last ? 0 : CONTEXT_WORDS);
  });
}
