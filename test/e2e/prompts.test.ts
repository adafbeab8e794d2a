import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../src/options/read-answer.js';
import { listFiles, runCli, tempDir } from '../support/cli.js';
import { fileTree, inTerminal, keys } from '../support/pty.js';
import { shellSplit } from '../support/shell-split.js';

/** The prompts in a real terminal, as a person answers them (light: no install, no git). */
const run = ['--no-install', '--no-git'];
const { enter, down, space, backspace } = keys;
const manifestAnswers = (project: string) => (JSON.parse(readFileSync(join(project, '.serverless-pattern.json'), 'utf8')) as { answers: Record<string, unknown> }).answers;

/** The command the summary prints to copy into a script. */
const printedCommand = (output: string) => /The same without questions, for a script:\s*\n\s*(npx create-serverless-pattern [^\n]+)/.exec(output)?.[1]?.trim();

describe('customising a preset in a terminal', () => {
  it('builds microservices with a SPA, the Lambda authorizer and Kinesis; the printed command, run as printed, writes the identical project byte for byte', async () => {
    const cwd = tempDir('tty-custom');
    const result = await inTerminal(
      [
        ['Project name', `shop${enter}`],
        ['Which architecture pattern?', `${down}${enter}`],
        ["Customise this preset's features?", `y${enter}`],
        ['Service names', enter],
        ['Where do the services deploy?', enter],
        ['Frontend?', `${down}${enter}`],
        ['How does the browser reach the API?', enter],
        ['Storage-first ingestion?', `${down}${down}${enter}`],
        ['API authorization?', `${down}${space}${enter}`],
        ['Edge features?', enter],
        ['Cache GET responses', enter],
        ['Protect the APIs and the site with AWS WAF', enter],
        ['API throttling', enter],
        ['Custom domain', enter],
        ['AWS region', enter],
        ['CI/CD?', enter],
        ['Create it?', enter],
      ],
      run,
      cwd,
    );
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(0);
    expect(manifestAnswers(join(cwd, 'shop'))).toMatchObject({ pattern: 'microservices', services: ['orders', 'catalog'], frontend: 'spa', apiAccess: 'direct', ingest: 'kinesis', auth: 'lambda', edge: [] });

    // The summary, grouped, before anything was written.
    const summary = result.output.slice(result.output.indexOf('About to create shop in shop:'), result.output.indexOf('Create it?'));
    for (const line of ['Pattern           2. Microservices, customised', 'Frontend          React SPA', 'Storage-first     Kinesis', 'Authorization     Lambda authorizer']) {
      expect(summary.replace(/ +/g, ' ')).toContain(line.replace(/ +/g, ' '));
    }
    const command = printedCommand(result.output);
    expect(command).toBe('npx create-serverless-pattern shop --pattern microservices --frontend spa --ingest kinesis --auth lambda --no-install --no-git --yes');

    const again = tempDir('tty-custom-again');
    const scripted = await runCli(shellSplit(command!).slice(2), { cwd: again });
    expect(scripted.exitCode, scripted.all).toBe(0);
    expect(fileTree(join(again, 'shop'))).toEqual(fileTree(join(cwd, 'shop')));
  });

  it('shows a refused choice disabled with the reason: one account per service greys out the site and the Cognito user pool', async () => {
    const cwd = tempDir('tty-refused');
    const result = await inTerminal(
      [
        ['Project name', `shop${enter}`],
        ['Which architecture pattern?', `${down}${enter}`],
        ["Customise this preset's features?", `y${enter}`],
        ['Service names', enter],
        ['Where do the services deploy?', `${down}${enter}`],
        ['Frontend?', enter],
        ['Storage-first ingestion?', enter],
        ['API authorization?', `${space}${enter}`],
        ['Cache GET responses', enter],
        ['Protect the APIs and the site with AWS WAF', enter],
        ['API throttling', enter],
        ['Custom domain', enter],
        ['AWS region', enter],
        ['AWS account id for orders', `111111111111${enter}`],
        ['AWS region for orders', enter],
        ['AWS account id for catalog', `222222222222${enter}`],
        ['AWS region for catalog', enter],
        ['CI/CD?', enter],
        ['Create it?', enter],
      ],
      run,
      cwd,
    );
    expect(result.error).toBeUndefined();
    expect(result.output).toContain('- React SPA (a site cannot reach APIs in other accounts: keep one account)');
    expect(result.output.replace(/\s+/g, ' ')).toContain('- Cognito (one user pool cannot serve APIs in other accounts; the Lambda authorizer can)');
    expect(result.code).toBe(0);
    // Enter kept the first choice that can be had; space checked the only authorizer left.
    expect(manifestAnswers(join(cwd, 'shop'))).toMatchObject({ accounts: 'multi', frontend: 'none', auth: 'lambda' });
  });
});

describe('before writing', () => {
  it('declining at the summary exits 0 and writes nothing', async () => {
    const cwd = tempDir('tty-decline');
    const result = await inTerminal(
      [
        ['Which architecture pattern?', enter],
        ["Customise this preset's features?", enter],
        ['Service names', enter],
        ['Cache GET responses', enter],
        ['Protect the APIs and the site with AWS WAF', enter],
        ['API throttling', enter],
        ['Custom domain', enter],
        ['AWS region', enter],
        ['CI/CD?', enter],
        ['Create it?', `n${enter}`],
      ],
      ['app', ...run],
      cwd,
    );
    expect(result.code).toBe(0);
    expect(result.output).toContain('npx create-serverless-pattern app --pattern api --no-install --no-git --yes');
    expect(result.output).toContain('Nothing was written.');
    expect(listFiles(cwd)).toEqual([]);
  });

  it('re-asks an unknown region inline, in words for the person, and goes on with the corrected one', async () => {
    const cwd = tempDir('tty-region');
    const problem = readAnswer('region', 'mars-1');
    expect(problem.ok).toBe(false);
    const result = await inTerminal(
      [
        ['Which architecture pattern?', enter],
        ["Customise this preset's features?", enter],
        ['Service names', enter],
        ['Cache GET responses', enter],
        ['Protect the APIs and the site with AWS WAF', enter],
        ['API throttling', enter],
        ['Custom domain', enter],
        ['AWS region', `mars-1${enter}`],
        [`mars-1 ${problem.ok ? '' : problem.problem}`, `${backspace.repeat(6)}eu-west-1${enter}`],
        ['CI/CD?', enter],
        ['Create it?', enter],
      ],
      ['app', ...run],
      cwd,
    );
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(0);
    // The message under the prompt, not the flag's ("Invalid --region ...").
    expect(result.output).toContain(`> mars-1 ${problem.ok ? '' : problem.problem}`);
    expect(result.output).not.toContain('Invalid --region');
    expect(manifestAnswers(join(cwd, 'app')).region).toBe('eu-west-1');
  });

  it('refuses a folder that is not empty before any question: named on the command line (exit 2), or typed as the name (asked again)', async () => {
    const cwd = tempDir('tty-folder');
    mkdirSync(join(cwd, 'taken'));
    writeFileSync(join(cwd, 'taken', 'notes.md'), 'mine');
    const named = await inTerminal([], ['taken', ...run], cwd);
    expect(named.code).toBe(2);
    expect(named.output).toMatch(/taken is not empty/);
    expect(named.output).not.toContain('Which architecture pattern?');

    const typed = await inTerminal([['Project name', `taken${enter}`], ['taken already has files in it: choose another name', keys.ctrlC]], run, cwd);
    expect(typed.code).toBe(130);
    expect(typed.output).not.toContain('Which architecture pattern?');
    expect(existsSync(join(cwd, 'taken', 'notes.md'))).toBe(true);
    expect(listFiles(cwd)).toEqual(['taken', 'taken/notes.md']);
  });
});
