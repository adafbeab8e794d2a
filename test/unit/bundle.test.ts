import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOptions } from '../../src/build/build-options.js';

/**
 * What each command loads, read from the bundle's own metafile: the modules a chunk pulls
 * in through static imports are loaded before it runs, whether used or not. Start-up time
 * itself is measured by `npm run bench`, never asserted here.
 */
let outputs: Metafile['outputs'];
let code: string;
beforeAll(async () => {
  const result = await build({ ...buildOptions, write: false, metafile: true, logLevel: 'silent' });
  outputs = result.metafile.outputs;
  code = result.outputFiles.map((file) => file.text).join('\n');
}, 60_000);

/** Every source file loaded when `start` is, following static imports only. */
function loadedWith(start: string): string[] {
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of outputs[output]!.imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(start);
  return [...seen].flatMap((output) => Object.keys(outputs[output]!.inputs));
}

const chunkWith = (input: string) => Object.keys(outputs).find((output) => input in outputs[output]!.inputs)!;
const packagesIn = (inputs: readonly string[]) =>
  [...new Set(inputs.filter((i) => i.includes('node_modules/')).map((i) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(i)![1]!))].sort();

describe('the published bundle', () => {
  it('starts with commander and the answer table only: --help never loads zod, Handlebars, chalk, execa or the prompts', () => {
    const entry = Object.keys(outputs).find((output) => outputs[output]!.entryPoint === 'src/cli.ts')!;
    const loaded = loadedWith(entry);
    expect(packagesIn(loaded)).toEqual(['commander']);
    expect(loaded).toContain('src/options/answers.ts');
    expect(loaded).not.toContain('src/options/schema.ts');
  });

  it('loads the planner when creating a project, but execa and the prompts only when a step runs or a question is asked', () => {
    const loaded = packagesIn(loadedWith(chunkWith('src/commands/create.ts')));
    expect(loaded).toEqual(expect.arrayContaining(['chalk', 'handlebars', 'zod']));
    expect(loaded).not.toContain('execa');
    expect(loaded.filter((name) => name.startsWith('@inquirer/'))).toEqual([]);
  });

  it('ships the Handlebars runtime but not its compiler (templates are precompiled), and zod/mini but not full zod', () => {
    const inputs = Object.values(outputs).flatMap((output) => Object.keys(output.inputs));
    expect(inputs.filter((input) => input.includes('handlebars/compiler'))).toEqual([]);
    expect(inputs.filter((input) => input.includes('node_modules/zod/v4/classic/'))).toEqual([]);
  });

  it('leaves the templates out: each feature folder is a module of its own (dist/templates/<folder>.cjs), required when a plan first asks for it', () => {
    expect(code).toMatch(/\("\.\/templates\/"\+\w+\+"\.cjs"\)/);
    // A line of a template (templates/base/infra/app.ts) is in no chunk.
    expect(code).not.toContain('defineApp(new App())');
  });
});
