import { describe, expect, it } from 'vitest';
import { messages } from '../../platform/i18n/fr.js';
import { checkHostName, hostOfHeader } from './host-names.js';

const errors = messages.workspaces.errors;

describe('hostOfHeader', () => {
  it('drops the port and the trailing dot, and lowers the case', () => {
    expect(hostOfHeader('Cooperation.Example.FR:3000')).toBe('cooperation.example.fr');
    expect(hostOfHeader('cooperation.example.fr.')).toBe('cooperation.example.fr');
    expect(hostOfHeader('cooperation.example.fr.:443')).toBe('cooperation.example.fr');
    expect(hostOfHeader('[::1]:3000')).toBe('[::1]');
    expect(hostOfHeader(undefined)).toBe('');
  });
});

describe('checkHostName', () => {
  it.each([
    ['cooperation.exemple.fr', 'cooperation.exemple.fr'],
    [' Cooperation.Exemple.FR ', 'cooperation.exemple.fr'],
    ['cooperation.exemple.fr.', 'cooperation.exemple.fr'],
    ['cooperation.exemple.fr:8080', 'cooperation.exemple.fr'],
    ['localhost', 'localhost'],
    ['demo2.localhost', 'demo2.localhost'],
    ['a-b.c-d.fr', 'a-b.c-d.fr'],
    ['coopération.exemple.fr', 'xn--coopration-e7a.exemple.fr'],
    ['3dprint.example', '3dprint.example'],
  ])('takes %j as %s', (input, host) => {
    expect(checkHostName(input)).toEqual({ ok: true, host });
  });

  it.each([
    ['', errors.hostEmpty],
    ['https://exemple.fr', errors.hostWithScheme('https://exemple.fr')],
    ['exemple.fr/contact', errors.hostWithPath('exemple.fr/contact')],
    ['user@exemple.fr', errors.hostWithPath('user@exemple.fr')],
    ['127.0.0.1', errors.hostIsAddress('127.0.0.1')],
    ['127.0.0.1:3000', errors.hostIsAddress('127.0.0.1:3000')],
    ['[::1]', errors.hostIsAddress('[::1]')],
    ['exemple..fr', errors.hostInvalid('exemple..fr')],
    ['exemple-.fr', errors.hostInvalid('exemple-.fr')],
    ['-exemple.fr', errors.hostInvalid('-exemple.fr')],
    ['exemple fr', errors.hostInvalid('exemple fr')],
    ['exemple_fr.fr', errors.hostInvalid('exemple_fr.fr')],
    ['exemple.123', errors.hostInvalid('exemple.123')],
    [`${'a'.repeat(64)}.fr`, errors.hostInvalid(`${'a'.repeat(64)}.fr`)],
    [`${'a.'.repeat(127)}fr`, errors.hostInvalid(`${'a.'.repeat(127)}fr`)],
    ['a:b:c', errors.hostInvalid('a:b:c')],
  ])('refuses %j with its own message', (input, message) => {
    expect(checkHostName(input)).toEqual({ ok: false, message });
  });
});
