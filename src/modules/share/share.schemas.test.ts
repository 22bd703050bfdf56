import { describe, expect, it } from 'vitest';
import { parseForm } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import { shareFields, shareFormSchema } from './share.schemas.js';

const errors = messages.share.errors;
const valid = {
  destinataire: 'ami@example.fr',
  nom: 'Florence',
  message: 'Regarde !',
  site_web: '',
  page: '/x',
};

function errorsOf(input: Record<string, unknown>) {
  const result = parseForm(shareFormSchema, input, shareFields);
  return result.success ? {} : result.errors;
}

describe('shareFormSchema', () => {
  it('accepts a complete form and trims it', () => {
    const result = shareFormSchema.parse({ ...valid, nom: '  Florence  ' });
    expect(result.nom).toBe('Florence');
  });

  it('accepts a form without message', () => {
    const { message, ...rest } = valid;
    expect(shareFormSchema.parse(rest).message).toBe('');
  });

  it.each([
    ['missing recipient', { destinataire: '' }, 'destinataire', errors.recipientRequired],
    ['malformed recipient', { destinataire: 'ami@' }, 'destinataire', errors.recipientInvalid],
    [
      'two recipients',
      { destinataire: 'a@example.fr, b@example.fr' },
      'destinataire',
      errors.recipientSeveral,
    ],
    [
      'two recipients with ;',
      { destinataire: 'a@example.fr;b@example.fr' },
      'destinataire',
      errors.recipientSeveral,
    ],
    [
      'a line break in the recipient',
      { destinataire: 'a@example.fr\r\nBcc: x@evil.test' },
      'destinataire',
      errors.lineBreak,
    ],
    ['a line break in the name', { nom: 'Flo\nBcc: x@evil.test' }, 'nom', errors.lineBreak],
    ['missing name', { nom: '   ' }, 'nom', errors.senderRequired],
    ['a name too long', { nom: 'x'.repeat(101) }, 'nom', errors.senderTooLong],
    ['a message too long', { message: 'é'.repeat(501) }, 'message', errors.messageTooLong(500, 501)],
    [
      'a link in the message',
      { message: 'Promo sur https://evil.example' },
      'message',
      errors.messageWithLink,
    ],
    ['a bare domain in the message', { message: 'Va sur evil.example !' }, 'message', errors.messageWithLink],
    [
      'an address in the message',
      { message: 'Écris à promo@evil.example' },
      'message',
      errors.messageWithLink,
    ],
    ['a link as the name', { nom: 'www.evil.example' }, 'nom', errors.nameWithLink],
    ['a NUL in the name', { nom: 'Flo\u0000rence' }, 'nom', messages.form.controlCharacters],
    [
      'a control character in the message',
      { message: 'Regarde\u0007 !' },
      'message',
      messages.form.controlCharacters,
    ],
  ])('refuses %s with its own message', (_case, override, field, message) => {
    expect(errorsOf({ ...valid, ...override })).toEqual({ [field]: message });
  });

  it('counts a Windows line end as one character', () => {
    const message = `${'a'.repeat(249)}\r\n${'b'.repeat(250)}`;
    expect(shareFormSchema.safeParse({ ...valid, message }).success).toBe(true);
  });

  it('refuses a field sent as a list', () => {
    expect(errorsOf({ ...valid, destinataire: ['a@example.fr', 'b@example.fr'] })).toEqual({
      destinataire: errors.recipientSeveral,
    });
  });
});
