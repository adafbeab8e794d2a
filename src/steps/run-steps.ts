import { CliError, ExitCode } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import type { Logger } from '../log.js';
import { commandLine, type Step } from './step.js';

export type StepStatus = 'done' | 'skipped' | 'failed';

export interface StepResult {
  readonly step: Step;
  readonly status: StepStatus;
  readonly note?: string;
}

/**
 * Runs the steps in order with one execa instance. A failed install stops the run with
 * exit 1 and the command to retry; git is a convenience, so its failures only warn.
 */
export async function runSteps(steps: readonly Step[], cwd: string, log: Logger): Promise<StepResult[]> {
  // execa is loaded only when there is something to run: --no-install --no-git never pays for it.
  if (steps.length === 0) return [];
  const { execa } = await import('execa');
  const results: StepResult[] = [];
  let gitSkipped: string | undefined;

  for (const step of steps) {
    const isGit = step.cmd === 'git';
    if (isGit && gitSkipped === undefined && step.id === 'git-init') gitSkipped = await reasonToSkipGit(cwd);
    if (isGit && gitSkipped !== undefined) {
      results.push({ step, status: 'skipped', note: gitSkipped });
      continue;
    }
    log.step(`${step.title} (${commandLine(step)})`);
    const subprocess = execa(step.cmd, step.args, {
      cwd,
      stdin: step.interactive ? 'inherit' : 'ignore',
      stdout: isGit ? 'pipe' : log.childStdout,
      stderr: isGit ? 'pipe' : 'inherit',
      env: { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    });
    // Ctrl-C: stop the child too, and say what is left to do.
    const forget = onInterrupt(() => {
      subprocess.kill();
      return `The project is written and kept; finish with: ${step.retry}`;
    });
    try {
      await subprocess;
      results.push({ step, status: 'done' });
    } catch (error) {
      const reason = failureReason(error);
      if (isGit) {
        log.warn(`${step.title} failed: ${reason}. The project is complete; run \`${step.retry}\` yourself.`);
        results.push({ step, status: 'failed', note: reason });
        gitSkipped = 'an earlier git step failed';
        continue;
      }
      throw new CliError(`${step.title} failed: ${reason}`, ExitCode.stepFailed, [
        'The project was written and is kept as it is.',
        `${step.id === 'deploy' ? 'Resume' : 'Retry'} with: ${step.retry}`,
      ]);
    } finally {
      forget();
    }
  }
  return results;
}

/** No repository inside another one, and no git at all is not an error. */
async function reasonToSkipGit(cwd: string): Promise<string | undefined> {
  const { execa } = await import('execa');
  try {
    const { stdout } = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd, reject: false });
    return stdout.trim() === 'true' ? 'the folder is already inside a git repository' : undefined;
  } catch {
    return 'git is not installed';
  }
}

/** The first line of why a command failed ("command not found" when it does not exist). */
function failureReason(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string; code?: string };
  if (e.code === 'ENOENT') return 'command not found';
  return (e.shortMessage ?? e.message ?? String(error)).split('\n')[0]!;
}
