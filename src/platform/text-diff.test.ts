import { describe, expect, it } from 'vitest';
import { wordDiff } from './text-diff.js';

describe('wordDiff', () => {
  it('marks the words added and removed, the rest kept as written', () => {
    expect(wordDiff('Le texte de la page, revu.', 'Le texte nouveau de la page revue.')).toEqual([
      { kind: 'same', text: 'Le texte ' },
      { kind: 'added', text: 'nouveau ' },
      { kind: 'same', text: 'de la page' },
      { kind: 'removed', text: ',' },
      { kind: 'same', text: ' ' },
      { kind: 'removed', text: 'revu' },
      { kind: 'added', text: 'revue' },
      { kind: 'same', text: '.' },
    ]);
  });

  it('shows a short text whole', () => {
    const parts = wordDiff('un deux trois quatre cinq', 'un deux trois quatre six');
    expect(parts.some((part) => part.kind === 'folded')).toBe(false);
  });

  it('folds the unchanged stretches of a long text, keeping twelve words around each change', () => {
    const words = Array.from({ length: 200 }, (_, index) => `mot${index}`);
    const before = words.join(' ');
    const after = [...words.slice(0, 100), 'nouveau', ...words.slice(100)].join(' ');
    const parts = wordDiff(before, after);
    expect(parts.map((part) => part.kind)).toEqual(['folded', 'same', 'added', 'same', 'folded']);
    const [start, beforeChange, added, afterChange, end] = parts as unknown as [
      { words: number },
      { text: string },
      { text: string },
      { text: string },
      { words: number },
    ];
    expect(start.words).toBe(88);
    expect(beforeChange.text.trim().split(/\s+/)).toEqual(words.slice(88, 100));
    expect(added.text.trim()).toBe('nouveau');
    expect(afterChange.text.trim().split(/\s+/)).toEqual(words.slice(100, 112));
    expect(end.words).toBe(88);
  });
});
