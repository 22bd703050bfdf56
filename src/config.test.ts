import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test/helpers/temp-dir.js';
import { ConfigError, loadConfig } from './config.js';

const tempDir = useTempDirs('entente-config');

describe('loadConfig', () => {
  it('runs with no configuration at all, on the embedded database', async () => {
    const dataDir = await tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl.href).toBe('http://localhost:3000/');
    expect(config.smtpUrl).toBeUndefined();
  });

  it('logs readable lines at a terminal only, unless LOG_FORMAT says which', async () => {
    const dataDir = await tempDir();
    expect(loadConfig({ DATA_DIR: dataDir }, true).logFormat).toBe('pretty');
    expect(loadConfig({ DATA_DIR: dataDir }, false).logFormat).toBe('json');
    expect(loadConfig({ DATA_DIR: dataDir, LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ DATA_DIR: dataDir, LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
    expect(() => loadConfig({ DATA_DIR: dataDir, LOG_FORMAT: 'yaml' })).toThrow(
      /LOG_FORMAT : json ou pretty/,
    );
  });

  it('keeps 64 MB of rendered pages unless RENDER_CACHE_MB says otherwise; 0 turns the cache off', async () => {
    const dataDir = await tempDir();
    expect(loadConfig({ DATA_DIR: dataDir }).renderCacheMb).toBe(64);
    expect(loadConfig({ DATA_DIR: dataDir, RENDER_CACHE_MB: '0' }).renderCacheMb).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir, RENDER_CACHE_MB: '256' }).renderCacheMb).toBe(256);
    expect(loadConfig({ DATA_DIR: dataDir }).jobsPollMs).toBe(1000);
    expect(loadConfig({ DATA_DIR: dataDir, JOBS_POLL_MS: '0' }).jobsPollMs).toBe(0);
    expect(() => loadConfig({ DATA_DIR: dataDir, JOBS_POLL_MS: 'souvent' })).toThrow(/JOBS_POLL_MS/);
    expect(() => loadConfig({ DATA_DIR: dataDir, RENDER_CACHE_MB: '-1' })).toThrow(
      /RENDER_CACHE_MB doit être positif/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, RENDER_CACHE_MB: 'beaucoup' })).toThrow(
      /RENDER_CACHE_MB doit être un nombre/,
    );
  });

  it('derives PUBLIC_URL from PORT when it is not given', async () => {
    expect(loadConfig({ DATA_DIR: await tempDir(), PORT: '8080' }).publicUrl.href).toBe(
      'http://localhost:8080/',
    );
  });

  it('makes a session secret once, readable by its owner only, and reuses it', async () => {
    const dataDir = await tempDir();
    const first = loadConfig({ DATA_DIR: dataDir }).sessionSecret;
    const second = loadConfig({ DATA_DIR: dataDir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    const mode = (await stat(path.join(dataDir, 'session-secret'))).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('requires SESSION_SECRET with DATABASE_URL, with a clear message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/entente' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/entente' })).toThrow(
      /SESSION_SECRET est obligatoire/,
    );
  });

  it.each([
    [{ PORT: 'abc' }, /PORT doit être un nombre/],
    [{ PORT: '70000' }, /PORT doit être compris entre 1 et 65535/],
    [{ PUBLIC_URL: 'cooperation.example.fr' }, /PUBLIC_URL doit être une adresse complète/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL doit commencer par postgres/],
    [{ SMTP_URL: 'http://x' }, /SMTP_URL doit commencer par smtp/],
  ])('refuses %o with a French message naming the variable', async (env, message) => {
    expect(() => loadConfig({ DATA_DIR: 'unused', SESSION_SECRET: 'x'.repeat(32), ...env })).toThrow(message);
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['127.0.0.1, 10.0.0.0/8', ['127.0.0.1', '10.0.0.0/8']],
  ])('reads TRUST_PROXY=%s', async (value, expected) => {
    const env = value === undefined ? {} : { TRUST_PROXY: value };
    expect(loadConfig({ DATA_DIR: await tempDir(), ...env }).trustProxy).toEqual(expected);
  });

  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(() => loadConfig({ DATA_DIR: 'x', SESSION_SECRET: 'x'.repeat(32), TRUST_PROXY: 'oui' })).toThrow(
      /TRUST_PROXY/,
    );
  });

  it('treats an empty variable as unset', async () => {
    const config = loadConfig({ DATA_DIR: await tempDir(), DATABASE_URL: '', SMTP_URL: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
  });
});
