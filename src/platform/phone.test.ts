import { describe, expect, it } from 'vitest';
import { formatPhoneForDisplay, formatPhoneForInput, normalisePhone, phoneTelHref } from './phone.js';

const NBSP = '\u00a0';

describe('reading a typed phone number', () => {
  it.each([
    ['+33 (0)4 92 23 11 18'],
    ['04 92 23 11 18'],
    ['04.92.23.11.18'],
    ['04-92-23-11-18'],
    ['0033 4 92 23 11 18'],
    [`04${NBSP}92${NBSP}23${NBSP}11${NBSP}18`],
  ])('reads %s as the French number +33492231118', (typed) => {
    expect(normalisePhone(typed)).toBe('+33492231118');
  });

  it('reads a foreign number by its country code', () => {
    expect(normalisePhone('+212 5 28 55 07 72')).toBe('+212528550772');
  });

  it.each([
    ['12'],
    ['04 92 23'],
    ['0'.repeat(13)],
    ['appelez le 04 92 23 11 18'],
    ['04 92 23 11 18 poste 12'],
    ['+33 (0)'],
    [''],
  ])('refuses %j', (typed) => {
    expect(normalisePhone(typed)).toBeNull();
  });
});

describe('showing a phone number', () => {
  it('shows a French number in the national format, never wrapping, and links it in E.164', () => {
    for (const stored of ['+33492231118', '+33 (0)4 92 23 11 18', '04.92.23.11.18']) {
      expect(formatPhoneForDisplay(stored)).toBe(`04${NBSP}92${NBSP}23${NBSP}11${NBSP}18`);
      expect(formatPhoneForInput(stored)).toBe('04 92 23 11 18');
      expect(phoneTelHref(stored)).toBe('tel:+33492231118');
    }
  });

  it('shows a foreign number with its country code', () => {
    expect(formatPhoneForDisplay('+212528550772')).toBe(`+212${NBSP}5${NBSP}28${NBSP}55${NBSP}07${NBSP}72`);
    expect(phoneTelHref('+212528550772')).toBe('tel:+212528550772');
  });

  it('shows a stored text that is no valid number as it was, without a link', () => {
    expect(formatPhoneForDisplay(' standard 12 ')).toBe(`standard${NBSP}12`);
    expect(phoneTelHref('standard 12')).toBeNull();
    expect(phoneTelHref('04 92 23')).toBeNull();
  });
});

describe('France overseas', () => {
  // Written there as four digits, then pairs: libphonenumber-js's national format.
  it.each([
    ['0262 21 21 21', '+262262212121', '0262 21 21 21'],
    ['0590 99 39 00', '+590590993900', '0590 99 39 00'],
    ['+262 262 21 21 21', '+262262212121', '0262 21 21 21'],
  ])('reads %s as a French number of its own plan', (typed, e164, national) => {
    expect(normalisePhone(typed)).toBe(e164);
    expect(formatPhoneForInput(e164)).toBe(national);
    expect(phoneTelHref(e164)).toBe(`tel:${e164}`);
  });
});
