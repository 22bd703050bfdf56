import { createHmac } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import type { Mailer, OutgoingMessage } from '../../platform/mail/mailer.js';
import { type RateLimitRule, releaseRateLimitSlots, takeRateLimitSlots } from '../../platform/rate-limit.js';
import type { PublicSite } from '../content/content.service.js';
import type { TreePage } from '../content/page-tree.js';
import { absoluteUrl } from '../workspaces/workspace.service.js';
import type { ShareForm } from './share.schemas.js';

export const SENDS_PER_CLIENT_PER_HOUR = 5;
export const SENDS_PER_WORKSPACE_PER_DAY = 200;
/** One address gets a few pages a day at most, whoever sends them, from any workspace. */
export const SENDS_PER_RECIPIENT_PER_DAY = 3;
const HOUR_MS = 60 * 60 * 1000;

export interface ShareDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  /** Keys the hash of client addresses: the limit needs to recognise a client, not to know it. */
  secret: string;
}

export type ShareOutcome =
  | { kind: 'sent' }
  /** The honeypot was filled: the robot is told it worked, and nothing leaves. */
  | { kind: 'ignored' }
  | { kind: 'limited'; scope: 'client' | 'recipient' | 'workspace' }
  | { kind: 'delivery_failed'; error: unknown };

/** The published page a share form points at, by its path. */
export function findSharedPage(site: PublicSite, pagePath: string): TreePage | null {
  return site.tree.byPath.get(pagePath) ?? null;
}

export function composeShareMessage(site: PublicSite, page: TreePage, form: ShareForm): OutgoingMessage {
  const text = messages.share.mail;
  const siteName = site.settings.site_name;
  const lines = [
    text.greeting,
    '',
    text.lead(form.nom, siteName),
    '',
    page.title,
    absoluteUrl(site.publicUrl, page.path),
  ];
  if (form.message) lines.push('', text.personalMessage(form.nom), '', form.message);
  lines.push('', '-- ', text.footer(siteName));
  // The subject is fixed: nothing a visitor types reaches it.
  return { to: form.destinataire, subject: text.subject(siteName), text: `${lines.join('\n')}\n` };
}

/** The mailbox an address reaches: "Ami+promo@Example.org" and "ami@example.org" are one. */
function mailbox(address: string): string {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  return `${local.split('+')[0]}@${domain}`;
}

/** A keyed hash: the limits recognise a client or an address without keeping it. */
function keyed(deps: ShareDeps, value: string): string {
  return createHmac('sha256', deps.secret).update(value).digest('base64url').slice(0, 32);
}

function rulesFor(
  deps: ShareDeps,
  site: PublicSite,
  clientAddress: string,
  recipient: string,
): RateLimitRule[] {
  return [
    {
      bucket: `share:client:${site.workspace.id}:${keyed(deps, clientAddress)}`,
      max: SENDS_PER_CLIENT_PER_HOUR,
      windowMs: HOUR_MS,
    },
    {
      bucket: `share:recipient:${keyed(deps, `recipient:${mailbox(recipient)}`)}`,
      max: SENDS_PER_RECIPIENT_PER_DAY,
      windowMs: 24 * HOUR_MS,
    },
    {
      bucket: `share:workspace:${site.workspace.id}`,
      max: SENDS_PER_WORKSPACE_PER_DAY,
      windowMs: 24 * HOUR_MS,
    },
  ];
}

export async function sendPageToFriend(
  deps: ShareDeps,
  site: PublicSite,
  page: TreePage,
  form: ShareForm,
  clientAddress: string,
): Promise<ShareOutcome> {
  if (form.site_web.trim() !== '') return { kind: 'ignored' };
  const rules = rulesFor(deps, site, clientAddress, form.destinataire);
  const now = deps.clock.now();
  const full = await takeRateLimitSlots(deps.db, rules, now);
  if (full) {
    const scope = full === rules[0] ? 'client' : full === rules[1] ? 'recipient' : 'workspace';
    return { kind: 'limited', scope };
  }
  try {
    await deps.mailer.send(composeShareMessage(site, page, form));
  } catch (error) {
    await releaseRateLimitSlots(deps.db, rules, now);
    return { kind: 'delivery_failed', error };
  }
  return { kind: 'sent' };
}
