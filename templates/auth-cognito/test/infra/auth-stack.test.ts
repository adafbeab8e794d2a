import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { testApp } from '../support/app.js';

describe('the auth stack', () => {
  let template: Template;
  beforeAll(() => {
    const stack = testApp().app.node.children.find((child): child is Stack => Stack.isStack(child) && child.stackName === `${testApp().stage.prefix}-auth`);
    template = Template.fromStack(stack!);
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

  // The configured URLs among its return addresses: a site with a domain adds its own (infra/spa-sign-in.ts).
  it('gives the SPA a public client: code flow only, no secret, openid/email/profile, the configured URLs', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
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
