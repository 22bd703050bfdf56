import { describe, expect, it } from 'vitest';
import { detectDocumentType, documentLinkText } from './documents.service.js';

describe('documentLinkText', () => {
  it('says the title, the format and the weight', () => {
    expect(
      documentLinkText({ title: 'Convention', extension: 'pdf', byte_size: 240 * 1024, language: 'fr' }),
    ).toBe('Convention (PDF, 240\u00a0ko)');
  });

  it('says the language of a document not in French', () => {
    expect(
      documentLinkText({ title: 'اتفاقية', extension: 'docx', byte_size: 2.5 * 1024 * 1024, language: 'ar' }),
    ).toBe('اتفاقية (DOCX, 2,5\u00a0Mo, en arabe)');
  });
});

describe('detectDocumentType', () => {
  it('takes a CSV only when named .csv and written in UTF-8', async () => {
    const csv = Buffer.from('commune;habitants\nTaliouine;5800\n');
    expect(await detectDocumentType(csv, 'communes.csv')).toEqual({
      extension: 'csv',
      mime: 'text/csv; charset=utf-8',
    });
    expect(await detectDocumentType(csv, 'communes.txt')).toBeNull();
    expect(await detectDocumentType(Buffer.from([0x63, 0xe9, 0x3b]), 'latin1.csv')).toBeNull();
    expect(await detectDocumentType(Buffer.from([0x61, 0x00, 0x62]), 'nul.csv')).toBeNull();
  });
});
