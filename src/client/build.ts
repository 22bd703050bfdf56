/**
 * Builds the browser scripts of src/client/ into src/assets/ with esbuild: one file each, with
 * their libraries (turndown) bundled for the browser and minified. The built files are kept in
 * the repository so that `npm start` and the tests serve them without a build step; the test
 * beside this file fails when a built file no longer matches its source.
 *
 *   npm run build:client
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The entry points, by the asset they become. */
export const CLIENT_SCRIPTS: Record<string, string> = {
  'markdown-editor.js': 'markdown-editor.ts',
  'place-picker.js': 'place-picker.ts',
};

const clientDir = fileURLToPath(new URL('./', import.meta.url));
const assetsDir = fileURLToPath(new URL('../assets/', import.meta.url));

export async function buildClientScripts(): Promise<Map<string, string>> {
  const built = new Map<string, string>();
  for (const [asset, entry] of Object.entries(CLIENT_SCRIPTS)) {
    const result = await build({
      entryPoints: [`${clientDir}${entry}`],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: ['chrome100', 'firefox100', 'safari15'],
      minify: true,
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    });
    built.set(asset, `${result.outputFiles[0]!.text}`);
  }
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [asset, code] of await buildClientScripts()) {
    await writeFile(`${assetsDir}${asset}`, code);
    console.log(`src/assets/${asset}: ${code.length} bytes`);
  }
}
