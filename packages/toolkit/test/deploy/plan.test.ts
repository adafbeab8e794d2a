import { CfnResource } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { metadataKeys, sharedByStagesTag } from '../../src/deploy/app-metadata.js';
import { defaultRegion, deployPlan, destroyPlan, sharedByStages, UnknownStackError } from '../../src/deploy/plan.js';
import { order, stack, synthesize } from '../support/assembly.js';

const ireland = { account: '111111111111', region: 'eu-west-1' };
const virginia = { account: '111111111111', region: 'us-east-1' };

/**
 * An app as a generated one is laid out, in an order that is not the deploy order: a site
 * that needs a certificate from us-east-1, a service that needs the user pool and the
 * account's API Gateway settings (explicit dependencies), and the content, which needs the
 * site and reads the service's API (a reference between stacks, recorded only by synthesis).
 */
const app = () =>
  synthesize((app) => {
    const content = stack(app, 'app-site-content', { env: ireland });
    const site = stack(app, 'app-site', { env: ireland });
    const certificate = stack(app, 'app-certificate', { env: virginia });
    const items = stack(app, 'app-items', { env: ireland });
    const auth = stack(app, 'app-auth', { env: ireland });
    const account = stack(app, 'app-api-gateway', { env: ireland, tags: { [sharedByStagesTag]: 'true' } });
    const queue = new CfnResource(items, 'Queue', { type: 'AWS::SQS::Queue' });
    new CfnResource(content, 'Config', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: queue.ref } });
    site.addStackDependency(certificate, 'CloudFront takes certificates from us-east-1');
    items.addStackDependency(auth, 'its API trusts the user pool');
    items.addStackDependency(account, 'its stage logs through the account-level role');
    content.addStackDependency(site, 'its bucket');
  });

describe('the deploy plan', () => {
  it('deploys every stack once, each after the stacks it depends on, references between stacks included', () => {
    const planned = order(deployPlan(app()));
    expect([...planned].sort()).toEqual(['app-api-gateway', 'app-auth', 'app-certificate', 'app-items', 'app-site', 'app-site-content']);
    const before = (first: string, then: string) => expect(planned.indexOf(first), `${first} before ${then}`).toBeLessThan(planned.indexOf(then));
    before('app-certificate', 'app-site');
    before('app-auth', 'app-items');
    before('app-api-gateway', 'app-items');
    before('app-site', 'app-site-content');
    before('app-items', 'app-site-content');
  });

  it('keeps the order the assembly lists them in among stacks that do not depend on each other', () => {
    const assembly = synthesize((app) => ['c', 'a', 'b'].forEach((name) => stack(app, name, { env: ireland })));
    expect(order(deployPlan(assembly))).toEqual(assembly.stacksRecursively.map((stack) => stack.stackName));
  });

  it('makes one `cdk` call of consecutive stacks that share an account, a region and a profile', () => {
    expect(deployPlan(app(), { profile: 'team' })).toEqual([
      { stacks: ['app-api-gateway', 'app-auth'], ...ireland, profile: 'team' },
      { stacks: ['app-certificate'], ...virginia, profile: 'team' },
      { stacks: ['app-items', 'app-site', 'app-site-content'], ...ireland, profile: 'team' },
    ]);
  });

  it("leaves the account and region of a stack without an environment to the credentials", () => {
    const assembly = synthesize((app) => stack(app, 'anywhere'));
    expect(deployPlan(assembly)).toEqual([{ stacks: ['anywhere'], region: defaultRegion, account: undefined, profile: undefined }]);
  });

  it(`deploys a stack that names its own profile (${metadataKeys.profile}) with it, the others with --profile`, () => {
    const assembly = synthesize((app) => {
      stack(app, 'app-a', { env: ireland });
      stack(app, 'app-b', { env: { account: '222222222222', region: 'eu-west-1' } }).node.addMetadata(metadataKeys.profile, 'orders');
      stack(app, 'app-c', { env: ireland });
    });
    expect(deployPlan(assembly, { profile: 'team' }).map(({ stacks, profile }) => ({ stacks, profile }))).toEqual([
      { stacks: ['app-a'], profile: 'team' },
      { stacks: ['app-b'], profile: 'orders' },
      { stacks: ['app-c'], profile: 'team' },
    ]);
  });

  it('deploys a stack named by its stack name or its last part, after every stack it needs, and nothing else', () => {
    const assembly = app();
    expect(order(deployPlan(assembly, { only: ['items'] }))).toEqual(['app-api-gateway', 'app-auth', 'app-items']);
    expect(order(deployPlan(assembly, { only: ['app-site'] }))).toEqual(['app-certificate', 'app-site']);
  });

  it('refuses a stack name the app does not have, listing the ones it has', () => {
    expect(() => deployPlan(app(), { only: ['nope'] })).toThrow(UnknownStackError);
    expect(() => deployPlan(app(), { only: ['nope'] })).toThrow(/^No stack named nope; stacks: app-api-gateway, app-auth, app-certificate, app-items, app-site, app-site-content$/);
  });
});

describe('the destroy plan', () => {
  it('destroys every stack in the reverse of the deploy order, and leaves those every stage shares', () => {
    const assembly = app();
    const deployed = order(deployPlan(assembly)).filter((name) => name !== 'app-api-gateway');
    expect(order(destroyPlan(assembly))).toEqual([...deployed].reverse());
    expect(sharedByStages(assembly).map((stack) => stack.stackName)).toEqual(['app-api-gateway']);
  });

  it('destroys a stack with the stacks that depend on it, never with the stacks it depends on', () => {
    expect(order(destroyPlan(app(), { only: ['auth'] }))).toEqual(['app-site-content', 'app-items', 'app-auth']);
    expect(order(destroyPlan(app(), { only: ['certificate'] }))).toEqual(['app-site-content', 'app-site', 'app-certificate']);
  });

  it('never destroys a shared stack, even by name', () => {
    expect(order(destroyPlan(app(), { only: ['api-gateway'] }))).toEqual(['app-site-content', 'app-items']);
  });
});

