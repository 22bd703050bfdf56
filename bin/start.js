#!/usr/bin/env node
// `npm start`: runs src/server.ts from JavaScript compiled ahead, so that a restart loads plain
// modules. On Node 20, module hooks (tsx's, or any) send every module load to a second thread and
// back: about 660 modules, 2 to 3 seconds of a restart on 2 cores (docs/performance.md).
//
// The compiled copy lives in node_modules/.cache/entente/<fingerprint of src/>: a change under
// src/ makes a new one at the next start, with esbuild (the compiler tsx itself runs, ~0.5 s).
// Where that cannot be done (no esbuild, node_modules read-only), the server runs through tsx.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
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
  for (const file of files.sort()) {
    const stat = statSync(path.join(sourceDir, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
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

async function compile(esbuild, files, outDir) {
  const temporary = `${outDir}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  const code = files.filter((file) => /\.tsx?$/.test(file));
  await esbuild.build({
    entryPoints: code.map((file) => path.join(sourceDir, file)),
    outdir: temporary,
    outbase: sourceDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: 'linked',
    // A file that does not compile is reported by tsx, which then runs it (below).
    logLevel: 'silent',
  });
  // Assets, demo files: read at run time next to the modules that name them.
  for (const file of files.filter((name) => !/\.tsx?$/.test(name))) {
    mkdirSync(path.dirname(path.join(temporary, file)), { recursive: true });
    cpSync(path.join(sourceDir, file), path.join(temporary, file));
  }
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
      await compile(esbuild, files, outDir);
      pruneOldCopies(name);
    }
    return path.join(outDir, 'server.js');
  } catch {
    return null;
  }
}

const entry = await compiledEntry();
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  // As before step 4: slower to start, same server.
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(sourceDir, 'server.ts')).href);
}
