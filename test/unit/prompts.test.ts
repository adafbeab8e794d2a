import { describe, expect, it } from 'vitest';
import { type AnswerKey, answerKeys, type Answers, answerSpecs, defaultAnswers, flagName } from '../../src/options/answers.js';
import { valuesOf } from '../../src/options/choices.js';
import { splitList } from '../../src/options/flag-values.js';
import { promptOrder } from '../../src/options/interview.js';
import { presetIds } from '../../src/options/presets.js';
import type { CheckboxQuestion, Question, SelectQuestion, TextQuestion } from '../../src/options/question.js';
import { readAnswer } from '../../src/options/read-answer.js';
import { resolveAnswers } from '../../src/options/resolve.js';
import { answersSchema } from '../../src/options/schema.js';
import { acceptedCombinations } from '../support/combinations.js';
import { replyWith, type Script, scriptedAsk } from '../support/scripted-ask.js';

/** Runs the prompts as a person in a terminal would (nothing given as a flag), replying by the script. */
async function prompted(script: Script, rest: { flags?: Record<string, unknown>; directory?: string; stored?: Answers } = {}) {
  const session = scriptedAsk(script);
  const resolved = await resolveAnswers({ flags: rest.flags ?? {}, directory: rest.directory, stored: rest.stored, yes: false, ask: session.ask });
  return { ...session, answers: resolved.answers };
}

const offered = (question: Question | undefined) => (question as SelectQuestion | CheckboxQuestion).choices;
const enabled = (question: Question | undefined) => offered(question).filter((c) => !c.disabled).map((c) => c.value);
const disabledWhy = (question: Question | undefined, value: string) => offered(question).find((c) => c.value === value)?.disabled;

/** Replies with the target's answers, and one value of one answer instead. */
const customised = (target: Partial<Answers>) => replyWith({ name: 'app', ...target }, { customise: true });

describe('every answer can be chosen by prompts alone', () => {
  const { accepted } = acceptedCombinations();

  it('every combination of answers the flags accept comes out of the prompts, each reply offered, enabled and valid on the way', async () => {
    // The matrix of test/support/combinations.ts crosses every value of every answer that
    // chooses templates (every subset of --edge, every auth mode, ...) and rotates the rest.
    expect(accepted.length).toBeGreaterThan(3000);
    for (const { answers: target } of accepted) {
      const { answers } = await prompted(replyWith(target, { customise: true }));
      expect(answers).toEqual(target);
    }
  }, 60_000);

  it("offers every value of every choice answer in its prompt, by the answer table's own lists", async () => {
    // The customised secure preset on two services asks every choice answer there is.
    const { asked } = await prompted(customised({ pattern: 'secure', services: ['orders', 'catalog'] }));
    const choiceKeys = answerKeys.filter((key) => ['select', 'multiselect'].includes(answerSpecs[key].prompt.kind));
    for (const key of choiceKeys) {
      const question = asked.find((q) => q.id === key);
      expect(question, `${key} is asked`).toBeDefined();
      const values = key === 'pattern' ? presetIds : valuesOf(answerSpecs[key].prompt.choices!);
      expect(offered(question).map((c) => c.value)).toEqual(values);
    }
    // Each value the schema allows is a choice, or (a checkbox) a set of them.
    const allowed = { auth: answersSchema.shape.auth.options, accounts: answersSchema.shape.accounts.options, frontend: answersSchema.shape.frontend.options, apiAccess: answersSchema.shape.apiAccess.options, ingest: answersSchema.shape.ingest.options };
    for (const [key, values] of Object.entries(allowed)) {
      const choices = offered(asked.find((q) => q.id === key)).map((c) => c.value);
      for (const value of values) expect(value === 'none' || splitList(value).every((v) => choices.includes(v)), `${key}=${value}`).toBe(true);
    }
  });

  it('takes every free-text answer as its flag would: names, services, accounts and regions, throttling, a domain', async () => {
    const target = {
      pattern: 'microservices',
      services: ['orders', 'catalog', 'billing'],
      accounts: 'multi',
      serviceAccounts: [
        { service: 'orders', account: '111111111111' },
        { service: 'catalog', account: '222222222222', region: 'eu-central-1' },
        { service: 'billing', account: '333333333333', region: 'ap-southeast-2' },
      ],
      throttle: { rateLimit: 5, burstLimit: 10 },
      domain: 'api.example.com',
      region: 'eu-west-1',
      cache: true,
      auth: 'lambda',
    } as const satisfies Partial<Answers>;
    const { answers } = await prompted(replyWith({ name: 'billing-app', ...target }, { customise: true }));
    expect(answers).toEqual({ ...defaultAnswers(), name: 'billing-app', ...target });
  });
});

describe('the order follows what each answer depends on', () => {
  it('asks the preset, then its features (accounts, frontend, API access, storage-first, auth, edge), then the API settings, the region, and each service after it', () => {
    expect(promptOrder).toEqual(['name', 'pattern', 'services', 'accounts', 'frontend', 'apiAccess', 'ingest', 'auth', 'edge', 'cache', 'waf', 'throttle', 'domain', 'region', 'serviceAccounts', 'ci']);
  });

  it('customising asks every feature with the preset\'s values as defaults', async () => {
    const { ids, question } = await prompted(customised({ pattern: 'secure' }));
    expect(ids()).toEqual(['name', 'pattern', 'customise', 'services', 'frontend', 'apiAccess', 'ingest', 'auth', 'edge', 'cache', 'waf', 'throttle', 'domain', 'region', 'ci']);
    expect((question('frontend') as SelectQuestion).default).toBe('spa');
    expect((question('apiAccess') as SelectQuestion).default).toBe('same-origin');
    expect(offered(question('auth')).filter((c) => c.checked).map((c) => c.value)).toEqual(['cognito']);
    expect(offered(question('edge')).filter((c) => c.checked).map((c) => c.value)).toEqual(['security-headers', 'site-auth']);
  });

  it('not customising asks only what the preset leaves open: storage-first asks SQS or Kinesis, and nothing else of its shape', async () => {
    const { ids, question, answers } = await prompted(replyWith({ name: 'app', pattern: 'storage-first', ingest: 'kinesis' }));
    expect(ids()).toEqual(['name', 'pattern', 'customise', 'services', 'ingest', 'cache', 'waf', 'throttle', 'domain', 'region', 'ci']);
    expect(offered(question('ingest')).map((c) => c.value)).toEqual(['sqs', 'kinesis']);
    expect(answers.ingest).toBe('kinesis');
  });

  it('an answer that no longer applies goes back to its default: the secure preset without a site has no edge features and reaches its API directly', async () => {
    const { ids, answers } = await prompted(customised({ pattern: 'secure', frontend: 'none' }));
    expect(ids()).not.toContain('edge');
    expect(ids()).not.toContain('apiAccess');
    expect(answers).toMatchObject({ frontend: 'none', apiAccess: 'direct', edge: [], auth: 'cognito' });
  });
});

describe('the rules, applied live: a refused choice is shown disabled with the reason', () => {
  it('one account per service disables the site and the Cognito user pool', async () => {
    const { question } = await prompted(
      customised({ pattern: 'microservices', accounts: 'multi', serviceAccounts: [{ service: 'orders', account: '111111111111' }, { service: 'catalog', account: '222222222222' }] }),
    );
    expect(disabledWhy(question('frontend'), 'spa')).toBe('a site cannot reach APIs in other accounts: keep one account');
    expect(disabledWhy(question('auth'), 'cognito')).toBe('one user pool cannot serve APIs in other accounts; the Lambda authorizer can');
    expect(enabled(question('auth'))).toEqual(['lambda']);
  });

  it('the site sign-in is disabled until Cognito is checked', async () => {
    const withoutCognito = await prompted(customised({ pattern: 'spa', auth: 'lambda' }));
    expect(disabledWhy(withoutCognito.question('edge'), 'site-auth')).toBe('signs visitors in with Cognito: check Cognito under authorization');
    const withCognito = await prompted(customised({ pattern: 'spa', auth: 'cognito' }));
    expect(enabled(withCognito.question('edge'))).toContain('site-auth');
  });

  it('a default the rules now refuse is not preselected', async () => {
    // --accounts multi as a flag settles accounts before the secure preset's features are asked.
    const { question } = await prompted(customised({ pattern: 'secure', services: ['orders', 'catalog'], frontend: 'none', auth: 'lambda' }), { flags: { accounts: 'multi', serviceAccounts: 'orders=111111111111,catalog=222222222222' } });
    expect((question('frontend') as SelectQuestion).default).toBe('none');
    expect(offered(question('auth')).find((c) => c.value === 'cognito')).toMatchObject({ checked: false, disabled: expect.any(String) });
  });

  it('flags that cannot go together with each other or the preset are refused before any question', async () => {
    const session = scriptedAsk(replyWith({}));
    await expect(resolveAnswers({ directory: 'app', flags: { pattern: 'secure', accounts: 'multi', services: 'a,b' }, yes: false, ask: session.ask })).rejects.toThrow(/^--auth cognito keeps one user pool/);
    expect(session.ids()).toEqual(['customise']);
  });
});

describe('inline checks speak to the person, in the words of the flag\'s own validation', () => {
  const problem = (question: Question | undefined, text: string) => (question as TextQuestion).validate(text);

  /** What the answer's own validation says of the text (the flag says the same after "Invalid --<flag> ..."). */
  const schemaSays = (key: AnswerKey, text: string) => {
    const read = readAnswer(key, text);
    if (read.ok) throw new Error(`${key} takes ${text}`);
    return read.problem;
  };

  it.each<[AnswerKey, string, (problem: string) => string]>([
    // A message that states a fact gets what was typed as its subject.
    ['region', 'mars-1', (problem) => `mars-1 ${problem}`],
    // One that says what to do reads well on its own.
    ['domain', 'Not A Domain', (problem) => problem],
    ['services', 'orders,orders', (problem) => problem],
  ])('%s %j', async (key, text, shown) => {
    const { question } = await prompted(customised({ pattern: 'api' }));
    expect(problem(question(key), text)).toBe(shown(schemaSays(key, text)));
    expect(problem(question(key), text)).not.toContain(flagName(key));
    expect(problem(question(key), text)).not.toMatch(/^Invalid/);
  });

  it("each service's region too, defaulting to the app's", async () => {
    const { question } = await prompted(
      customised({ pattern: 'microservices', region: 'eu-west-1', accounts: 'multi', serviceAccounts: [{ service: 'orders', account: '111111111111' }, { service: 'catalog', account: '222222222222' }] }),
    );
    expect((question('serviceAccounts.orders.region') as TextQuestion).default).toBe('eu-west-1');
    expect(problem(question('serviceAccounts.orders.region'), 'mars-1')).toBe(`mars-1 ${schemaSays('region', 'mars-1')}`);
    expect(problem(question('serviceAccounts.orders.account'), '1234')).toBe('must be a 12-digit AWS account id');
  });

  it('the name is refused at once when its folder cannot take the project', async () => {
    const session = scriptedAsk(() => 'taken');
    await expect(resolveAnswers({ flags: {}, yes: false, ask: session.ask, directoryProblem: (dir) => (dir.endsWith('/taken') ? 'already has files in it' : undefined) })).rejects.toThrow(
      'name: "taken" is refused: taken already has files in it: choose another name',
    );
    expect(session.ids()).toEqual(['name']);
  });
});
