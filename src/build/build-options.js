// The esbuild options of dist/, shared by src/build/build.js and the unit test that checks
// what each command loads (test/unit/bundle.test.ts).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const templatesRoot = join(root, 'templates');

/**
 * The templates, packed for the published CLI: one CommonJS module per feature folder,
 * `dist/templates/<folder>.cjs`, with every file of the folder and each `.hbs` template
 * compiled ahead of time, so a generation reads no template from disk (one file per template,
 * ~200 of them, was most of its system calls), never runs the Handlebars compiler (only its
 * runtime is bundled: the compiler is four times the code to load), and loads only the folders
 * its answers select. src/plan/template-files.ts is replaced by one that requires these modules
 * as a folder is first asked for, and hands the compiled templates to src/plan/precompiled.ts.
 */
const packedTemplates = {
  name: 'packed-templates',
  setup(build) {
    build.onResolve({ filter: /^handlebars$/ }, (args) =>
      build.resolve('handlebars/runtime.js', { kind: args.kind, resolveDir: args.resolveDir }),
    );
    const folders = readdirSync(templatesRoot, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    build.onLoad({ filter: /[\\/]src[\\/]plan[\\/]template-files\.ts$/ }, () => ({
      contents: `import { createRequire } from 'node:module';
import { precompiled } from ${JSON.stringify(join(root, 'src', 'plan', 'precompiled.ts'))};
const folders = new Set(${JSON.stringify(folders)});
const load = createRequire(import.meta.url);
const cache = new Map();
export function templateFiles(feature) {
  let files = cache.get(feature);
  if (!files) {
    const packed = folders.has(feature) ? load('./templates/' + feature + '.cjs') : { files: [], compiled: {} };
    for (const file of packed.files) if (file.path in packed.compiled) precompiled.set(file.content, packed.compiled[file.path]);
    files = packed.files;
    cache.set(feature, files);
  }
  return files;
}
`,
      loader: 'js',
      resolveDir: join(root, 'src', 'plan'),
    }));
    build.onEnd((result) => {
      if (result.errors.length > 0 || build.initialOptions.write === false) return;
      const outdir = join(build.initialOptions.outdir, 'templates');
      mkdirSync(outdir, { recursive: true });
      for (const folder of folders) writeFileSync(join(outdir, `${folder}.cjs`), packedFolder(folder));
    });
  },
};

/** One feature folder as a CommonJS module: its files (same order and content as read from disk) and its compiled templates by path. */
function packedFolder(folder) {
  const dir = join(templatesRoot, folder);
  const files = walk(dir, '').map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8'), executable: (statSync(join(dir, path)).mode & 0o111) !== 0 }));
  // The same options render.ts compiles with at run time.
  const compiled = files.filter((file) => file.path.endsWith('.hbs')).map((file) => `${JSON.stringify(file.path)}: ${Handlebars.precompile(file.content, { noEscape: true, strict: true })}`);
  return `'use strict';\nmodule.exports = { files: ${JSON.stringify(files)}, compiled: {\n${compiled.join(',\n')}\n} };\n`;
}

/** As src/plan/template-files.ts walks a folder: entries by code unit, folders depth first. */
function walk(root, prefix) {
  return readdirSync(prefix ? join(root, prefix) : root, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? walk(root, path) : [path];
    });
}

/**
 * One bundle of the CLI and everything it uses (nothing to resolve at start-up, nothing to
 * install beside it), split so that each command loads only what it needs: --help loads
 * commander and the answer table; creating a project adds the planner; execa and the
 * prompts load only when used.
 */
export const buildOptions = {
  entryPoints: [join(root, 'src', 'cli.ts')],
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  minify: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  // The CommonJS dependencies (commander, handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __cspCreateRequire } from 'node:module'; const require = __cspCreateRequire(import.meta.url);" },
  plugins: [packedTemplates],
  logLevel: 'warning',
};
