import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export class MailDeliveryError extends Error {}

/** nodemailer loads with the first message, not with every start of the server. */
function lazyTransport(create: (mailer: typeof import('nodemailer')) => Transporter) {
  let transport: Promise<Transporter> | undefined;
  return {
    get: () => {
      transport ??= import('nodemailer').then((module) => create(module.default));
      return transport;
    },
    // A transport that never loaded has nothing to close, and must not fail the shutdown.
    close: () => void transport?.then((created) => created.close()).catch(() => undefined),
  };
}

/** Delivers through the SMTP server of `SMTP_URL`. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  // A silent mail server must not hold a request for minutes (nodemailer's defaults).
  const transport = lazyTransport((nodemailer) =>
    nodemailer.createTransport(
      { url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never,
      { from },
    ),
  );
  return {
    async send(message) {
      try {
        await (await transport.get()).sendMail({ ...message, from });
      } catch (error) {
        throw new MailDeliveryError((error as Error).message, { cause: error });
      }
    },
    close: transport.close,
  };
}

/** Without SMTP, each message is kept as an .eml file, never dropped. */
export function createFileMailer(directory: string, from: string): Mailer {
  const transport = lazyTransport((nodemailer) =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
  );
  return {
    async send(message) {
      const info = await (await transport.get()).sendMail({ ...message, from });
      await mkdir(directory, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(path.join(directory, `${stamp}-${randomUUID()}.eml`), info.message as Buffer, {
        mode: 0o600,
      });
    },
    close: transport.close,
  };
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  dataDir: string;
}): Mailer {
  return options.smtpUrl
    ? createSmtpMailer(options.smtpUrl, options.from)
    : createFileMailer(path.join(options.dataDir, 'mail'), options.from);
}
