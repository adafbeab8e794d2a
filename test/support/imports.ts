import { dirname, join, normalize } from 'node:path/posix';

/**
 * The relative imports of TypeScript and JavaScript source, type-only ones included (a type
 * import is still a dependency a reader has to follow), found by pattern rather than by a
 * parser: enough for code in this project's style, and free of dependencies.
 */
const importPatterns = [
  // import x from '…', import type { X } from '…', export { x } from '…', export * from '…'
  /^\s*(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s+['"]([^'"]+)['"]/gm,
  // import '…' (for its effects)
  /^\s*import\s+['"]([^'"]+)['"]/gm,
  // await import('…')
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

const specifiersOf = new Map<string, string[]>();

/** Cached by source: the combination test asks about the same files thousands of times. */
export function importSpecifiers(source: string): string[] {
  let specifiers = specifiersOf.get(source);
  if (!specifiers) {
    specifiers = [...new Set(importPatterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!)))];
    specifiersOf.set(source, specifiers);
  }
  return specifiers;
}

/** Candidate files for a relative specifier, as TypeScript's NodeNext and bundler resolution try them. */
export function resolutionCandidates(from: string, specifier: string): string[] {
  const path = normalize(join(dirname(from), specifier));
  const stem = path.replace(/\.(m?js|jsx)$/, '');
  return [path, `${stem}.ts`, `${stem}.tsx`, `${stem}.js`, `${stem}.mjs`, `${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}/index.tsx`];
}

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Each file's relative imports, resolved to files that exist (in `files`); unresolved ones are listed apart. */
export function importGraph(files: ReadonlyMap<string, string>): { graph: Map<string, string[]>; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const [path, source] of files) {
    const edges: string[] = [];
    for (const specifier of importSpecifiers(source).filter((s) => s.startsWith('.'))) {
      const target = resolutionCandidates(path, specifier).find((candidate) => files.has(candidate));
      if (target) edges.push(target);
      else unresolved.push(`${path}: ${specifier}`);
    }
    graph.set(path, edges);
  }
  return { graph, unresolved };
}

/** Every import cycle, each once, as the files around it (Tarjan's strongly connected components). */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}
