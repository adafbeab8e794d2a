import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnStage } from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { managedRuleGroups } from '../../infra/constructs/web-acl.js';
import { WafStack } from '../../infra/stacks/waf-stack.js';
import { serviceStack, testApp } from '../support/app.js';

const ruleNames = ['RateLimitPerIp', ...managedRuleGroups];
const rulesOf = (acl: { [key: string]: any }) => (acl.Properties.Rules as { Name: string }[]).map((rule) => rule.Name);

describe('AWS WAF (--waf)', () => {
  it.each(config.services)('guards the %s API stage with a REGIONAL web ACL (a rate limit per IP, then the managed rule groups) only where clients call it directly', (service) => {
    const stack = serviceStack(service);
    const template = Template.fromStack(stack);
    if (stack.api.requiresApiKey) {
      // Only CloudFront reaches it: the distribution's web ACL sees the viewers' addresses; a
      // REGIONAL one would rate-limit and judge CloudFront's edge addresses instead.
      template.resourceCountIs('AWS::WAFv2::WebACL', 0);
      template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
      return;
    }
    const acls = Object.entries(template.findResources('AWS::WAFv2::WebACL', { Properties: { Scope: 'REGIONAL' } }));
    expect(acls).toHaveLength(1);
    const [aclId, acl] = acls[0]!;
    expect(rulesOf(acl)).toEqual(ruleNames);
    expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Name: 'RateLimitPerIp', Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: config.waf!.requestsPerIpPer5Minutes, AggregateKeyType: 'IP' } } })]),
    });
    // The association names this API's stage and this web ACL.
    const stage = stack.getLogicalId(stack.api.restApi.deploymentStage.node.defaultChild as CfnStage);
    const associations = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation')).map((a) => JSON.stringify(a.Properties));
    expect(associations).toHaveLength(1);
    expect(associations[0]).toContain(`"${aclId}","Arn"`);
    expect(associations[0]).toContain(stage);
  });

  it('guards every CloudFront distribution with the CLOUDFRONT web ACL of a us-east-1 stack of its own', () => {
    const stacks = testApp().app.node.children.filter(Stack.isStack);
    const distributions = stacks.flatMap((stack) => Object.entries(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution')).map(([id, d]) => ({ stack, id, d })));
    const waf = stacks.filter((stack): stack is WafStack => stack instanceof WafStack);
    if (distributions.length === 0) {
      expect(waf).toEqual([]);
      return;
    }
    expect(waf).toHaveLength(1);
    expect(waf[0]!.region).toBe('us-east-1');
    const acls = Object.values(Template.fromStack(waf[0]!).findResources('AWS::WAFv2::WebACL'));
    expect(acls.map((acl) => acl.Properties.Scope)).toEqual(['CLOUDFRONT']);
    expect(rulesOf(acls[0]!)).toEqual(ruleNames);
    for (const { stack, id, d } of distributions) {
      expect(d.Properties.DistributionConfig.WebACLId, `${stack.stackName}/${id}`).toBeDefined();
      // Read from the WAF stack (across regions through CDK's SSM-backed reader when the app is elsewhere).
      expect(stack.dependencies, `${stack.stackName} deploys after the web ACL`).toContain(waf[0]);
    }
  });
});
