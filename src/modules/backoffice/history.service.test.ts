import { describe, expect, it } from 'vitest';
import { asText, diffRecords } from './history.service.js';

describe('diffRecords', () => {
  it('lists the fields that changed, leaving out technical ones', () => {
    const changes = diffRecords(
      { title: 'Avant', slug: 'a', updated_at: '2026-01-01T00:00:00.000Z', status: 'draft' },
      { title: 'Après', slug: 'a', updated_at: '2026-02-01T00:00:00.000Z', status: 'published' },
    );
    // A text changes word by word; a state is shown before and after.
    expect(changes).toEqual([
      {
        field: 'title',
        before: 'Avant',
        after: 'Après',
        diff: [
          { kind: 'removed', text: 'Avant' },
          { kind: 'added', text: 'Après' },
        ],
      },
      { field: 'status', before: 'Brouillon', after: 'Publiée' },
    ]);
  });

  it('treats a record that appears or disappears as every field changing', () => {
    expect(diffRecords(null, { title: 'Nouvelle' })).toEqual([
      { field: 'title', before: '', after: 'Nouvelle', diff: [{ kind: 'added', text: 'Nouvelle' }] },
    ]);
  });
});

describe('asText', () => {
  it('writes roles, dates and lists as a reader would', () => {
    expect(asText('role', 'contributor')).toBe('Contributeur');
    expect(asText('deactivated_at', '2026-11-26T11:00:00.000Z')).toBe('26 novembre 2026 à 12\u00a0h\u00a000');
    expect(asText('host_names', ['a.fr', 'b.fr'])).toBe('a.fr, b.fr');
  });
});
