import { describe, expect, it } from 'vitest';
import { documentTitle, MAX_DOCUMENT_TITLE } from './document-title.js';

describe('documentTitle', () => {
  it('joins the parts with dashes', () => {
    expect(documentTitle('Documents', 'Gestion', 'Pays des Écrins')).toBe(
      'Documents – Gestion – Pays des Écrins',
    );
  });

  it('cuts a long first part so that the whole fits, the site’s name kept', () => {
    const title = documentTitle(
      'Modifier : '.padEnd(200, 'x'),
      'Gestion',
      'Communauté de communes du Pays des Écrins',
    );
    expect(title.length).toBe(MAX_DOCUMENT_TITLE);
    expect(title).toMatch(/x… – Gestion – Communauté de communes du Pays des Écrins$/);
  });
});
