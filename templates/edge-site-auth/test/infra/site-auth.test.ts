import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { bundleSiteAuth } from '../../infra/constructs/site-auth.js';
import { testApp } from '../support/app.js';
import { siteAuthParameterName } from '../../infra/site-sign-in.js';

let site: Template;
let edge: Template;
let auth: Template;
let edgeRegion: string;

beforeAll(() => {
  const stacks = testApp();
  site = Template.fromStack(stacks.site);
  const all = stacks.app.node.children.filter((child): child is Stack => Stack.isStack(child));
  // Outside us-east-1 the function gets a stack of its own there; in us-east-1 it lives in the site stack.
  const edgeStack = all.find((stack) => stack.stackName === `${config.appName}-site-auth`) ?? stacks.site;
  edgeRegion = edgeStack.region;
  edge = Template.fromStack(edgeStack);
  auth = Template.fromStack(all.find((stack) => stack.stackName === `${config.appName}-auth`)!);
});

describe('the site sign-in gate', () => {
  it('is a Lambda@Edge function in us-east-1: x86_64, Node.js 22, no environment variables', () => {
    expect(edgeRegion).toBe('us-east-1');
    edge.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['x86_64'],
      Handler: 'index.handler',
      Environment: Match.absent(),
    });
    const role = JSON.stringify(edge.findResources('AWS::IAM::Role'));
    expect(role).toContain('edgelambda.amazonaws.com');
  });

  it('may read its one SSM parameter, in the app\'s region, and nothing else', () => {
    const policies = JSON.stringify(edge.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('"ssm:GetParameter"');
    expect(policies).toContain(`:ssm:${config.env.region}:`);
    expect(policies).toContain(`parameter${siteAuthParameterName}`);
  });

  it('runs on origin request of the bucket behavior, which caches nothing, so every request is checked', () => {
    const behavior = Object.values(site.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig.DefaultCacheBehavior;
    expect(behavior.LambdaFunctionAssociations).toEqual([expect.objectContaining({ EventType: 'origin-request' })]);
    expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    site.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({ CookiesConfig: { CookieBehavior: 'whitelist', Cookies: ['site-token', 'site-pkce'] } }),
    });
  });

  it('finds the user pool through a parameter the auth stack writes', () => {
    auth.hasResourceProperties('AWS::SSM::Parameter', { Name: siteAuthParameterName, Type: 'String' });
  });

  it('bundles to one small file with the parameter written in (Lambda@Edge allows no environment variables)', () => {
    const out = mkdtempSync(join(tmpdir(), 'site-auth-'));
    bundleSiteAuth(out);
    const bundle = join(out, 'index.js');
    expect(statSync(bundle).size).toBeLessThan(1024 * 1024);
    expect(readFileSync(bundle, 'utf8')).toContain(siteAuthParameterName);
  });
});
