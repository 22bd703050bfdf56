#!/usr/bin/env node
// `npm start`: runs src/server.ts as one JavaScript file bundled ahead, so that a restart loads a
// few large modules instead of ~660 small ones. On Node 20, module hooks (tsx's, or any) send every
// module load to a second thread and back; the loader's own work per module counts too
// (docs/performance.md).
//
// The bundle lives in node_modules/.cache/entente/server-<fingerprint>/: a change under src/, in
// package-lock.json or in this file makes a new one at the next start, with esbuild (the compiler
// tsx itself runs, well under a second). Where that cannot be done (no esbuild, node_modules
// read-only, a file that does not compile), the server runs through tsx as before.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = path.join(root, 'src');
const cacheDir = path.join(root, 'node_modules', '.cache', 'entente');
const KEEP = 3;

/** Every file under src/ but tests, as paths relative to src/. */
function listSources(dir = sourceDir, prefix = '') {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...listSources(path.join(dir, entry.name), relative));
    else if (!/\.test\.tsx?$/.test(entry.name)) files.push(relative);
  }
  return files;
}

/** Names, sizes and modification times: any edit, addition or removal changes it. */
function fingerprint(files) {
  const hash = createHash('sha256');
  const inputs = [
    ...files.sort().map((file) => path.join(sourceDir, file)),
    path.join(root, 'package-lock.json'),
    path.join(root, 'tsconfig.json'),
    fileURLToPath(import.meta.url),
  ];
  for (const file of inputs) {
    const stat = statSync(file, { throwIfNoEntry: false });
    hash.update(`${file}\0${stat?.size}\0${stat?.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

function loadEsbuild() {
  try {
    const require = createRequire(import.meta.url);
    return createRequire(require.resolve('tsx/package.json'))('esbuild');
  } catch {
    return null;
  }
}

/**
 * Dependencies bundled with the code: ES modules of many files each (kysely 263, zod 95,
 * libphonenumber-js 93, markdown-it 70), which Node would otherwise resolve and load one by one.
 * The others stay outside: native code (sharp), WebAssembly read from their folder (PGlite),
 * optional native add-ons (pg), or CommonJS that loads quickly as it is (Fastify and its plugins).
 */
const BUNDLED = ['kysely', 'zod', 'libphonenumber-js', 'markdown-it', 'preact', 'preact-render-to-string'];

async function compile(esbuild, outDir) {
  const temporary = `${outDir}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const external = Object.keys(packageJson.dependencies).filter((name) => !BUNDLED.includes(name));
  await esbuild.build({
    entryPoints: [path.join(sourceDir, 'server.ts')],
    outfile: path.join(temporary, 'server.js'),
    bundle: true,
    external: [...external, ...external.map((name) => `${name}/*`)],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: 'linked',
    // A file that does not compile is reported by tsx, which then runs it (below).
    logLevel: 'silent',
    // Bundled CommonJS code calls require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Each module keeps its own import.meta.url, so files read next to it (assets, demo files)
    // are read from src/ itself.
    plugins: [
      {
        name: 'source-import-meta-url',
        setup(build) {
          build.onLoad({ filter: /\.tsx?$/ }, (args) => {
            if (!args.path.startsWith(sourceDir)) return undefined;
            const contents = readFileSync(args.path, 'utf8').replaceAll(
              'import.meta.url',
              JSON.stringify(pathToFileURL(args.path).href),
            );
            return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
          });
        },
      },
    ],
  });
  // Under node_modules, Node looks no further up for "type": "module".
  writeFileSync(path.join(temporary, 'package.json'), '{ "type": "module" }\n');
  try {
    renameSync(temporary, outDir);
  } catch (error) {
    // Another start compiled the same sources meanwhile: its copy is as good.
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(outDir)) throw error;
  }
}

/** Older compiled copies, but the most recent few (a server started earlier may still use one). */
function pruneOldCopies(current) {
  const copies = readdirSync(cacheDir)
    .filter((name) => name.startsWith('server-') && name !== current)
    .map((name) => ({ name, time: statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of copies.slice(KEEP - 1)) {
    rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  }
}

/** The compiled server's entry, or null where it cannot be made (no esbuild, a read-only folder). */
async function compiledEntry() {
  const esbuild = loadEsbuild();
  if (!esbuild) return null;
  try {
    const files = listSources();
    const name = `server-${fingerprint(files)}`;
    const outDir = path.join(cacheDir, name);
    if (!existsSync(path.join(outDir, 'server.js'))) {
      mkdirSync(cacheDir, { recursive: true });
      await compile(esbuild, outDir);
      try {
        pruneOldCopies(name);
      } catch {
        // Old copies left behind cost disk space only; the new one is ready.
      }
    }
    return path.join(outDir, 'server.js');
  } catch (error) {
    // In French like every start line, written here: the catalogue is TypeScript, not loaded yet.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(
      `Entente : le serveur n’a pas pu être assemblé (${reason}) ; il démarre par tsx, plus lentement.\n`,
    );
    return null;
  }
}

const entry = await compiledEntry();
if (entry) {
  // Stack traces name the source files, not the bundle (Node reads source maps only when asked).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(entry).href);
} else {
  // As before step 4: slower to start, same server.
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(sourceDir, 'server.ts')).href);
}
