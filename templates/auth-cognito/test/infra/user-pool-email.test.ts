import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it, vi } from 'vitest';
import { config } from '../../infra/config.js';
import { stageNamed } from '../../infra/stage.js';
import { testApp } from '../support/app.js';

// infra/config.ts as it would be with an SES identity named for the default stage only.
const sender = vi.hoisted(() => ({ from: 'no-reply@mail.example.com', name: 'Example', verifiedDomain: 'mail.example.com' }));
vi.mock('../../infra/config.js', async (importOriginal) => {
  const { config } = await importOriginal<typeof import('../../infra/config.js')>();
  const { userPoolEmail: _none, ...others } = config.stages.dev;
  const withSes = { ...config.stages[config.defaultStage]!, userPoolEmail: sender };
  return { config: { ...config, stages: { ...config.stages, [config.defaultStage]: withSes, dev: others } } };
});

function userPool(stage: string) {
  const stack = testApp(stage).app.node.children.find((child): child is Stack => Stack.isStack(child) && child.stackName === `${stageNamed(stage).prefix}-auth`)!;
  return Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPool'))[0]!.Properties;
}

describe("the user pool's mail", () => {
  it('goes out through SES from the identity a stage names (userPoolEmail)', () => {
    const { region } = stageNamed(config.defaultStage).env;
    const email = userPool(config.defaultStage).EmailConfiguration;
    expect(email).toMatchObject({ EmailSendingAccount: 'DEVELOPER', From: `${sender.name} <${sender.from}>` });
    // The identity SES verified: the domain here, in the app's region and the stage's account.
    expect(JSON.stringify(email.SourceArn)).toMatch(new RegExp(`:ses:${region}:.*:identity/${sender.verifiedDomain}"`));
  });

  it("comes from Cognito's own sender in a stage that names none", () => {
    const email = userPool('dev').EmailConfiguration;
    expect(email?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe('COGNITO_DEFAULT');
    expect(email?.SourceArn).toBeUndefined();
  });
});
