import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START } from './search.repo.js';
import { splitHighlights } from './search.service.js';

describe('splitHighlights', () => {
  it('cuts a headline into plain and matched parts', () => {
    const text = `La ${HIGHLIGHT_START}coopération${HIGHLIGHT_END} <b>décentralisée</b>`;
    expect(splitHighlights(text)).toEqual([
      { text: 'La ', match: false },
      { text: 'coopération', match: true },
      { text: ' <b>décentralisée</b>', match: false },
    ]);
  });
});
