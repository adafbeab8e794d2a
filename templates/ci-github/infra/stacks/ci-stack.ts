import { CfnOutput, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import { Effect, type IOidcProvider, OidcProviderNative, PolicyStatement, Role, WebIdentityPrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { deployOnlyBy } from '../stage.js';

/**
 * Who may deploy what from GitHub Actions. A workflow job asks GitHub for an OIDC token; AWS
 * trades it for one role of this app's CI stack, and only if the token's subject is exactly
 * the one that role trusts: a job in the GitHub environment named after the stage, or (the
 * previews) a job run for a pull request. No AWS keys are ever stored in GitHub.
 */
export interface CiRole {
  /** A stage of infra/config.ts, or `pull-requests` (too long to be a stage name, so never one). */
  readonly key: string;
  /** The role's name, the same in every account: `ci:role` derives its ARN from it. */
  readonly roleName: string;
  /** The token's `sub` claim the role requires, exactly: no wildcard. */
  readonly subject: string;
  /** What deploys with it, for the role's description. */
  readonly deploys: string;
}

/** GitHub's OIDC issuer, and the audience configure-aws-credentials asks its tokens for. */
export const githubOidc = { url: 'https://token.actions.githubusercontent.com', host: 'token.actions.githubusercontent.com', audience: 'sts.amazonaws.com' } as const;

export interface CiStackProps extends StackProps {
  readonly roles: readonly CiRole[];
  /** The ARN of GitHub's OIDC provider when the account already has one (IAM allows one per URL). */
  readonly existingOidcProvider?: string;
}

/**
 * What GitHub Actions deploys with, deployed by hand once per account (README: "Team
 * workflow"; as `sam pipeline bootstrap` does): GitHub's OIDC provider and one role per stage. A role trusts exactly one
 * token subject of one repository, and may do one thing: assume the CDK bootstrap roles of
 * its account, which then deploy with the permissions `cdk bootstrap` gave them.
 *
 * It is synthesized with the rest of the app, so its tests and cdk-nag check it, but `deploy`
 * never deploys it: the stack tag `serverless-pattern:deploy = ci-bootstrap-only` (read from
 * the cloud assembly) leaves it out of every deploy and destroy plan. A pull request cannot
 * widen its own permissions this way.
 */
export class CiStack extends Stack {
  constructor(scope: Construct, id: string, props: CiStackProps) {
    super(scope, id, { ...props, tags: { ...props.tags, ...deployOnlyBy.ciBootstrap } });

    const provider: IOidcProvider = props.existingOidcProvider
      ? OidcProviderNative.fromOidcProviderArn(this, 'GitHub', props.existingOidcProvider)
      : new OidcProviderNative(this, 'GitHub', { url: githubOidc.url, clientIds: [githubOidc.audience] });

    // Only this account's roles: with one account per service, each account has its own CI stack.
    const bootstrapRoles = `arn:${this.partition}:iam::${this.account}:role/*`;
    for (const ci of props.roles) {
      const role = new Role(this, `Role-${ci.key}`, {
        roleName: ci.roleName,
        description: `GitHub Actions deploys ${ci.deploys} with this role: it may only assume the CDK bootstrap roles`,
        assumedBy: new WebIdentityPrincipal(provider.oidcProviderArn, {
          StringEquals: { [`${githubOidc.host}:aud`]: githubOidc.audience, [`${githubOidc.host}:sub`]: ci.subject },
        }),
      });
      role.addToPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          resources: [bootstrapRoles],
          conditions: { StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy', 'file-publishing', 'image-publishing', 'lookup'] } },
        }),
      );
      new CfnOutput(this, `RoleArn${ci.key.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}`, { value: role.roleArn, description: `The role of ${ci.key}` });
    }

    Validations.of(this).acknowledge({
      // cdk-nag names a value only known at deploy time by its pseudo parameter.
      id: `AwsSolutions-IAM5[Resource::arn:${known(this.partition, 'AWS::Partition')}:iam::${known(this.account, 'AWS::AccountId')}:role/*]`,
      reason:
        "The CDK bootstrap roles are named after their qualifier, account and region, which the deploy picks; the condition on their aws-cdk:bootstrap-role tag is what limits these roles to them.",
    });
  }
}

/** A value as cdk-nag writes it in a finding's id: itself when known at synth, else `<its pseudo parameter>`. */
function known(value: string, pseudoParameter: string): string {
  return Token.isUnresolved(value) ? `<${pseudoParameter}>` : value;
}
