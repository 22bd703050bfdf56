import { describe, expect, it } from 'vitest';
import { messages } from '../../platform/i18n/fr.js';
import { hostNameLines, hostNameProblem, isLinkHref, settingsFormSchema } from './site-settings.schemas.js';

const errors = messages.settings.errors;

describe('host names', () => {
  it('reads one a line, trimmed, in lower case, without blank lines or repeats', () => {
    expect(hostNameLines(' Cooperation.Exemple.FR \r\n\n127.0.0.1\ncooperation.exemple.fr\n')).toEqual([
      'cooperation.exemple.fr',
      '127.0.0.1',
    ]);
  });

  it.each(['localhost', 'demo2.localhost', 'cooperation.exemple.fr', 'a-b.c-d.fr', '127.0.0.1', '[::1]'])(
    'accepts %s',
    (host) => {
      expect(hostNameProblem(host)).toBeNull();
    },
  );

  it.each([
    ['https://exemple.fr', errors.hostWithScheme('https://exemple.fr')],
    ['exemple.fr:8080', errors.hostWithPort('exemple.fr:8080')],
    ['exemple.fr/contact', errors.hostWithPath('exemple.fr/contact')],
    ['exemple..fr', errors.hostInvalid('exemple..fr')],
    ['exemple-.fr', errors.hostInvalid('exemple-.fr')],
    ['exemple.fr.', errors.hostInvalid('exemple.fr.')],
    ['é.fr', errors.hostInvalid('é.fr')],
    ['exemple fr', errors.hostInvalid('exemple fr')],
    [`${'a'.repeat(64)}.fr`, errors.hostInvalid(`${'a'.repeat(64)}.fr`)],
  ])('refuses %s with its own message', (host, message) => {
    expect(hostNameProblem(host)).toBe(message);
  });
});

describe('link addresses', () => {
  it.each([
    '/',
    '/mentions-legales',
    '/plan-du-site#haut',
    'https://www.service-public.fr/',
    'http://exemple.fr/a?b=c',
  ])('accepts %s', (href) => {
    expect(isLinkHref(href)).toBe(true);
  });

  it.each([
    '//ailleurs.example/',
    'javascript:alert(1)',
    'mailto:a@b.fr',
    'mentions-legales',
    'https://',
    '/a b',
  ])('refuses %s', (href) => {
    expect(isLinkHref(href)).toBe(false);
  });
});

describe('the settings form', () => {
  it('keeps the fixed order of the tools and drops empty link rows', () => {
    const parsed = settingsFormSchema.parse({
      site_name: ' Mon site ',
      host_names: 'exemple.fr',
      tools: ['contact', 'print'],
      misc_label_2: 'Plan du site',
      misc_href_2: '/plan-du-site',
    });
    expect(parsed).toMatchObject({
      site_name: 'Mon site',
      host_names: ['exemple.fr'],
      tools: ['print', 'contact'],
      misc_links: [{ label: 'Plan du site', href: '/plan-du-site' }],
    });
  });

  it('takes a single ticked tool, sent as a string, and no tool at all', () => {
    expect(settingsFormSchema.parse({ site_name: 'S', tools: 'site_map' }).tools).toEqual(['site_map']);
    expect(settingsFormSchema.parse({ site_name: 'S' }).tools).toEqual([]);
  });
});
