import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';

/**
 * GitHub Actions' runner, as far as the generated workflows use it, on this machine: a job's
 * `if`, `environment`, `permissions` and `env`, each step's `env` and `run` (bash as on
 * ubuntu-latest: `-eo pipefail`), the project's own composite actions, `steps.<id>.outputs`
 * through $GITHUB_OUTPUT, and the `${{ }}` expressions the templates write. An expression,
 * step or action it does not know fails the run: support for it is added here on purpose,
 * never guessed. The marketplace actions (checkout, setup-node, AWS credentials) are
 * stand-ins each test gives, the way it gives moto for AWS.
 */

export interface GithubContext {
  readonly repository: string;
  readonly event_name: 'pull_request' | 'push' | 'schedule' | 'workflow_dispatch';
  readonly event: Readonly<Record<string, unknown>>;
  readonly ref: string;
  readonly sha: string;
  readonly token: string;
}

/** What a stand-in for a marketplace action sees of the job it runs in. */
export interface JobContext {
  readonly github: GithubContext;
  readonly environment?: string;
  readonly permissions: Readonly<Record<string, string>>;
}

/** A marketplace action's stand-in: gets its resolved `with:`, returns the variables it exports to the job's later steps. */
export type ActionStandIn = (inputs: Readonly<Record<string, string>>, job: JobContext) => Promise<Record<string, string> | void> | Record<string, string> | void;

export interface RunOptions {
  /** The checkout: the generated project. */
  readonly project: string;
  /** The machine's environment the steps run in (PATH with Node 24, npm's cache, AWS endpoints). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly github: GithubContext;
  readonly matrix?: Readonly<Record<string, string>>;
  /** By repository (`actions/checkout`), whatever commit the step pins. */
  readonly actions: Readonly<Record<string, ActionStandIn>>;
  /** Steps not run here, by name, each with the reason (e.g. an install from the network). */
  readonly skip?: Readonly<Record<string, string>>;
}

export interface StepRun {
  readonly name: string;
  /** A run step's output (stdout and stderr); for a skipped step, why. */
  readonly output: string;
  readonly skipped?: boolean;
}

export interface JobRun {
  /** False when the job's `if` is false for this event. */
  readonly ran: boolean;
  readonly steps: readonly StepRun[];
}

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Record<string, string | number | boolean>;
  readonly run?: string;
  readonly shell?: string;
  readonly env?: Record<string, string>;
}

interface Job {
  readonly if?: string;
  readonly environment?: string;
  readonly permissions?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly steps: readonly Step[];
}

/** The jobs of a workflow file of the project (`.github/workflows/<file>`). */
export function workflowJobs(project: string, file: string): Record<string, Job> {
  return (parse(readFileSync(join(project, '.github', 'workflows', file), 'utf8')) as { jobs: Record<string, Job> }).jobs;
}

/** Runs one job of a workflow as GitHub would for `github`'s event; throws on the first failing step, with its output. */
export async function runJob(file: string, jobId: string, options: RunOptions): Promise<JobRun> {
  const job = workflowJobs(options.project, file)[jobId];
  if (!job) throw new Error(`${file} has no job ${jobId}`);
  const context: Context = { github: options.github, matrix: options.matrix ?? {}, steps: {}, env: {} };
  if (job.if !== undefined && !truthy(evaluate(job.if, context))) return { ran: false, steps: [] };
  const environment = job.environment === undefined ? undefined : resolve(job.environment, context);
  const jobContext: JobContext = { github: options.github, environment, permissions: job.permissions ?? {} };
  context.env = resolveAll(job.env, context);
  const exported: Record<string, string> = {};
  const steps: StepRun[] = [];
  await runSteps(job.steps, options, context, jobContext, exported, steps);
  return { ran: true, steps };
}

async function runSteps(list: readonly Step[], options: RunOptions, context: Context, job: JobContext, exported: Record<string, string>, runs: StepRun[]) {
  for (const step of list) {
    const name = step.name ?? step.uses ?? step.run!.split('\n')[0]!;
    if (step.if !== undefined) throw new Error(`step "${name}": step-level if is not supported by this runner`);
    const skipped = options.skip?.[name];
    if (skipped !== undefined) {
      runs.push({ name, output: skipped, skipped: true });
      continue;
    }
    if (step.uses?.startsWith('./')) {
      // The project's own composite action: its steps, in the same job.
      const action = parse(readFileSync(join(options.project, step.uses, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] } };
      if (action.runs.using !== 'composite') throw new Error(`${step.uses}: only composite actions run here`);
      await runSteps(action.runs.steps, options, context, job, exported, runs);
      continue;
    }
    if (step.uses) {
      const repository = step.uses.split('@')[0]!;
      const standIn = options.actions[repository];
      if (!standIn) throw new Error(`step "${name}": no stand-in for the action ${repository}`);
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, resolve(String(value), context)]));
      Object.assign(exported, (await standIn(inputs, job)) ?? {});
      runs.push({ name, output: '' });
      continue;
    }
    if (step.run === undefined) throw new Error(`step "${name}" neither runs nor uses anything`);
    if (step.shell !== undefined && step.shell !== 'bash') throw new Error(`step "${name}": shell ${step.shell} is not supported by this runner`);
    runs.push({ name, output: await runScript(name, resolve(step.run, context), { ...context.env, ...exported, ...resolveAll(step.env, context) }, step.id, options, context) });
  }
}

async function runScript(name: string, script: string, env: Record<string, string>, id: string | undefined, options: RunOptions, context: Context): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'workflow-step-'));
  const outputFile = join(folder, 'output');
  const scriptFile = join(folder, 'step.sh');
  writeFileSync(outputFile, '');
  writeFileSync(scriptFile, script);
  const { github } = options;
  const result = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
    cwd: options.project,
    env: {
      ...options.env,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_REPOSITORY: github.repository,
      GITHUB_EVENT_NAME: github.event_name,
      GITHUB_REF: github.ref,
      GITHUB_SHA: github.sha,
      ...env,
    },
    all: true,
    reject: false,
    stdin: 'ignore',
  });
  if (result.exitCode !== 0) throw new Error(`step "${name}" failed with exit ${result.exitCode}:\n${result.all}`);
  if (id !== undefined) context.steps[id] = { outputs: parseOutputs(readFileSync(outputFile, 'utf8')) };
  return result.all ?? '';
}

/** `key=value` lines, and `key<<DELIMITER` … `DELIMITER` blocks, as GitHub reads $GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const block = /^([\w-]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, index + 1);
      outputs[block[1]!] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

interface Context {
  readonly github: GithubContext;
  readonly matrix: Readonly<Record<string, string>>;
  readonly steps: Record<string, { outputs: Record<string, string> }>;
  env: Record<string, string>;
}

function resolveAll(values: Record<string, string> | undefined, context: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, resolve(String(value), context)]));
}

/** Every `${{ expression }}` in a value, replaced by its value as a string. */
function resolve(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => String(evaluate(expression, context) ?? ''));
}

type Value = string | number | boolean | null | undefined | object;

/** The expressions the templates write: context paths, string literals, `==`, `!=`, `&&`. */
function evaluate(expression: string, context: Context): Value {
  const text = expression.trim().replace(/^\$\{\{\s*(.+?)\s*\}\}$/, '$1');
  if (text.includes('||') || text.includes('(')) throw new Error(`expression not supported by this runner: ${text}`);
  const terms = text.split('&&').map((term) => term.trim());
  if (terms.length > 1) return terms.every((term) => truthy(evaluate(term, context)));
  const comparison = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(text);
  if (comparison) {
    const equal = operand(comparison[1]!, context) === operand(comparison[3]!, context);
    return comparison[2] === '==' ? equal : !equal;
  }
  return operand(text, context);
}

function operand(text: string, context: Context): Value {
  const literal = /^'((?:[^']|'')*)'$/.exec(text);
  if (literal) return literal[1]!.replaceAll("''", "'");
  if (!/^[a-z_]+(\.[\w-]+)*$/.test(text)) throw new Error(`expression not supported by this runner: ${text}`);
  const [root, ...path] = text.split('.');
  if (!['github', 'matrix', 'steps', 'env'].includes(root!)) throw new Error(`context not supported by this runner: ${root}`);
  let value: Value = context[root as keyof Context];
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, Value>)[key] : undefined;
  return value;
}

function truthy(value: Value): boolean {
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

/**
 * Stand-ins for the actions every job uses: the checkout is the project as it is (and must
 * not keep the job's token in .git), and setup-node must ask for the Node major the steps
 * run on here (`nodeVersion`, e.g. `v24.3.0`).
 */
export function checkoutAndNode(nodeVersion: string): Record<string, ActionStandIn> {
  return {
    'actions/checkout': (inputs) => {
      if (inputs['persist-credentials'] !== 'false') throw new Error('actions/checkout must run with persist-credentials: false');
    },
    'actions/setup-node': (inputs) => {
      if (`v${inputs['node-version']}.` !== nodeVersion.slice(0, nodeVersion.indexOf('.') + 1)) {
        throw new Error(`setup-node asks for Node ${inputs['node-version']}, the steps run on ${nodeVersion} here`);
      }
    },
  };
}
