import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { chooseLogFormat, type LogFormat } from './platform/logging.js';

/** Everything the process reads from its environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Unset: the embedded PGlite database lives in `dataDir`. */
  databaseUrl: string | undefined;
  /** The only source of absolute links; never the request's Host header. */
  publicUrl: URL;
  sessionSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Readable lines at a terminal, JSON otherwise; LOG_FORMAT chooses either. */
  logFormat: LogFormat;
  /**
   * Which proxies may tell the client's address (X-Forwarded-For): false, true (any), a number
   * of hops, or addresses/CIDR ranges. Per-client limits count the address this gives.
   */
  trustProxy: boolean | number | string[];
  /** Megabytes of rendered public pages kept in memory; 0 turns the render cache off. */
  renderCacheMb: number;
  /** How often the job queue looks for due work, in milliseconds; 0 leaves it stopped (tests run it). */
  jobsPollMs: number;
}

const environmentSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT doit être un nombre' })
    .int('PORT doit être un nombre entier')
    .min(1, 'PORT doit être compris entre 1 et 65535')
    .max(65535, 'PORT doit être compris entre 1 et 65535')
    .default(3000),
  HOST: z.string().min(1, 'HOST ne peut pas être vide').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'DATA_DIR ne peut pas être vide').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL doit commencer par postgres:// ou postgresql://')
    .optional(),
  PUBLIC_URL: z
    .url({ error: 'PUBLIC_URL doit être une adresse complète, par exemple https://cooperation.example.fr' })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET doit compter au moins 32 caractères').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL doit commencer par smtp:// ou smtps://')
    .optional(),
  MAIL_FROM: z
    .string()
    .min(3, 'MAIL_FROM ne peut pas être vide')
    .default('Entente <ne-pas-repondre@localhost>'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
      error: 'TRUST_PROXY : true, false, un nombre de relais, ou des adresses IP séparées par des virgules',
    })
    .optional(),
  RENDER_CACHE_MB: z.coerce
    .number({ error: 'RENDER_CACHE_MB doit être un nombre' })
    .min(0, 'RENDER_CACHE_MB doit être positif ou nul (0 arrête le cache des pages)')
    .max(65536, 'RENDER_CACHE_MB doit rester sous 65536')
    .default(64),
  JOBS_POLL_MS: z.coerce
    .number({ error: 'JOBS_POLL_MS doit être un nombre' })
    .int('JOBS_POLL_MS doit être un nombre entier')
    .min(0, 'JOBS_POLL_MS doit être positif ou nul (0 arrête la file de tâches)')
    .max(3_600_000, 'JOBS_POLL_MS doit rester sous une heure')
    .default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'LOG_FORMAT : json ou pretty' }).optional(),
});

export class ConfigError extends Error {}

/** Empty strings count as unset, as a shell `FOO= npm start` means. */
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTTY: boolean = process.stdout.isTTY === true,
): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')} : ${issue.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.DATA_DIR);
  if (values.DATABASE_URL && !values.SESSION_SECRET) {
    throw new ConfigError(
      'Configuration invalide :\n  - SESSION_SECRET est obligatoire avec DATABASE_URL (au moins 32 caractères)',
    );
  }
  const publicUrl = new URL(values.PUBLIC_URL ?? `http://localhost:${values.PORT}`);
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseUrl: values.DATABASE_URL,
    publicUrl,
    sessionSecret: values.SESSION_SECRET ?? readOrCreateSessionSecret(dataDir),
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    logLevel: values.LOG_LEVEL,
    logFormat: chooseLogFormat(values.LOG_FORMAT, stdoutIsTTY),
    trustProxy: parseTrustProxy(values.TRUST_PROXY),
    renderCacheMb: values.RENDER_CACHE_MB,
    jobsPollMs: values.JOBS_POLL_MS,
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
}

/** On the embedded database a secret is made once and kept, so cookies survive restarts. */
function readOrCreateSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
