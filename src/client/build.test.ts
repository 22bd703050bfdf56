import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildClientScripts } from './build.js';

describe('the browser scripts built from src/client/', () => {
  it('are in src/assets/ as their sources build them today (run `npm run build:client` after a change)', async () => {
    for (const [asset, code] of await buildClientScripts()) {
      const kept = await readFile(new URL(`../assets/${asset}`, import.meta.url), 'utf8');
      expect(kept === code, `src/assets/${asset} is out of date`).toBe(true);
      // Small: the turndown library bundled for the browser, not its Node DOM.
      expect(code.length, asset).toBeLessThan(40_000);
    }
  });
});
