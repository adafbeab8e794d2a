import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { type SecretName, ServiceFunction } from '../../infra/constructs/service-function.js';
import { operations } from '../../infra/stacks/operations.js';
import { newApp } from '../support/app.js';

/** One function of stage `dev` declaring `secrets`, in a stack of its own. */
function functionWith(secrets: readonly SecretName[] | undefined) {
  const stack = new Stack(newApp('dev'), 'Secrets', { env: { account: '111111111111', region: 'eu-west-1' } });
  const fn = new ServiceFunction(stack, 'Pay', { entry: `services/${config.services[0]}/handlers/${operations[0]!.handler}.ts`, description: 'reads two secrets', secrets });
  return { fn, template: Template.fromStack(stack) };
}

const parameterArn = (name: string) => `arn:aws:ssm:eu-west-1:111111111111:parameter/${config.appName}/dev/secrets/${name}`;

describe('a function that declares the secrets it reads', () => {
  it('may get exactly those SSM parameters, by ARN, and nothing else of SSM or KMS', () => {
    const { template } = functionWith(['PAYMENT_API_KEY', 'MAPS_KEY']);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const touching = statements.filter((statement) => [statement.Action].flat().some((action) => /^(ssm|kms):/.test(action)));
    // CDK sorts a statement's resources.
    expect(touching).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: [parameterArn('MAPS_KEY'), parameterArn('PAYMENT_API_KEY')] }),
    ]);
  });

  it("gets the stage's path in SECRETS_PATH, and says what it reads in the metadata `npm run secret` and `npm run dev` read", () => {
    const { fn, template } = functionWith(['PAYMENT_API_KEY']);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ SECRETS_PATH: `/${config.appName}/dev/secrets` }) } });
    expect(fn.function.node.defaultChild!.node.metadata.find((entry) => entry.type === 'serverless-pattern:secrets')?.data).toEqual({
      path: `/${config.appName}/dev/secrets`,
      names: ['PAYMENT_API_KEY'],
    });
  });

  it('without secrets: no SSM permission and no SECRETS_PATH', () => {
    const { template } = functionWith(undefined);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/ssm:|SECRETS_PATH/);
  });

  it('refuses a name that is not upper-case letters, digits and underscores', () => {
    expect(() => functionWith(['PAYMENT-KEY' as SecretName])).toThrow(/^Secrets\/Pay: secret "PAYMENT-KEY": use upper-case letters, digits and underscores, starting with a letter$/);
  });
});
