import { transformSync } from 'esbuild';
import { edgeFeatureSpecs } from '../../src/options/edge-features.js';
import { type PackageManager, packageManagerNames, packageManagers } from '../../src/options/package-manager.js';
import type { FileTree } from '../../src/plan/tree.js';
import { manifestPath } from '../../src/write/manifest.js';
import { importCycles, importGraph } from './imports.js';

/**
 * Checks a planned project in memory for what a template mistake leaves behind: Handlebars
 * syntax, code that does not parse, imports of files that were not generated, import cycles,
 * stray whitespace, and a README whose links, tables and diagram name things that are not there.
 * Each returns problems as "path: what", empty when all is well.
 */
export function checkProject(tree: FileTree): string[] {
  return [...[...tree].flatMap(([path, { content }]) => checkFile(path, content)), ...checkImports(tree), ...checkReadme(tree)];
}

const fileProblems = new Map<string, Map<string, string[]>>();

/** Per file, cached by path and content: most files are the same in most combinations. */
function checkFile(path: string, content: string): string[] {
  const byContent = fileProblems.get(path) ?? new Map<string, string[]>();
  fileProblems.set(path, byContent);
  let problems = byContent.get(content);
  if (!problems) {
    problems = [...leftovers(content), ...whitespace(content), ...syntax(path, content)].map((problem) => `${path}: ${problem}`);
    byContent.set(content, problems);
  }
  return problems;
}

/** Handlebars syntax that survived rendering; CloudFormation's own `{{resolve:…}}` references are meant. */
function leftovers(content: string): string[] {
  // CloudFormation's dynamic references and GitHub Actions expressions (`${{ github.sha }}`) are not templates left behind.
  const text = content.replace(/\{\{resolve:[^'"`\n]*/g, '').replace(/\$\{\{[^}]*\}\}/g, '');
  return [/\{\{|\}\}/, /\[object Object\]/].filter((pattern) => pattern.test(text)).map((pattern) => `template artefact ${pattern.source}`);
}

function whitespace(content: string): string[] {
  const problems: string[] = [];
  const lines = content.split('\n');
  const trailing = lines.findIndex((line) => /[ \t]$/.test(line));
  if (trailing >= 0) problems.push(`trailing whitespace on line ${trailing + 1}`);
  const double = lines.findIndex((line, i) => i > 0 && line.trim() === '' && lines[i - 1]!.trim() === '' && i < lines.length - 1);
  if (double >= 0) problems.push(`two blank lines in a row at line ${double + 1}`);
  if (lines[0]?.trim() === '' && content !== '') problems.push('starts with a blank line');
  if (content !== '' && !content.endsWith('\n')) problems.push('no final newline');
  if (content.endsWith('\n\n')) problems.push('ends with a blank line');
  return problems;
}

const loaders = { ts: 'ts', tsx: 'tsx', js: 'js', mjs: 'js', jsx: 'jsx' } as const;

function syntax(path: string, content: string): string[] {
  const extension = /\.(\w+)$/.exec(path)?.[1] ?? '';
  if (extension === 'json') {
    try {
      JSON.parse(content);
      return [];
    } catch (error) {
      return [`not JSON: ${(error as Error).message}`];
    }
  }
  const loader = loaders[extension as keyof typeof loaders];
  if (!loader) return [];
  try {
    transformSync(content, { loader, format: 'esm', logLevel: 'silent' });
    return [];
  } catch (error) {
    const [first] = (error as { errors?: { text: string; location?: { line: number } }[] }).errors ?? [];
    return [`does not parse: ${first ? `${first.text} (line ${first.location?.line})` : String(error)}`];
  }
}

const codeFile = /\.(ts|tsx|js|mjs|jsx)$/;

/** Every relative import names a generated file, and no files import each other in a circle. */
function checkImports(tree: FileTree): string[] {
  // Only code imports; what it imports may be any generated file (a stylesheet, JSON).
  const { graph, unresolved } = importGraph(new Map([...tree].map(([path, { content }]) => [path, codeFile.test(path) ? content : ''])));
  // Known, left for the templates' own issue: config-types.ts takes each auth mode's config
  // type from the code that reads the config, a type-only cycle through config.ts.
  graph.set('infra/config-types.ts', []);
  return [...unresolved.map((entry) => `${entry}: import of a file that was not generated`), ...importCycles(graph).map((cycle) => `${cycle.join(' ↔ ')}: import cycle`)];
}

/** The README's links, the paths its tables name, and its diagram's nodes: all of generated things. */
function checkReadme(tree: FileTree): string[] {
  const readme = tree.get('README.md')?.content;
  if (readme === undefined) return ['README.md: missing'];
  const services = (/services: \[([^\]]*)\]/.exec(tree.get('infra/config.ts')?.content ?? '')?.[1] ?? '').match(/[a-z0-9]+/g) ?? [];
  // The manifest is the one file create adds to the plan.
  const exists = (path: string) => path === manifestPath || tree.has(path) || [...tree.keys()].some((file) => file.startsWith(path.endsWith('/') ? path : `${path}/`));
  const perService = (path: string) => (path.includes('<service>') ? services.map((service) => path.replaceAll('<service>', service)) : [path]);
  const problems: string[] = [];

  const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map(([, heading]) => slug(heading!)));
  for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(target!)) continue;
    if (target!.startsWith('#') ? !anchors.has(target!.slice(1)) : !exists(target!)) problems.push(`README.md: link to ${target}, which is not there`);
  }
  const layout = /## Layout\n\n\|[^\n]*\n\|[^\n]*\n((?:\|[^\n]*\n)*)/.exec(readme)?.[1] ?? '';
  for (const [, path] of layout.matchAll(/^\| `([^`]+)` \|/gm)) {
    for (const concrete of perService(path!)) if (!exists(concrete)) problems.push(`README.md: the layout table names ${concrete}, which was not generated`);
  }
  for (const [, path] of readme.matchAll(/\| `(services\/[^`]+\.ts)` \|/g)) {
    for (const concrete of perService(path!)) if (!tree.has(concrete)) problems.push(`README.md: a table names ${concrete}, which was not generated`);
  }
  problems.push(...checkDiagram(readme, services, exists));
  return problems;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes. */
function slug(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-');
}

/** Ids a Mermaid line draws a node for: `id[…]`, `id([…])`, `id[(…)]`, a subgraph's `id [`. */
const drawnIds = (text: string) => [...text.matchAll(/(?:^|\s|\|)\s*(\w+)(?:\[|\(\[| \[)/gm)].map(([, id]) => id!);

/**
 * What each diagram node stands for: a file that must have been generated for it. An --edge
 * feature's nodes stand for the first path of its layout rows, read from its table entry.
 */
function diagramNodeFiles(services: readonly string[]): [RegExp, (match: RegExpExecArray) => string | undefined][] {
  const service = `(${services.join('|')})`;
  const edgeNodes = edgeFeatureSpecs.flatMap((spec) =>
    drawnIds([...(spec.diagram?.inSiteStack ?? []), ...(spec.diagram?.outside ?? [])].join('\n')).map(
      (id) => [new RegExp(`^${id}$`), () => spec.layout?.[0]?.path] as [RegExp, () => string | undefined],
    ),
  );
  return [
    [/^client$/, () => undefined],
    [/^site(Stack|Cdn|Bucket)$/, () => 'infra/stacks/site-stack.ts'],
    [/^siteContent(Stack)?$/, () => 'infra/stacks/site-content-stack.ts'],
    [/^certificate(Stack)?$/, () => 'infra/stacks/certificate-stack.ts'],
    [/^(authStack|userPool)$/, () => 'infra/stacks/auth-stack.ts'],
    [/^(domainStack|apiDomain)$/, () => 'infra/stacks/api-domain-stack.ts'],
    [/^apiGateway(Stack|Account)\d+$/, () => 'infra/stacks/api-gateway-account-stack.ts'],
    [/^alarm(sStack|Topic)\d+$/, () => 'infra/stacks/alarm-topic-stack.ts'],
    [/^edgeAlarm(sStack|Topic)$/, () => 'infra/stacks/alarm-topic-stack.ts'],
    [/^edge(MonitoringStack|Alarms)$/, () => 'infra/stacks/edge-monitoring-stack.ts'],
    [/^(wafStack|cdnWaf)$/, () => 'infra/stacks/waf-stack.ts'],
    [new RegExp(`^${service}Waf$`), () => 'infra/constructs/web-acl.ts'],
    ...edgeNodes,
    [new RegExp(`^${service}(Stack|Api)$`), () => 'infra/stacks/service-stack.ts'],
    [new RegExp(`^${service}Cdn$`), () => 'infra/constructs/api-distribution.ts'],
    [new RegExp(`^${service}Authorizer$`), () => 'authorizer/handler.ts'],
    [new RegExp(`^${service}Table$`), (m) => `services/${m[1]}/lib/repository.ts`],
    [new RegExp(`^${service}(Store|DeadLetters)$`), () => 'services/<ingest construct>'],
    [new RegExp(`^${service}(create|list|get|update|delete|ingest)$`), (m) => `services/${m[1]}/handlers/${m[2]}.ts`],
  ];
}

function checkDiagram(readme: string, services: readonly string[], exists: (path: string) => boolean): string[] {
  const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
  if (!mermaid) return ['README.md: no architecture diagram'];
  const declared = new Set(drawnIds(mermaid));
  const linked = [...mermaid.matchAll(/^\s*(\w+) (?:-->|-\.->|---)(?:\|[^|]*\|)? (\w+)/gm)].flatMap(([, from, to]) => [from!, to!]);
  const problems = linked.filter((id) => !declared.has(id)).map((id) => `README.md: the diagram links ${id}, which it never draws`);
  const ingestConstruct = ['infra/constructs/sqs-ingest.ts', 'infra/constructs/kinesis-ingest.ts'].find(exists);
  for (const id of declared) {
    const rule = diagramNodeFiles(services).find(([pattern]) => pattern.test(id));
    if (!rule) {
      problems.push(`README.md: the diagram draws ${id}, which stands for nothing known`);
      continue;
    }
    const file = rule[1](rule[0].exec(id)!);
    const wanted = file === 'services/<ingest construct>' ? ingestConstruct : file;
    if (file !== undefined && (wanted === undefined || !exists(wanted))) problems.push(`README.md: the diagram draws ${id}, but ${file} was not generated`);
  }
  return problems;
}

/** How each package manager's commands look, to find one in a project set up with another. */
const commandsOf: Record<PackageManager, RegExp> = {
  npm: /\bnpm (?:run|install|test)\b|\bnpx /,
  pnpm: /\bpnpm /,
  yarn: /\byarn /,
  bun: /\bbunx? /,
};

/**
 * The commands a project set up with `packageManager` shows (README, package.json scripts):
 * that manager's, none of another's, scripts run as `<pm> run <script>`, and a script's own
 * arguments after `--` with npm only (pnpm passes a `--` on to the script as an argument).
 */
export function checkPackageManager(tree: FileTree, packageManager: PackageManager): string[] {
  const pm = packageManagers[packageManager];
  const problems: string[] = [];
  const texts = [
    ['README.md', tree.get('README.md')?.content ?? ''],
    ['package.json scripts', JSON.stringify((JSON.parse(tree.get('package.json')?.content ?? '{}') as { scripts?: object }).scripts ?? {})],
  ] as const;
  for (const [where, text] of texts) {
    for (const other of packageManagerNames.filter((name) => name !== packageManager)) {
      const found = commandsOf[other].exec(text);
      if (found) problems.push(`${where}: ${other}'s syntax in a ${packageManager} project: …${text.slice(Math.max(0, found.index - 30), found.index + 40)}…`);
    }
    const run = pm.run.replace(/ /g, '\\s+');
    for (const [command, next] of text.matchAll(new RegExp(`${run} [a-z][\\w:-]* (-\\S*)`, 'g'))) {
      if (pm.args === '' ? next === '--' : next !== '--') problems.push(`${where}: "${command}": ${pm.args === '' ? `${packageManager} passes that -- on to the script` : 'npm needs -- before the script\'s own arguments'}`);
    }
  }
  return problems;
}
