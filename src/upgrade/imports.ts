import { posix } from 'node:path';

/**
 * The project files a TypeScript or JavaScript file imports by a relative path, as project
 * paths: `import { x } from '../constructs/y.js'` in `infra/stacks/s.ts` is
 * `infra/constructs/y.ts`. Enough to tell a user which files a kept file still needs when
 * upgrade removes them; not a parser (an import in a comment counts too, which errs on the
 * side of saying more).
 */
const specifiers = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Extensions a `.js` specifier may stand for in TypeScript sources, in the order tsc tries them. */
const sourceExtensions = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.mjs', '/index.ts', '/index.js'] as const;

export function relativeImports(path: string, text: string): string[] {
  const found = new Set<string>();
  for (const [, specifier] of text.matchAll(specifiers)) found.add(posix.normalize(posix.join(posix.dirname(path), specifier!)));
  return [...found];
}

/** Which of the files a file imports are among `paths` (e.g. the files this upgrade removes). */
export function importsAmong(path: string, text: string, paths: ReadonlySet<string>): string[] {
  return relativeImports(path, text).flatMap((imported) => {
    const stem = imported.replace(/\.(m?js|jsx)$/, '');
    const candidates = [imported, ...sourceExtensions.map((extension) => `${stem}${extension}`)];
    return candidates.filter((candidate) => paths.has(candidate)).slice(0, 1);
  });
}
