import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering that docs/architecture.md describes, checked on every source file (tests left
 * out), so that a new module cannot quietly break it: `db/` and `platform/` import no module;
 * no module imports `app.ts` (which imports them all); a module reads another module through its
 * service, never its repository or its views.
 */
const SRC = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) return [];
    return [full];
  });
}

/** The files a source file imports, as paths relative to src/ (packages left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (match) => match[1]!,
  );
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) =>
      path
        .relative(SRC, path.resolve(path.dirname(file), specifier))
        .replace(/\.js$/, '')
        .split(path.sep)
        .join('/'),
    );
}

/** `modules/pages/pages.repo` → `pages`; anything outside modules/ → null. */
function moduleOf(relative: string): string | null {
  const match = /^modules\/([^/]+)\//.exec(relative);
  return match ? match[1]! : null;
}

const files = sourceFiles(SRC).map((file) => ({
  relative: path.relative(SRC, file).split(path.sep).join('/'),
  imports: importsOf(file),
}));

describe('the layers of src/', () => {
  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.find((file) => file.relative === 'app.ts')?.imports).toContain('modules/pages/pages.routes');
  });

  it('db/ and platform/ import no module', () => {
    const wrong = files.flatMap(({ relative, imports }) =>
      /^(db|platform)\//.test(relative)
        ? imports.filter((target) => target.startsWith('modules/')).map((target) => `${relative} → ${target}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });

  it('no module, db/ or platform/ file imports app.ts', () => {
    const wrong = files.flatMap(({ relative, imports }) =>
      relative !== 'server.ts' && relative !== 'cli.ts' && imports.includes('app')
        ? [`${relative} → app`]
        : [],
    );
    expect(wrong).toEqual([]);
  });

  it('a module reads another module through its service, never its repository or views', () => {
    const wrong = files.flatMap(({ relative, imports }) => {
      const own = moduleOf(relative);
      if (!own) return [];
      return imports
        .filter((target) => {
          const other = moduleOf(target);
          return other !== null && other !== own && /\.(repo|views)$/.test(target);
        })
        .map((target) => `${relative} → ${target}`);
    });
    expect(wrong).toEqual([]);
  });
});
