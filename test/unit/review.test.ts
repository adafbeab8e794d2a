import { describe, expect, it } from 'vitest';
import { answerGroups, type AnswerKey, answerKeys, type Answers, answerSpecs, defaultAnswers, flagName } from '../../src/options/answers.js';
import { createCommand, upgradeCommand } from '../../src/options/command-line.js';
import { presetOf } from '../../src/options/presets.js';
import { resolveAnswers } from '../../src/options/resolve.js';
import { summaryOf } from '../../src/options/summary.js';
import { acceptedCombinations } from '../support/combinations.js';
import { shellSplit } from '../support/shell-split.js';

/** Reads a printed command back as the CLI would: the folder, the answer flags of the table, the run options. */
function readCommand(line: string) {
  const args = shellSplit(line);
  expect(args.slice(0, 2)).toEqual(['npx', 'create-serverless-pattern']);
  const upgrade = args[2] === 'upgrade';
  const rest = args.slice(upgrade ? 3 : 2);
  const directory = rest[0]?.startsWith('-') ? undefined : rest.shift();
  const flags: Partial<Record<AnswerKey, unknown>> = {};
  const run: string[] = [];
  const byFlag = new Map(answerKeys.map((key) => [flagName(key), key]));
  while (rest.length > 0) {
    const arg = rest.shift()!;
    const key = byFlag.get(arg) ?? byFlag.get(arg.replace(/^--no-/, '--'));
    if (key && typeof answerSpecs[key].default === 'boolean') flags[key] = !arg.startsWith('--no-');
    else if (key) flags[key] = rest.shift();
    else run.push(arg, ...(arg === '--package-manager' ? [rest.shift()!] : []));
  }
  return { upgrade, directory, flags, run };
}

describe('the equivalent command line', () => {
  it('gives back every accepted combination of answers, run as printed with --yes', async () => {
    for (const { answers, packageManager } of acceptedCombinations().accepted) {
      const command = createCommand({ directory: 'app', answers, packageManager, run: ['--no-install', '--no-git'] });
      const { directory, flags, run } = readCommand(command);
      expect(run).toEqual([...(packageManager === 'npm' ? [] : ['--package-manager', packageManager]), '--no-install', '--no-git', '--yes']);
      expect((await resolveAnswers({ directory, flags, yes: true })).answers).toEqual(answers);
    }
  }, 60_000);

  it('says only what differs from the preset, the pattern first, and --yes last', () => {
    const answers: Answers = { ...defaultAnswers(), ...structuredClone(presetOf('secure').answers), pattern: 'secure', name: 'shop', edge: ['security-headers', 'origin-failover', 'site-auth'] };
    expect(createCommand({ directory: 'shop', answers, packageManager: 'npm' })).toBe('npx create-serverless-pattern shop --pattern secure --edge security-headers,origin-failover,site-auth --yes');
  });

  it('names the project when it is not named after its folder, and quotes what a shell would split', () => {
    const answers: Answers = { ...defaultAnswers(), name: 'shop' };
    expect(createCommand({ directory: 'my projects/shop-1', answers, packageManager: 'pnpm' })).toBe(
      "npx create-serverless-pattern 'my projects/shop-1' --pattern api --name shop --package-manager pnpm --yes",
    );
  });

  it('for an upgrade, gives only the answers that change, a removed domain as none', async () => {
    const stored: Answers = { ...defaultAnswers(), name: 'shop', domain: 'api.example.com' };
    const answers: Answers = { ...stored, cache: true, domain: undefined, throttle: { rateLimit: 5, burstLimit: 10 } };
    const command = upgradeCommand({ directory: '.', stored, answers });
    expect(command).toBe("npx create-serverless-pattern upgrade --cache --throttle 5:10 --domain none --yes");
    const { flags } = readCommand(command);
    expect((await resolveAnswers({ directory: '.', flags, stored, yes: true })).answers).toEqual(answers);
  });
});

describe('the summary before writing', () => {
  it('shows every answer that means something, in the groups of the answer table, each choice by its label', () => {
    const answers: Answers = { ...defaultAnswers(), pattern: 'microservices', name: 'shop', services: ['orders', 'catalog'], frontend: 'spa', ingest: 'kinesis', auth: 'lambda' };
    const groups = summaryOf(answers);
    expect(groups.map((g) => g.title)).toEqual(answerGroups);
    const rows = Object.fromEntries(groups.flatMap((g) => g.rows.map((row) => [row.label, row.value])));
    expect(rows).toEqual({
      'Project name': 'shop',
      Pattern: '2. Microservices, customised',
      Services: 'orders, catalog',
      Accounts: 'One account',
      Frontend: 'React SPA',
      'API access': 'Direct',
      'Storage-first': 'Kinesis',
      Authorization: 'Lambda authorizer',
      'Edge features': 'none',
      'Stage cache': 'no',
      WAF: 'no',
      Throttling: '100:200',
      'Custom domain': 'none',
      'AWS region': 'us-east-1',
      'CI/CD': 'GitHub Actions',
    });
  });

  it('leaves out what does not apply: without a site, no API access and no edge features', () => {
    const labels = summaryOf({ ...defaultAnswers(), name: 'shop' }).flatMap((g) => g.rows.map((row) => row.label));
    expect(labels).not.toContain('API access');
    expect(labels).not.toContain('Edge features');
    expect(labels).not.toContain('Accounts');
  });

  it('on upgrade, says what each changed answer was', () => {
    const before: Answers = { ...defaultAnswers(), name: 'shop' };
    const rows = summaryOf({ ...before, cache: true, auth: 'cognito,lambda' }, before).flatMap((g) => g.rows);
    expect(rows.filter((row) => row.was !== undefined)).toEqual([
      { key: 'auth', label: 'Authorization', value: 'Cognito, Lambda authorizer', was: 'none' },
      { key: 'cache', label: 'Stage cache', value: 'yes', was: 'no' },
    ]);
  });
});
