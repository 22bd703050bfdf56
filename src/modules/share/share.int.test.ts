import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { decodeMail } from '../../../test/helpers/mail.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js';
import { DEMO } from '../../db/seeds/demo.js';
import { messages } from '../../platform/i18n/fr.js';

const errors = messages.share.errors;
const FORM_URL = `/envoyer-a-un-ami?page=${encodeURIComponent(DEMO.cooperationPath)}`;

let smtp: TestSmtpServer;
let t: TestApp;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await t.database.db.deleteFrom('rate_limit_hits').execute();
});

/** Opens the form as a browser would: the CSRF cookie and the token of the page. */
async function openForm(app = t.app) {
  const response = await app.inject({ method: 'GET', url: FORM_URL });
  const document = parseHtml(response.body);
  const token = document.querySelector('input[name="_csrf"]')!.getAttribute('value')!;
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { response, token, cookie };
}

async function submit(
  fields: Record<string, string>,
  options: { remoteAddress?: string; app?: TestApp } = {},
) {
  const target = options.app ?? t;
  const { token, cookie } = await openForm(target.app);
  const response = await target.app.inject({
    method: 'POST',
    url: '/envoyer-a-un-ami',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, page: DEMO.cooperationPath, ...fields }).toString(),
    remoteAddress: options.remoteAddress ?? '203.0.113.10',
  });
  return { response, document: parseHtml(response.body) };
}

const validFields = { destinataire: 'ami@example.org', nom: 'Florence', message: 'Une page à lire.' };

/** Waits for the SMTP server to finish receiving (it acknowledges before the test reads). */
async function receivedCount(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return smtp.received.length;
}

describe('Envoyer à un ami', () => {
  it('shows the form for a published page', async () => {
    const { response } = await openForm();
    const document = parseHtml(response.body);
    expect(response.statusCode).toBe(200);
    expect(textOf(document.querySelector('h1'))).toBe('Envoyer à un ami');
    expect(document.querySelector('label[for="destinataire"]')).not.toBeNull();
    expect(document.querySelector('label[for="nom"]')).not.toBeNull();
    expect(document.querySelector('label[for="message"]')).not.toBeNull();
  });

  it('answers 404 for a page that does not exist', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/envoyer-a-un-ami?page=/nulle-part' });
    expect(response.statusCode).toBe(404);
  });

  it('delivers exactly one message with the page title and its absolute link under PUBLIC_URL', async () => {
    const { response, document } = await submit(validFields);
    expect(response.statusCode).toBe(200);
    expect(textOf(document.querySelector('h1'))).toBe('Message envoyé');
    expect(await receivedCount()).toBe(1);
    const [message] = smtp.received;
    expect(message!.to).toEqual(['ami@example.org']);
    expect(message!.from).toBe('ne-pas-repondre@example.test');
    const mail = decodeMail(message!.raw);
    // A fixed subject: nothing the visitor typed.
    expect(mail.subject).toBe(
      'Un visiteur vous recommande une page du site Communauté de communes du Pays des Écrins',
    );
    expect(mail.subject).not.toContain('Florence');
    expect(mail.text).toContain('La coopération décentralisée');
    expect(mail.text).toContain(new URL(DEMO.cooperationPath, TEST_PUBLIC_URL).href);
    expect(mail.text).toContain('Une page à lire.');
  });

  it('takes absolute links from PUBLIC_URL, never from the Host header', async () => {
    const { token, cookie } = await openForm();
    await t.app.inject({
      method: 'POST',
      url: '/envoyer-a-un-ami',
      headers: { cookie, host: 'evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, page: DEMO.cooperationPath, ...validFields }).toString(),
    });
    expect(await receivedCount()).toBe(1);
    const mail = decodeMail(smtp.received[0]!.raw);
    expect(mail.text).not.toContain('evil.example');
    expect(mail.text).toContain(TEST_PUBLIC_URL);
  });

  it.each([
    ['a malformed address', { destinataire: 'ami@' }, 'destinataire', errors.recipientInvalid],
    [
      'several recipients',
      { destinataire: 'a@example.org, b@example.org' },
      'destinataire',
      errors.recipientSeveral,
    ],
    [
      'a line break in the recipient',
      { destinataire: 'a@example.org\r\nBcc: victim@example.org' },
      'destinataire',
      errors.lineBreak,
    ],
    ['a line break in the name', { nom: 'Flo\r\nBcc: victim@example.org' }, 'nom', errors.lineBreak],
    ['a missing recipient', { destinataire: '' }, 'destinataire', errors.recipientRequired],
    ['a missing name', { nom: '' }, 'nom', errors.senderRequired],
    [
      'a message over 500 characters',
      { message: 'a'.repeat(501) },
      'message',
      errors.messageTooLong(500, 501),
    ],
  ])(
    'refuses %s with status 400, the message beside the field, and sends nothing',
    async (_case, override, field, expected) => {
      const fields = { ...validFields, ...override };
      const { response, document } = await submit(fields);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      const summaryLinks = [...document.querySelectorAll('.error-summary a')];
      expect(summaryLinks.map((a) => a.getAttribute('href'))).toEqual([`#${field}`]);
      const beside = textOf(document.getElementById(`${field}-error`));
      expect(beside.replace(/^Erreur : /, '')).toBe(expected.replace(/\s+/g, ' '));
      expect(document.getElementById(field)?.getAttribute('aria-invalid')).toBe('true');
      // What was typed comes back.
      const typed = document.getElementById('nom')?.getAttribute('value');
      expect(typed).toBe(fields.nom);
      expect(textOf(document.querySelector('title'))).toMatch(/^Erreur : /);
      expect(await receivedCount()).toBe(0);
    },
  );

  it('refuses a line break in the recipient even where it could pass for spaces', async () => {
    const { response } = await submit({ ...validFields, destinataire: 'a@example.org\nb@example.org' });
    expect(response.statusCode).toBe(400);
    expect(await receivedCount()).toBe(0);
  });

  it('lists every faulty field in the summary, in page order', async () => {
    const { response, document } = await submit({ destinataire: '', nom: '', message: 'x'.repeat(600) });
    expect(response.statusCode).toBe(400);
    expect([...document.querySelectorAll('.error-summary a')].map((a) => a.getAttribute('href'))).toEqual([
      '#destinataire',
      '#nom',
      '#message',
    ]);
    expect(await receivedCount()).toBe(0);
  });

  it('refuses a post without the CSRF token with a French 403 page, and sends nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/envoyer-a-un-ami',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ page: DEMO.cooperationPath, ...validFields }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(textOf(parseHtml(response.body).querySelector('h1'))).toBe('Le formulaire a expiré');
    expect(await receivedCount()).toBe(0);
  });

  it('says it sent, and sends nothing, when the honeypot is filled', async () => {
    const { response } = await submit({ ...validFields, site_web: 'http://spam.example' });
    expect(response.statusCode).toBe(200);
    expect(await receivedCount()).toBe(0);
  });

  it('allows 5 sends per client per hour, then answers 429 in French', async () => {
    const to = (i: number) => ({ ...validFields, destinataire: `ami${i}@example.org` });
    for (let i = 0; i < 5; i++) {
      const { response } = await submit(to(i), { remoteAddress: '198.51.100.7' });
      expect(response.statusCode).toBe(200);
    }
    const { response, document } = await submit(to(5), { remoteAddress: '198.51.100.7' });
    expect(response.statusCode).toBe(429);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(document.querySelector('h1'))).toBe('Trop d’envois');
    expect(await receivedCount()).toBe(5);
    // Another client is not held back by the first.
    const other = await submit(to(6), { remoteAddress: '198.51.100.8' });
    expect(other.response.statusCode).toBe(200);
    // An hour later, the first client may send again.
    t.clock.advance(60 * 60 * 1000 + 1);
    const later = await submit(to(7), { remoteAddress: '198.51.100.7' });
    expect(later.response.statusCode).toBe(200);
  });

  it('sends one address 3 pages a day at most, whoever sends them, whatever the case or the +tag', async () => {
    for (const [i, address] of [
      'Cible@Example.org',
      'cible+promo@example.org',
      'CIBLE@EXAMPLE.ORG',
    ].entries()) {
      const { response } = await submit(
        { ...validFields, destinataire: address },
        { remoteAddress: `198.51.100.${20 + i}` },
      );
      expect(response.statusCode).toBe(200);
    }
    const { response, document } = await submit(
      { ...validFields, destinataire: 'cible@example.org' },
      { remoteAddress: '198.51.100.30' },
    );
    expect(response.statusCode).toBe(429);
    expect(textOf(document.querySelector('main'))).toContain(plainText(messages.share.tooManyPerRecipient));
    expect(await receivedCount()).toBe(3);
    // The address itself is not kept: only a keyed hash, for a day.
    const buckets = await t.database.db.selectFrom('rate_limit_hits').select('bucket').execute();
    expect(buckets.some((hit) => /cible/i.test(hit.bucket))).toBe(false);
    // Another address is not held back; a day later, this one may receive again.
    expect(
      (
        await submit(
          { ...validFields, destinataire: 'autre@example.org' },
          { remoteAddress: '198.51.100.31' },
        )
      ).response.statusCode,
    ).toBe(200);
    t.clock.advance(24 * 60 * 60 * 1000 + 1);
    expect(
      (
        await submit(
          { ...validFields, destinataire: 'cible@example.org' },
          { remoteAddress: '198.51.100.32' },
        )
      ).response.statusCode,
    ).toBe(200);
  });

  it('refuses a message or a name holding a link, and sends nothing', async () => {
    for (const fields of [
      { ...validFields, message: 'Gagnez un prix sur https://evil.example/promo' },
      { ...validFields, message: 'Gagnez un prix sur evil.example' },
      { ...validFields, nom: 'evil.example' },
    ]) {
      const { response, document } = await submit(fields);
      expect(response.statusCode).toBe(400);
      const field = fields.nom === validFields.nom ? 'message' : 'nom';
      expect(textOf(document.getElementById(`${field}-error`))).toContain(
        plainText(field === 'message' ? errors.messageWithLink : errors.nameWithLink),
      );
    }
    expect(await receivedCount()).toBe(0);
  });

  it('allows 200 sends per workspace per day, whatever the clients', async () => {
    const workspace = await t.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('is_default', '=', true)
      .executeTakeFirstOrThrow();
    const now = t.clock.now();
    await t.database.db
      .insertInto('rate_limit_hits')
      .values(Array.from({ length: 200 }, () => ({ bucket: `share:workspace:${workspace.id}`, hit_at: now })))
      .execute();
    const { response, document } = await submit(validFields, { remoteAddress: '192.0.2.99' });
    expect(response.statusCode).toBe(429);
    expect(textOf(document.querySelector('main'))).toContain('aujourd’hui');
    expect(await receivedCount()).toBe(0);
  });
});

describe('without SMTP_URL', () => {
  it('writes the message as an .eml file in DATA_DIR/mail', async () => {
    const fileApp = await createTestApp();
    try {
      const { response } = await submit(validFields, { app: fileApp });
      expect(response.statusCode).toBe(200);
      const directory = path.join(fileApp.config.dataDir, 'mail');
      const files = (await readdir(directory)).filter((name) => name.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const mail = decodeMail(await readFile(path.join(directory, files[0]!), 'utf8'));
      expect(mail.to).toBe('ami@example.org');
      expect(mail.text).toContain(new URL(DEMO.cooperationPath, TEST_PUBLIC_URL).href);
    } finally {
      await fileApp.close();
    }
  });
});

describe('behind a trusted reverse proxy', () => {
  it('counts each client by the address the proxy forwards, not the proxy’s own', async () => {
    const proxied = await createTestApp({ smtpUrl: smtp.url, trustProxy: ['127.0.0.1'] });
    try {
      const sendFrom = async (client: string, recipient: number) => {
        const { token, cookie } = await openForm(proxied.app);
        return proxied.app.inject({
          method: 'POST',
          url: '/envoyer-a-un-ami',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
          payload: new URLSearchParams({
            _csrf: token,
            page: DEMO.cooperationPath,
            ...validFields,
            destinataire: `voisin${recipient}@example.org`,
          }).toString(),
          remoteAddress: '127.0.0.1',
        });
      };
      for (let i = 0; i < 5; i++) expect((await sendFrom('203.0.113.50', i)).statusCode).toBe(200);
      expect((await sendFrom('203.0.113.50', 5)).statusCode).toBe(429);
      // Another visitor behind the same proxy is not held back.
      expect((await sendFrom('203.0.113.51', 6)).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});
