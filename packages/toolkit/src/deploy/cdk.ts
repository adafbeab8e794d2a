import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';

/** Where `cdk synth` writes the cloud assembly, and where every later `cdk` call reads it. */
export const assemblyDir = 'cdk.out';

/**
 * The environment every `cdk` call runs in. A package manager's script puts the project's
 * node_modules/.bin first on PATH; it is also appended, so that `npx serverless-pattern
 * deploy` finds the project's CDK CLI too, while a `cdk` the caller put first on PATH still wins.
 */
function cdkEnv(project: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: [process.env.PATH, join(project, 'node_modules', '.bin')].filter(Boolean).join(delimiter) };
}

/** Runs the project's own CDK CLI (`aws-cdk`, a peer dependency) in `project`, its output shown as it comes. */
export function cdk(args: readonly string[], project: string) {
  console.log(`$ cdk ${args.join(' ')}`);
  const { status, error } = spawnSync('cdk', args, { cwd: project, stdio: 'inherit', env: cdkEnv(project) });
  if (error || status !== 0) throw new Error(`cdk ${args[0]} failed${error ? `: ${error.message}` : ` with exit code ${status}`}`);
}

/** `cdk` as a long-running child (`cdk watch`), with the same PATH as `cdk()`; its output shown as it comes. */
export function cdkProcess(args: readonly string[], project: string): ChildProcess {
  console.log(`$ cdk ${args.join(' ')}`);
  return spawn('cdk', args, { cwd: project, stdio: 'inherit', env: cdkEnv(project) });
}

/**
 * `cdk()` for a caller that must read what cdk said (stdout and stderr, shown as they come):
 * its exit code and its output, never a throw.
 */
export function cdkWithOutput(args: readonly string[], project: string): Promise<{ readonly status: number; readonly output: string }> {
  console.log(`$ cdk ${args.join(' ')}`);
  const child = spawn('cdk', args, { cwd: project, stdio: ['inherit', 'pipe', 'pipe'], env: cdkEnv(project) });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  });
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ status: 1, output: `${output}${error.message}` }));
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
  });
}
