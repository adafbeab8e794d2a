import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { deployOnlyByTag, sharedByStagesTag, stageNamed } from '../../infra/stage.js';
import { build, testApp } from '../support/app.js';

type Resource = { Type: string; Properties?: Record<string, unknown> };

/**
 * Names that only need to be unique inside their parent (an API's stage and models, a role's
 * policies, a pool's groups, a table's keys): two stages may share them.
 */
const scopedNames = new Set(['StageName', 'PolicyName', 'GroupName', 'AttributeName', 'IndexName', 'MetricName', 'Name@AWS::ApiGateway::Model', 'Name@AWS::ApiGateway::RequestValidator', 'Name@AWS::ApiGateway::Authorizer']);

/**
 * A name made from a resource of the stack (a function's ARN, `/aws/lambda/<function>`) is as
 * unique as that resource: only names made of literals, the account, the region and the
 * stack's own id can collide, and those compare by their template form.
 */
const isReference = (value: unknown) => typeof value === 'object' && /"(Ref":"(?!AWS::(AccountId|Region|Partition|URLSuffix|StackId|StackName)")|Fn::GetAtt|Fn::ImportValue)/.test(JSON.stringify(value));

/** Every name a stage gives something in the account: stack names, and each resource's *Name properties (also inside its *Config). */
function physicalNames(stage: string): Map<string, string> {
  const names = new Map<string, string>();
  // API Gateway's account settings are one stack for every stage, by design (api-gateway-account.test.ts),
  // and so is what a command of its own deploys (the CI roles: one role per stage, for all stages).
  const stacks: CloudFormationStackArtifact[] = testApp(stage)
    .app.synth()
    .stacksRecursively.filter((stack) => stack.tags[sharedByStagesTag] !== 'true' && stack.tags[deployOnlyByTag] === undefined);
  for (const stack of stacks) {
    names.set(`stack ${stack.stackName}`, stack.stackName);
    for (const [logicalId, resource] of Object.entries<Resource>(stack.template.Resources ?? {})) {
      const visit = (properties: Record<string, unknown>, path: string) => {
        for (const [key, value] of Object.entries(properties)) {
          if (/Config$/.test(key) && value && typeof value === 'object' && !Array.isArray(value)) visit(value as Record<string, unknown>, `${path}.${key}`);
          else if (/Name$|^Domain$/.test(key) && !scopedNames.has(key) && !scopedNames.has(`${key}@${resource.Type}`) && !isReference(value)) {
            // Names joined from references (an account id, a stack id) compare by their template form.
            names.set(`${stack.stackName}/${logicalId}${path}.${key}`, typeof value === 'string' ? value : JSON.stringify(value));
          }
        }
      };
      visit(resource.Properties ?? {}, '');
    }
  }
  return names;
}

/** A second stage to deploy next to the default one: the first other in infra/config.ts. */
const other = Object.keys(config.stages).find((name) => name !== config.defaultStage) ?? 'copy';

describe(`two stages in one account: ${config.defaultStage} (the default) and ${other}`, () => {
  const prod = physicalNames(config.defaultStage);
  const dev = physicalNames(other);

  it('share no stack name, bucket, topic, parameter, sign-in domain, policy or dashboard name', () => {
    const taken = new Map([...prod].map(([where, name]) => [name, where]));
    const collisions = [...dev].filter(([, name]) => taken.has(name)).map(([where, name]) => `${where} and ${taken.get(name)}: ${name}`);
    expect(collisions).toEqual([]);
    // Stack names at least; a stage without alarms has no topic stack, so the counts may differ.
    expect(dev.size).toBeGreaterThan(1);
  });

  it('name the default stage\'s stacks after the app alone, and every other stage\'s after the app and the stage', () => {
    const stacks = (names: Map<string, string>) => [...names].filter(([where]) => where.startsWith('stack ')).map(([, name]) => name);
    for (const name of stacks(prod)) expect(name.startsWith(`${config.appName}-`) && !name.startsWith(`${config.appName}-${other}-`), name).toBe(true);
    for (const name of stacks(dev)) expect(name.startsWith(`${config.appName}-${other}-`), name).toBe(true);
  });

  it("gives a stage infra/config.ts does not list dev's settings, whatever its name", () => {
    for (const name of ['pr-42', 'constructor']) {
      expect(stageNamed(name), name).toMatchObject({ ...config.stages.dev, name, prefix: `${config.appName}-${name}` });
    }
  });

  it('refuses a stage name that cannot be part of a bucket name', () => {
    expect(() => build('Prod_2')).toThrow(/stage "Prod_2": use up to 12 lowercase letters, digits and hyphens/);
  });
});
