import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ciEnvironments, ciRoles } from '../../infra/ci.js';
import { CiStack } from '../../infra/stacks/ci-stack.js';
import { config } from '../../infra/config.js';
import { deployOnlyByTag } from '../../infra/stage.js';
import { testApp } from '../support/app.js';

type Statement = { Effect: string; Action: string | string[]; Principal?: Record<string, unknown>; Resource?: unknown; Condition?: Record<string, Record<string, unknown>> };
type RoleResource = { Properties: { RoleName: string; AssumeRolePolicyDocument: { Statement: Statement[] } } };

const ciStacks = () => testApp().app.node.children.filter((child): child is CiStack => child instanceof CiStack);
// In the order infra/ci.ts lists the environments, each with the roles of its account.
const templates = () => ciStacks().map((stack, index) => ({ stack, roles: ciEnvironments()[index]!.roles, template: Template.fromStack(stack) }));
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

describe('the CI stack: the roles GitHub Actions deploys with', () => {
  it('is one stack per account the app deploys to, left out of every deploy', () => {
    expect(ciStacks().map((stack) => stack.account)).toHaveLength(ciEnvironments().length);
    for (const stack of ciStacks()) expect(stack.tags.tagValues()[deployOnlyByTag]).toBe('ci-bootstrap-only');
  });

  it("trusts each role to one exact subject of the repository, with GitHub's audience, and nothing else", () => {
    for (const { template, roles: expectedRoles } of templates()) {
      const roles = Object.values(template.findResources('AWS::IAM::Role')) as RoleResource[];
      expect(roles.map((role) => role.Properties.RoleName).sort()).toEqual(expectedRoles.map((role) => role.roleName).sort());
      for (const role of roles) {
        const expected = ciRoles().find((candidate) => candidate.roleName === role.Properties.RoleName)!;
        const statements = role.Properties.AssumeRolePolicyDocument.Statement;
        expect(statements).toHaveLength(1);
        const [trust] = statements;
        expect(trust!.Effect).toBe('Allow');
        expect(trust!.Action).toBe('sts:AssumeRoleWithWebIdentity');
        expect(Object.keys(trust!.Condition!)).toEqual(['StringEquals']);
        expect(trust!.Condition!.StringEquals).toEqual({
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': expected.subject,
        });
        expect(expected.subject).not.toContain('*');
        expect(expected.subject).toMatch(new RegExp(`^repo:${config.ci.repository}:(environment:[a-z][a-z0-9-]*|pull_request)$`));
      }
    }
  });

  it('gives stage roles their environment and the previews the pull requests', () => {
    const subjects = Object.fromEntries(ciRoles().map((role) => [role.key, role.subject]));
    expect(subjects).toEqual({
      ...Object.fromEntries(Object.keys(config.stages).map((stage) => [stage, `repo:${config.ci.repository}:environment:${stage}`])),
      'pull-requests': `repo:${config.ci.repository}:pull_request`,
    });
  });

  it('lets each role do one thing: assume the CDK bootstrap roles of its account', () => {
    for (const { template, roles } of templates()) {
      const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] } } }[];
      expect(policies).toHaveLength(roles.length);
      for (const policy of policies) {
        const statements = policy.Properties.PolicyDocument.Statement;
        expect(statements).toHaveLength(1);
        const [statement] = statements;
        expect(statement!.Effect).toBe('Allow');
        expect(list(statement!.Action).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
        expect(JSON.stringify(statement!.Resource)).toMatch(/:iam::.+:role\/\*/);
        expect(statement!.Condition).toEqual({
          StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy', 'file-publishing', 'image-publishing', 'lookup'] },
        });
      }
      // No managed policies, no inline policies on the roles themselves.
      for (const role of Object.values(template.findResources('AWS::IAM::Role')) as { Properties: Record<string, unknown> }[]) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
        expect(role.Properties.Policies).toBeUndefined();
      }
    }
  });

  it("creates GitHub's OIDC provider, unless infra/config.ts names one to reuse", () => {
    for (const { template } of templates()) {
      template.resourceCountIs('AWS::IAM::OIDCProvider', config.ci.existingOidcProvider ? 0 : 1);
    }
  });
});
