import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';
import { importCycles, importGraph } from '../support/imports.js';

/** The CLI's own source, as the rooms of its layout see each other. */
const sources = new Map(
  readdirSync(join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(ts|js)$/.test(path) && !path.endsWith('.d.ts'))
    .map((path) => [`src/${path.split('\\').join('/')}`, readFileSync(join(repoRoot, 'src', path), 'utf8')] as const),
);
const { graph, unresolved } = importGraph(sources);

/** A room of src/: its folder, or `core` for the files at the top (errors, log, interrupt, package-info). */
const roomOf = (path: string) => (path.split('/').length === 2 ? 'core' : path.split('/')[1]!);

/**
 * Which rooms each room may import from. Data flows one way, options → plan → write →
 * steps; upgrade and merge are write's neighbours; only commands (and cli.ts) see them all.
 */
const mayImport = {
  core: ['core', 'commands', 'options'],
  options: ['core', 'options'],
  plan: ['core', 'options', 'plan'],
  merge: ['merge'],
  write: ['core', 'options', 'plan', 'write'],
  upgrade: ['core', 'options', 'plan', 'merge', 'write', 'steps', 'upgrade'],
  steps: ['core', 'options', 'steps'],
  commands: ['core', 'options', 'plan', 'write', 'upgrade', 'steps', 'commands'],
  build: ['build'],
} as const satisfies Record<string, readonly string[]>;

describe('the source of the CLI', () => {
  it('imports only files that exist', () => {
    expect(unresolved).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps every room to the rooms it may import from', () => {
    const crossings = [...graph].flatMap(([from, targets]) =>
      targets.filter((to) => !(mayImport[roomOf(from) as keyof typeof mayImport] as readonly string[]).includes(roomOf(to))).map((to) => `${from} → ${to}`),
    );
    expect(crossings).toEqual([]);
  });

  it('has no file over 250 lines', () => {
    const long = [...sources].filter(([, source]) => source.split('\n').length > 250).map(([path, source]) => `${path}: ${source.split('\n').length} lines`);
    expect(long).toEqual([]);
  });

  it('names every room the layout table names', () => {
    expect([...new Set([...sources.keys()].map(roomOf))].sort()).toEqual(Object.keys(mayImport).sort());
  });
});
