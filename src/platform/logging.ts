import { hostname } from 'node:os';
import type { FastifyServerOptions } from 'fastify';
import { messages } from './i18n/fr.js';

/** `pretty`: readable lines for a person at a terminal; `json`: one pino JSON object per line. */
export type LogFormat = 'json' | 'pretty';

/** Readable lines only for a terminal, unless LOG_FORMAT says otherwise. */
export function chooseLogFormat(requested: LogFormat | undefined, stdoutIsTTY: boolean): LogFormat {
  return requested ?? (stdoutIsTTY ? 'pretty' : 'json');
}

/** pino's numeric levels. */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
type LevelName = keyof typeof LEVELS;

interface Destination {
  write(line: string): unknown;
}

/** Lines written before Fastify (and its pino) exists: opening the database, migrations, demo data. */
export interface EarlyLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface LogOutput {
  /** Fastify's `logger` option, in the chosen format. */
  fastifyLogger: NonNullable<FastifyServerOptions['logger']>;
  early: EarlyLog;
}

/**
 * One output for the whole process. JSON goes to stdout as pino writes it. Readable lines go
 * through pino-pretty as a stream in this thread, not as a transport: no worker thread to start,
 * and lines keep their order with the early ones.
 */
export async function createLogOutput(format: LogFormat, level: string): Promise<LogOutput> {
  let destination: Destination = process.stdout;
  let fastifyLogger: LogOutput['fastifyLogger'] = { level };
  if (format === 'pretty') {
    const { default: pretty } = await import('pino-pretty');
    const stream = pretty({
      sync: true,
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,readyMs,engine,address,startupPhases,cpuMs',
      singleLine: true,
      customPrettifiers: {
        level: (value) => messages.logging.levels[Number(value)] ?? String(value),
      },
    });
    destination = stream;
    fastifyLogger = { level, stream };
  }
  const threshold =
    level === 'silent' ? Number.POSITIVE_INFINITY : (LEVELS[level as LevelName] ?? LEVELS.info);
  const write = (levelName: LevelName, msg: string) => {
    if (LEVELS[levelName] < threshold) return;
    // The same fields as pino's lines, so that both formats read them alike.
    const line = { level: LEVELS[levelName], time: Date.now(), pid: process.pid, hostname: hostname(), msg };
    destination.write(`${JSON.stringify(line)}\n`);
  };
  return {
    fastifyLogger,
    early: { info: (msg) => write('info', msg), warn: (msg) => write('warn', msg) },
  };
}
