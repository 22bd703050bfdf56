import { domainToASCII } from 'node:url';
import { messages } from '../../platform/i18n/fr.js';

const text = messages.workspaces.errors;

/** One DNS label: letters, digits and inner hyphens, 63 characters at most. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const HOST_NAME_MAX_LENGTH = 253;

/**
 * The host name a request names, as workspaces list it: lower case, without the port, without
 * the trailing dot of a fully qualified name ("Example.FR.:3000" → "example.fr").
 */
export function hostOfHeader(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return (host.split(':')[0] ?? '').replace(/\.$/, '');
}

export type HostNameCheck = { ok: true; host: string } | { ok: false; message: string };

/**
 * A host name an operator gives for a workspace, normalised (lower case, no port, no trailing
 * dot, international names in their ASCII form) and checked as a DNS name. IP addresses are
 * not names: a workspace reached by address alone is the default one, which answers any host.
 */
export function checkHostName(input: string): HostNameCheck {
  const typed = input.trim();
  if (typed === '') return { ok: false, message: text.hostEmpty };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(typed)) return { ok: false, message: text.hostWithScheme(typed) };
  if (/[/?#@\\]/.test(typed)) return { ok: false, message: text.hostWithPath(typed) };
  if (typed.startsWith('[') || /^[0-9.]+(:\d+)?$/.test(typed))
    return { ok: false, message: text.hostIsAddress(typed) };
  const withoutPort = typed.replace(/:\d{1,5}$/, '');
  if (withoutPort.includes(':')) return { ok: false, message: text.hostInvalid(typed) };
  const ascii = domainToASCII(withoutPort.toLowerCase().replace(/\.$/, ''));
  if (
    !ascii ||
    ascii.length > HOST_NAME_MAX_LENGTH ||
    !ascii.split('.').every((label) => LABEL.test(label)) ||
    /^[0-9]+$/.test(ascii.split('.').pop() ?? '')
  ) {
    return { ok: false, message: text.hostInvalid(typed) };
  }
  return { ok: true, host: ascii };
}
