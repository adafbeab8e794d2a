// The esbuild options of dist/, shared by src/build/build.js and the unit test that checks
// what each command loads (test/unit/bundle.test.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const templatesRoot = join(root, 'templates');

/**
 * Replaces src/plan/precompiled.ts with every `.hbs` template compiled ahead of time, and
 * bundles only the Handlebars runtime: the compiler (four times the code to load) is never
 * needed by the published CLI.
 */
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(build) {
    build.onResolve({ filter: /^handlebars$/ }, (args) =>
      build.resolve('handlebars/runtime.js', { kind: args.kind, resolveDir: args.resolveDir }),
    );
    build.onLoad({ filter: /[\\/]src[\\/]plan[\\/]precompiled\.ts$/ }, () => {
      const entries = readdirSync(templatesRoot, { recursive: true })
        .filter((path) => path.endsWith('.hbs'))
        .sort()
        .map((path) => {
          const text = readFileSync(join(templatesRoot, path), 'utf8');
          // The same options render.ts compiles with at run time.
          const spec = Handlebars.precompile(text, { noEscape: true, strict: true });
          return `  [${JSON.stringify(text)}, ${spec}],`;
        });
      return { contents: `export const precompiled = new Map([\n${entries.join('\n')}\n]);\n`, loader: 'js' };
    });
  },
};

/**
 * Replaces src/plan/template-files.ts with every template file packed into the bundle: a
 * generation then reads no template from disk (one file per template, ~200 of them, was most
 * of its system calls). Same order and content as the source version reads at run time.
 */
const packedTemplates = {
  name: 'packed-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]plan[\\/]template-files\.ts$/ }, () => {
      const features = Object.fromEntries(
        readdirSync(templatesRoot, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => {
            const folder = join(templatesRoot, entry.name);
            return [entry.name, walk(folder, '').map((path) => ({ path, content: readFileSync(join(folder, path), 'utf8'), executable: (statSync(join(folder, path)).mode & 0o111) !== 0 }))];
          }),
      );
      return {
        contents: `const packed = ${JSON.stringify(features)};\nexport function templateFiles(feature) { return packed[feature] ?? []; }\n`,
        loader: 'js',
      };
    });
  },
};

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
  plugins: [precompiledTemplates, packedTemplates],
  logLevel: 'warning',
};
