import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { devServerUrl } from '../../infra/constructs/user-directory.js';
import { stageNamed } from '../../infra/stage.js';
import { testApp } from '../support/app.js';

/** The auth stack of a stage (default: the default stage), as `cdk synth -c stage=<name>` builds it. */
function authStack(stage: string = config.defaultStage): Template {
  const { app } = testApp(stage);
  const stack = app.node.children.find((child): child is Stack => Stack.isStack(child) && child.stackName === `${stageNamed(stage).prefix}-auth`);
  return Template.fromStack(stack!);
}

/** A stage whose app client lists the SPA's dev server: one for development (dev, as generated). */
const devStage = Object.keys(config.stages).find((name) => config.stages[name]!.localCallbacks) ?? 'dev';

describe('the auth stack', () => {
  let template: Template;
  beforeAll(() => {
    template = authStack();
  });

  it('has one user pool that signs in by email, recovers by email, and creates users only as configured', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: !config.auth.cognito.selfSignUp },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('asks for strong passwords: 12 characters or more, of every class', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
      },
    });
  });

  it('offers MFA with an authenticator app, never SMS', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: config.auth.cognito.mfa === 'required' ? 'ON' : 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  // In a development stage, where it has somewhere to send users back to (the SPA's dev server).
  it('gives the SPA a public client: code flow only, no secret, openid/email/profile, the configured URLs', () => {
    const dev = authStack(devStage);
    dev.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    dev.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: Match.arrayWith([...config.auth.cognito.callbackUrls]),
      LogoutURLs: Match.arrayWith([...config.auth.cognito.logoutUrls]),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('hosts the sign-in pages on a Cognito domain, with a branding style so managed login renders', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
  });

  it('derives a domain prefix unique to the stack when none is configured', () => {
    const domain = Object.values(template.findResources('AWS::Cognito::UserPoolDomain'))[0]!;
    const prefix = JSON.stringify(domain.Properties.Domain);
    if (config.auth.cognito.domainPrefix) expect(domain.Properties.Domain).toBe(config.auth.cognito.domainPrefix);
    else expect(prefix).toContain('AWS::StackId');
  });

  it('outputs what a client needs to sign in: pool id, client id and the sign-in URL', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['UserPoolId', 'UserPoolClientId', 'SignInUrl']));
  });
});

describe('where the hosted sign-in sends users back to, stage by stage', () => {
  const returnUrls = (stage: string) =>
    Object.values(authStack(stage).findResources('AWS::Cognito::UserPoolClient')).flatMap(({ Properties }) => [...(Properties.CallbackURLs ?? []), ...(Properties.LogoutURLs ?? [])]);

  it(`lists the SPA's dev server (${devServerUrl}) only in stages for development, never in prod`, () => {
    // Every listed stage, and one that is not listed (it takes dev's settings).
    for (const stage of [...Object.keys(config.stages), 'pr-42']) {
      expect(returnUrls(stage).includes(devServerUrl), stage).toBe(stageNamed(stage).localCallbacks);
    }
    expect(stageNamed('prod').localCallbacks).toBe(false);
    expect(returnUrls(devStage)).toContain(devServerUrl);
  });

  it('lists the configured addresses in every stage', () => {
    for (const stage of Object.keys(config.stages)) {
      expect(returnUrls(stage), stage).toEqual(expect.arrayContaining([...config.auth.cognito.callbackUrls, ...config.auth.cognito.logoutUrls]));
    }
  });

  it('offers no hosted sign-in to a client with nowhere to send users back to', () => {
    for (const stage of Object.keys(config.stages)) {
      for (const { Properties } of Object.values(authStack(stage).findResources('AWS::Cognito::UserPoolClient'))) {
        expect(Properties.AllowedOAuthFlowsUserPoolClient, stage).toBe((Properties.CallbackURLs ?? []).length > 0);
      }
    }
  });
});
