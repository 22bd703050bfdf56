import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The parts of a received message that tests read, decoded from MIME. */
export interface DecodedMail {
  subject: string;
  to: string;
  text: string;
  headers: Map<string, string>;
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const unwrapped = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < unwrapped.length; i++) {
    const char = unwrapped[i]!;
    if (char === '=' && /^[0-9A-F]{2}$/i.test(unwrapped.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(unwrapped.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words: =?UTF-8?Q?...?= and =?UTF-8?B?...?=, adjacent words joined. */
function decodeHeaderValue(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_all, _charset, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

/** Decodes a single-part text message as nodemailer writes it. */
export function decodeMail(raw: string): DecodedMail {
  const separator = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, separator).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(separator).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).toLowerCase(), decodeHeaderValue(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body).toString('utf8')
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return {
    subject: headers.get('subject') ?? '',
    to: headers.get('to') ?? '',
    text: text.replace(/\r\n/g, '\n'),
    headers,
  };
}

/**
 * The secret of the newest link `/<kind>/<token>` written to `to` as an .eml file in
 * DATA_DIR/mail (the app without SMTP_URL). Some messages leave after the answer: waits a little.
 */
export async function linkTokenFromMailFiles(
  dataDir: string,
  to: string,
  kind: 'mot-de-passe' | 'invitation',
): Promise<string> {
  const mailDir = path.join(dataDir, 'mail');
  const pattern = new RegExp(`/${kind}/([A-Za-z0-9_-]{20,100})`);
  for (let waited = 0; waited < 5000; waited += 25) {
    const names = (await readdir(mailDir).catch(() => [] as string[]))
      .filter((n) => n.endsWith('.eml'))
      .sort();
    let token: string | undefined;
    for (const name of names) {
      const mail = decodeMail(await readFile(path.join(mailDir, name), 'utf8'));
      if (mail.to.includes(to)) token = pattern.exec(mail.text)?.[1] ?? token;
    }
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`No /${kind}/ link was written to ${to}`);
}

/** Every message written to `to` as an .eml file in DATA_DIR/mail so far, oldest first. */
export async function mailFilesTo(dataDir: string, to: string): Promise<DecodedMail[]> {
  const mailDir = path.join(dataDir, 'mail');
  const names = (await readdir(mailDir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
  const mails = await Promise.all(
    names.map(async (name) => decodeMail(await readFile(path.join(mailDir, name), 'utf8'))),
  );
  return mails.filter((mail) => mail.to.includes(to));
}
