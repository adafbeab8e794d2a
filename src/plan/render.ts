import Handlebars from 'handlebars';
import type { RenderContext } from './context.js';
import { precompiled } from './precompiled.js';
import { readmeFolder, readmePart, type ReadmeSection } from './readme.js';
import { templateFiles } from './template-files.js';
import { addFile, type FileTree } from './tree.js';

/**
 * One isolated Handlebars instance: no HTML escaping (we render code, not HTML), strict
 * (a missing variable is an error, never an empty string), and helpers of its own.
 */
const handlebars = Handlebars.create();
// `{{ts value}}` writes a value as a TypeScript literal in this project's style (single quotes).
handlebars.registerHelper('ts', (value: unknown) => tsLiteral(value));

function tsLiteral(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${tsLiteral(item)}`).join(', ')} }`;
  }
  return String(value);
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders a template string; compiled once per distinct template (or ahead of time, see precompiled.ts). */
export function renderString(template: string, context: object): string {
  let render = compiled.get(template);
  if (!render) {
    render = compile(template);
    compiled.set(template, render);
  }
  return render(context);
}

function compile(template: string): Handlebars.TemplateDelegate {
  const spec = precompiled.get(template);
  if (spec) return handlebars.template(spec as Parameters<typeof handlebars.template>[0]);
  // The published bundle carries only the Handlebars runtime and every template precompiled.
  if (typeof handlebars.compile !== 'function') {
    throw new Error(`A template is not in the build (edited since? run npm run build): ${template.slice(0, 60)}`);
  }
  return handlebars.compile(template, { noEscape: true, strict: true });
}

/** Folder names that repeat once per item of a list in the context, e.g. `__service__`. */
const repeaters = { __service__: 'services' } as const;

/**
 * Adds one feature folder to the tree: `.hbs` files are rendered (suffix dropped), other
 * files are copied byte for byte, `_gitignore` becomes `.gitignore` (npm would drop a
 * real one when publishing), and a `__service__` folder is rendered once per service.
 * Files under `_readme/` are README sections (see readme.ts): each feature documents itself
 * in its own files instead of adding conditionals to one shared README template.
 */
export function renderFeature(tree: FileTree, folder: string, order: number, context: RenderContext): ReadmeSection[] {
  const readme: ReadmeSection[] = [];
  for (const file of templateFiles(folder)) {
    for (const { path, scope } of expandPath(file.path, context)) {
      const target = path.replace(/\.hbs$/, '').replace(/(^|\/)_gitignore$/, '$1.gitignore');
      const content = file.path.endsWith('.hbs') ? renderString(file.content, scope) : file.content;
      if (target.startsWith(readmeFolder)) readme.push({ part: readmePart(target, folder), order, text: content });
      else addFile(tree, target, content, file.executable ? 0o755 : undefined);
    }
  }
  return readme;
}

function expandPath(path: string, context: RenderContext): { path: string; scope: object }[] {
  for (const [marker, listKey] of Object.entries(repeaters)) {
    if (path.includes(marker)) {
      return context[listKey].map((service) => ({
        path: path.replaceAll(marker, service),
        scope: { ...context, service },
      }));
    }
  }
  return [{ path, scope: context }];
}
