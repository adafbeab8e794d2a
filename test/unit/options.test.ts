import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { CliError, ExitCode } from '../../src/errors.js';
import { type AnswerKey, answerKeys, answerSpecs, defaultAnswers, flagName } from '../../src/options/answers.js';
import { presetIds, presetOf } from '../../src/options/presets.js';
import { type ResolveInput, resolveAnswers } from '../../src/options/resolve.js';
import { replyWith, scriptedAsk } from '../support/scripted-ask.js';

const resolve = (flags: ResolveInput['flags'], rest: Partial<ResolveInput> = {}) =>
  resolveAnswers({ directory: 'my-app', flags, yes: true, ...rest });

async function usageErrorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(ExitCode.usage);
  return (error as CliError).message;
}

describe('resolving answers from flags', () => {
  it('takes the defaults with --yes and names the project after its folder', async () => {
    const { answers, directory } = await resolve({}, { directory: 'nested/my-app' });
    expect(answers).toEqual({ ...defaultAnswers(), name: 'my-app', pattern: 'api' });
    expect(directory.endsWith('/nested/my-app')).toBe(true);
  });

  it('accepts a preset by number', async () => {
    expect((await resolve({ pattern: '1' })).answers.pattern).toBe('api');
  });

  it('parses lists, pairs and switches from their flag strings', async () => {
    const { answers } = await resolve({ services: 'orders, catalog', throttle: '20:40', cache: true, region: 'eu-west-1' });
    expect(answers).toMatchObject({
      services: ['orders', 'catalog'],
      throttle: { rateLimit: 20, burstLimit: 40 },
      cache: true,
      region: 'eu-west-1',
    });
  });

  it('resolves the storage-first preset to SQS ingestion, and takes --ingest kinesis or other answers with it', async () => {
    expect((await resolve({ pattern: 'storage-first' })).answers).toMatchObject({ pattern: 'storage-first', ingest: 'sqs' });
    expect((await resolve({ pattern: '6', ingest: 'kinesis' })).answers).toMatchObject({ pattern: 'storage-first', ingest: 'kinesis' });
    const { answers } = await resolve({ pattern: 'api', ingest: 'sqs', services: 'orders,catalog', cache: true });
    expect(answers).toMatchObject({ pattern: 'api', ingest: 'sqs', services: ['orders', 'catalog'], cache: true });
  });

  it.each([
    ['cognito', 'cognito'],
    ['lambda', 'lambda'],
    ['cognito,lambda', 'cognito,lambda'],
    ['lambda, cognito', 'cognito,lambda'],
  ])('takes --auth %s over the preset\'s public API as %s', async (flag, mode) => {
    expect((await resolve({ pattern: 'api', auth: flag })).answers.auth).toBe(mode);
  });

  it('lets --name differ from the folder, so "../x" is a place and the name comes from --name', async () => {
    const { answers, directory } = await resolve({ name: 'billing' }, { directory: '../x' });
    expect(answers.name).toBe('billing');
    expect(directory.endsWith('/x')).toBe(true);
  });

  it.each<[string, ResolveInput['flags'], RegExp]>([
    ['an unknown preset', { pattern: 'lambda-monolith' }, /^Invalid --pattern "lambda-monolith": must be one of api, /],
    ['a preset number out of range', { pattern: String(presetIds.length + 1) }, new RegExp(`^Invalid --pattern "${presetIds.length + 1}"`)],
    ['a preset number written with a leading zero', { pattern: '01' }, /^Invalid --pattern "01"/],
    ['a throttle that does not parse', { throttle: 'fast' }, /^Invalid --throttle "fast"/],
    ['a throttle out of range', { throttle: '0:10' }, /^Invalid --throttle "0:10"/],
    ['a name with a slash', { name: 'a/b' }, /^Invalid --name "a\/b": must start with a lowercase letter/],
    ['a name with a control character', { name: 'app\u0007' }, /^Invalid --name/],
    ['an upper-case name', { name: 'MyApp' }, /^Invalid --name "MyApp"/],
    ['a name ending in a dash', { name: 'app-' }, /^Invalid --name "app-"/],
    ['an unknown region', { region: 'mars-1' }, /^Invalid --region "mars-1": is not a region of the aws partition, such as us-east-1 or eu-west-1$/],
    ['a region-shaped name that is no region', { region: 'zz-nowhere-9' }, /^Invalid --region "zz-nowhere-9": is not a region of the aws partition/],
    ['a China region', { region: 'cn-north-1' }, /^Invalid --region "cn-north-1": is in the aws-cn partition, which the templates do not support yet/],
    ['a GovCloud region', { region: 'us-gov-west-1' }, /^Invalid --region "us-gov-west-1": is in the aws-us-gov partition, which the templates do not support yet/],
    ['an unknown frontend', { frontend: 'angular' }, /^Invalid --frontend "angular": must be one of none, spa/],
    ['an unknown ingest kind', { ingest: 'kafka' }, /^Invalid --ingest "kafka": must be one of none, sqs, kinesis/],
    ['an unknown edge feature', { edge: 'site-auth,magic' }, /^Invalid --edge "site-auth,magic": must be one of/],
    ['duplicate services', { services: 'orders,orders' }, /^Invalid --services "orders,orders": service names must be unique/],
    ['a reserved service name', { services: 'frontend' }, /^Invalid --services "frontend": "frontend" is reserved/],
    ['a service name with a dash', { services: 'order-items' }, /^Invalid --services "order-items"/],
    ['a malformed account id', { serviceAccounts: 'orders=1234' }, /^Invalid --service-accounts "orders=1234": must be a 12-digit AWS account id/],
    ['an account pair without =', { serviceAccounts: 'orders' }, /^Invalid --service-accounts "orders"/],
    ['an account pair with a bad region', { serviceAccounts: 'orders=111111111111/moon' }, /^Invalid --service-accounts "orders=111111111111\/moon": is not a region of the aws partition/],
    ...['a1=111111111111/eu-west-1/junk', 'a1=111111111111=x', 'a1=111111111111,b=2/x/y'].map(
      (list) => [`service accounts with more after the region (${list})`, { serviceAccounts: list }, new RegExp(`^Invalid --service-accounts "${list.replaceAll('/', '\\/')}": each entry must be service=account or service=account/region, e.g. orders=111111111111/eu-west-1 \\(entry \\d\\)$`)] as [string, ResolveInput['flags'], RegExp],
    ),
    ['a malformed domain', { domain: 'not a domain' }, /^Invalid --domain "not a domain"/],
    ...['abc', '1e9:1', '-1:5', '1.5:3', '99999999999999999999:1', '10001:10', '10:5001', '0:0'].map(
      (throttle) => [`--throttle ${throttle}`, { throttle }, new RegExp(`^Invalid --throttle "${throttle.replace('.', '\\.')}": must be rate:burst, whole requests per second, rate 1-10000 and burst 1-5000 \\(e\\.g\\. 100:200\\)$`)] as [string, ResolveInput['flags'], RegExp],
    ),
    ['an unknown auth mode', { auth: 'saml' }, /^Invalid --auth "saml": must be one of none, cognito, lambda, cognito,lambda$/],
    ['an auth mode listed twice', { auth: 'cognito,cognito' }, /^Invalid --auth "cognito,cognito"/],
  ])('refuses %s with exit 2 and a message naming the flag', async (_, flags, message) => {
    expect(await usageErrorOf(resolve(flags))).toMatch(message);
  });

  it.each(['app.xn--p1ai', 'xn--e1afmkfd.xn--p1ai', 'shop.example.com'])('accepts the domain %s (IDNA A-labels included)', async (domain) => {
    expect((await resolve({ domain })).answers.domain).toBe(domain);
  });

  it.each([
    ['10:2', ['--throttle 10:2: a burst below the rate turns away (429) more than 2 requests arriving together, even under 10 per second; a burst of at least the rate is usual']],
    ['100:200', []],
  ])('warns about a burst below the rate (API Gateway accepts it): --throttle %s', async (throttle, warnings) => {
    expect((await resolve({ throttle })).warnings).toEqual(warnings);
  });

  it('warns when the throttle passes the lower account quota of a newer region', async () => {
    expect((await resolve({ throttle: '3000:3000', region: 'eu-south-2' })).warnings).toEqual([
      "--throttle 3000:3000: in eu-south-2 API Gateway's default account quota is 2500 requests per second with a burst of 1250; ask AWS to raise it, or the stage never reaches these limits",
    ]);
  });

  it('refuses a folder whose name is not a valid project name, pointing at --name', async () => {
    expect(await usageErrorOf(resolve({}, { directory: '../My App' }))).toMatch(/^Invalid project name "My App" \(from the folder name\).*--name$/);
  });

  it.each<[string, ResolveInput['flags'], RegExp]>([
    ['edge features without a distribution', { edge: 'security-headers' }, /^--edge needs a CloudFront distribution/],
    ['site sign-in without Cognito', { frontend: 'spa', edge: 'site-auth' }, /^--edge site-auth signs visitors in with Cognito: add --auth cognito/],
    ['an API access mode without a SPA', { apiAccess: 'same-origin' }, /^--api-access cloudfront\|same-origin is how a SPA reaches the API/],
    ['multi-account with one service', { accounts: 'multi' }, /^--accounts multi puts each service in its own account/],
    ['service accounts without multi-account', { services: 'a,b', serviceAccounts: 'a=111111111111,b=222222222222' }, /^--service-accounts goes with --accounts multi/],
    ['multi-account with a SPA', { services: 'a,b', accounts: 'multi', serviceAccounts: 'a=111111111111,b=222222222222', frontend: 'spa' }, /^--accounts multi with --frontend spa is not supported/],
    ['multi-account with a Cognito user pool', { services: 'a,b', accounts: 'multi', serviceAccounts: 'a=111111111111,b=222222222222', auth: 'cognito' }, /^--auth cognito keeps one user pool/],
    ['multi-account with a service left without an account', { services: 'a,b', accounts: 'multi', serviceAccounts: 'a=111111111111' }, /^--service-accounts must give exactly one account for each of --services/],
    ['multi-account naming a service that does not exist', { services: 'a,b', accounts: 'multi', serviceAccounts: 'a=111111111111,c=222222222222' }, /^--service-accounts must give exactly one account/],
  ])('refuses an invalid combination: %s', async (_, flags, message) => {
    expect(await usageErrorOf(resolve(flags))).toMatch(message);
  });
});

describe('the SPA answers', () => {
  it.each([
    ['spa', 'direct'],
    ['spa-regional-api', 'cloudfront'],
    ['spa-same-origin', 'same-origin'],
  ] as const)('--pattern %s is a SPA whose API is reached %s', async (pattern, apiAccess) => {
    expect((await resolve({ pattern })).answers).toMatchObject({ frontend: 'spa', apiAccess });
  });

  it('takes --frontend, --api-access and --domain on their own', async () => {
    const { answers } = await resolve({ frontend: 'spa', apiAccess: 'cloudfront', domain: 'app.example.com' });
    expect(answers).toMatchObject({ pattern: 'api', frontend: 'spa', apiAccess: 'cloudfront', domain: 'app.example.com' });
  });

  it('refuses an unknown --api-access', async () => {
    expect(await usageErrorOf(resolve({ frontend: 'spa', apiAccess: 'tunnel' }))).toMatch(/^Invalid --api-access "tunnel": must be one of direct, cloudfront, same-origin/);
  });
});

describe('without a terminal (no ask) and without --yes', () => {
  it('requires the directory, naming how to give it', async () => {
    expect(await usageErrorOf(resolveAnswers({ flags: { pattern: 'api' }, yes: false }))).toMatch(/^Missing the project directory/);
  });

  it('requires --pattern rather than silently picking one', async () => {
    expect(await usageErrorOf(resolveAnswers({ directory: 'x', flags: {}, yes: false }))).toMatch(/^Missing --pattern/);
  });

  it('needs nothing else once the pattern is given: the preset supplies the rest', async () => {
    const { answers } = await resolveAnswers({ directory: 'x', flags: { pattern: 'api' }, yes: false });
    expect(answers).toMatchObject(presetOf('api').answers);
  });
});

describe('prompting (with a scripted ask)', () => {
  it('asks for the name and pattern, offers to customise, then asks only the answers the preset leaves open', async () => {
    const { ask, ids } = scriptedAsk(replyWith({ name: 'shop', pattern: 'api', cache: true }));
    const { answers } = await resolveAnswers({ flags: {}, yes: false, ask });
    expect(ids()).toEqual(['name', 'pattern', 'customise', 'services', 'cache', 'waf', 'throttle', 'domain', 'region', 'ci']);
    expect(answers).toMatchObject({ name: 'shop', cache: true });
  });

  it('for microservices, asks the services, then where they deploy, and after the app\'s region each account and region in turn', async () => {
    const { ask, ids } = scriptedAsk(
      replyWith({
        name: 'shop',
        pattern: 'microservices',
        accounts: 'multi',
        serviceAccounts: [
          { service: 'orders', account: '111111111111' },
          { service: 'catalog', account: '222222222222', region: 'eu-west-1' },
        ],
      }),
    );
    const { answers } = await resolveAnswers({ flags: {}, yes: false, ask });
    expect(ids().slice(0, 5)).toEqual(['name', 'pattern', 'customise', 'services', 'accounts']);
    expect(ids().slice(-6)).toEqual(['region', 'serviceAccounts.orders.account', 'serviceAccounts.orders.region', 'serviceAccounts.catalog.account', 'serviceAccounts.catalog.region', 'ci']);
    expect(answers.services).toEqual(['orders', 'catalog']);
    expect(answers.serviceAccounts).toEqual([
      { service: 'orders', account: '111111111111' },
      { service: 'catalog', account: '222222222222', region: 'eu-west-1' },
    ]);
  });

  it('asks a SPA preset for its domain, but not how the API is reached (the preset says)', async () => {
    const { ask, ids } = scriptedAsk(replyWith({ name: 'shop', pattern: 'spa-same-origin', domain: 'shop.example.com' }));
    const { answers } = await resolveAnswers({ flags: {}, yes: false, ask });
    expect(ids()).toContain('domain');
    expect(ids()).not.toContain('apiAccess');
    expect(answers).toMatchObject({ frontend: 'spa', apiAccess: 'same-origin', domain: 'shop.example.com' });
  });

  it('never asks what a flag already answered', async () => {
    const { ask, ids } = scriptedAsk();
    await resolveAnswers({ directory: 'x', flags: { pattern: 'api', region: 'eu-west-1', cache: false }, yes: false, ask });
    expect(ids()).not.toContain('region');
    expect(ids()).not.toContain('cache');
    expect(ids()).not.toContain('pattern');
  });
});

describe('an empty flag value is refused, for every flag: one rule', () => {
  /** The answers that may hold nothing, and how each says it: the word none. */
  const noneable: Partial<Record<AnswerKey, unknown>> = { serviceAccounts: [], frontend: 'none', ingest: 'none', auth: 'none', edge: [], domain: undefined, ci: 'none' };

  /** Runs the CLI in this process, as a dry run into a fresh folder: the exit code, stderr, and whether anything was written. */
  async function cli(args: string[]) {
    const cwd = mkdtempSync(join(tmpdir(), 'csp-empty-'));
    const stderr: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
    try {
      const exitCode = await main([join(cwd, 'app'), '--yes', '--no-install', '--no-git', ...args]);
      return { exitCode, stderr: stderr.join(''), written: readdirSync(cwd) };
    } finally {
      vi.restoreAllMocks();
      rmSync(cwd, { recursive: true, force: true });
    }
  }

  it.each(answerKeys.map((key) => [flagName(key), key] as const))('%s ""', async (flag, key) => {
    // A switch takes no value at all: `--cache=` is refused by the parser, naming it.
    const boolean = typeof answerSpecs[key].default === 'boolean';
    for (const empty of boolean ? [`${flag}=`] : ['', ' ']) {
      const { exitCode, stderr, written } = await cli(boolean ? [empty] : [flag, empty]);
      expect(exitCode, stderr).toBe(ExitCode.usage);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(new RegExp(`^error: .*${flag}\\b`));
      // What to give instead: the word for nothing where the answer can hold nothing; else a value, or no flag.
      expect(stderr).toContain(boolean ? `(did you mean ${flag}?)` : key in noneable ? `empty; for none, give ${flag} none` : `empty; give `);
      if (!boolean && !(key in noneable)) expect(stderr).toContain(`or leave ${flag} out for the default`);
      expect(written).toEqual([]);
    }
  });

  it.each(Object.entries(noneable))('%s: the word none means nothing', async (key, empty) => {
    const flags = { [key]: 'none', ...(key === 'serviceAccounts' ? {} : { pattern: 'spa' }) };
    const { answers } = await resolve(flags);
    expect(answers[key as AnswerKey]).toEqual(empty);
  });
});
