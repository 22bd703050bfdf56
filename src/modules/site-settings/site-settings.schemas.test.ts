import { describe, expect, it } from 'vitest';
import { messages } from '../../platform/i18n/fr.js';
import { buildSettingsFormSchema } from './site-settings.schemas.js';

const errors = messages.settings.errors;

const schema = buildSettingsFormSchema(new URL('https://cooperation.exemple.fr/'));
const row = (href: string) => schema.safeParse({ site_name: 'S', misc_label_1: 'Lien', misc_href_1: href });

describe('link addresses', () => {
  it.each([
    ['/', '/'],
    ['/mentions-legales', '/mentions-legales'],
    ['/plan-du-site#haut', '/plan-du-site#haut'],
    ['https://www.service-public.fr/', 'https://www.service-public.fr/'],
    ['http://exemple.fr/a?b=c', 'http://exemple.fr/a?b=c'],
    ['https://cooperation.exemple.fr/contact', '/contact'],
  ])('accepts %s, kept as %s', (href, kept) => {
    const parsed = row(href);
    expect(parsed.success && parsed.data.misc_links).toEqual([{ label: 'Lien', href: kept }]);
  });

  it.each([
    '//ailleurs.example/',
    '/\\ailleurs.example',
    'http:/\\ailleurs.example',
    'https:ailleurs.example',
    'javascript:alert(1)',
    'mailto:a@b.fr',
    'mentions-legales',
    'https://',
    '/a b',
  ])('refuses %s beside its field', (href) => {
    const parsed = row(href);
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(parsed.error.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
        ['misc_href_1', errors.linkHrefInvalid(1)],
      ]);
  });
});

describe('the settings form', () => {
  it('keeps the fixed order of the tools and drops empty link rows', () => {
    const parsed = schema.parse({
      site_name: ' Mon site ',
      tools: ['contact', 'print'],
      misc_label_2: 'Plan du site',
      misc_href_2: '/plan-du-site',
    });
    expect(parsed).toMatchObject({
      site_name: 'Mon site',
      tools: ['print', 'contact'],
      misc_links: [{ label: 'Plan du site', href: '/plan-du-site' }],
    });
  });

  it('takes a single ticked tool, sent as a string, and no tool at all', () => {
    expect(schema.parse({ site_name: 'S', tools: 'site_map' }).tools).toEqual(['site_map']);
    expect(schema.parse({ site_name: 'S' }).tools).toEqual([]);
  });
});
