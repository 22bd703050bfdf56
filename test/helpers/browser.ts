import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

/**
 * Our own flags, never @sparticuz/chromium's default `args`: those turn off web security
 * and would hide CSP and XSS faults (conventions.md, "The browser").
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

const LAUNCH_TIMEOUT_MS = 60_000;
/** Bounds every action and navigation, so a broken page fails the test instead of hanging it. */
const ACTION_TIMEOUT_MS = 15_000;

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function onPath(name: string): Promise<string | undefined> {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Chromium, in the order conventions.md gives: CHROMIUM_PATH, the PATH, then @sparticuz/chromium's binary. */
export async function findChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!(await isExecutable(fromEnv))) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  for (const name of ['chromium', 'google-chrome']) {
    const found = await onPath(name);
    if (found) return found;
  }
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

export interface TestBrowser {
  browser: Browser;
  /**
   * A fresh context (its own cookies): axe needs pages opened from a context. `options` adds to
   * the French locale and the viewport, e.g. `{ javaScriptEnabled: false }`.
   */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = await findChromium();
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      args: [...CHROMIUM_FLAGS],
      timeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (error) {
    const version = await promisify(execFile)(executablePath, ['--version'], { timeout: 10_000 }).then(
      (result) => result.stdout.trim(),
      () => 'version unknown',
    );
    throw new Error(`Chromium at ${executablePath} (${version}) did not start: ${(error as Error).message}`);
  }
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newContext(options = {}) {
      const context = await browser.newContext({
        locale: 'fr-FR',
        viewport: { width: 1280, height: 800 },
        ...options,
      });
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
      contexts.push(context);
      return context;
    },
    async close() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close();
    },
  };
}
