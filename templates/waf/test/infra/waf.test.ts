import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnStage } from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { managedRuleGroups, redactedHeaders } from '../../infra/constructs/web-acl.js';
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

  describe.each(Object.keys(config.stages))('in the %s stage, every web ACL', (name) => {
    const { app, stage } = testApp(name);
    const stacks = app.node.children.filter(Stack.isStack);
    const acls = stacks.flatMap((stack) => Object.entries(Template.fromStack(stack).findResources('AWS::WAFv2::WebACL')).map(([id, acl]) => ({ stack, id, acl })));

    it("logs the requests a rule blocked or counted, without the callers' credentials, to a log group aws-waf-logs-… kept for the stage's logRetention", () => {
      expect(acls.length).toBeGreaterThan(0);
      for (const { stack, id } of acls) {
        const template = Template.fromStack(stack);
        const logging = Object.values(template.findResources('AWS::WAFv2::LoggingConfiguration', { Properties: { ResourceArn: { 'Fn::GetAtt': [id, 'Arn'] } } }));
        expect(logging, `${stack.stackName}/${id}`).toHaveLength(1);
        const { LogDestinationConfigs, RedactedFields, LoggingFilter } = logging[0]!.Properties;
        // The destination is a log group of the same stack, named as WAF requires.
        const destinations = JSON.stringify(LogDestinationConfigs);
        const groups = Object.entries(template.findResources('AWS::Logs::LogGroup')).filter(([groupId]) => destinations.includes(`{"Ref":"${groupId}"}`));
        expect(groups).toHaveLength(1);
        const [, group] = groups[0]!;
        expect(JSON.stringify(group.Properties.LogGroupName)).toMatch(/^\{"Fn::Join":\["-",\["aws-waf-logs-/);
        expect(group.Properties.RetentionInDays).toBe(stage.logRetention);
        expect(RedactedFields).toEqual(redactedHeaders.map((header) => ({ SingleHeader: { Name: header } })));
        expect(LoggingFilter.DefaultBehavior).toBe('DROP');
        expect(LoggingFilter.Filters).toEqual([expect.objectContaining({ Behavior: 'KEEP', Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }] })]);
      }
    });

    it(`alarms, in its own region, when it blocks more than waf.blockedRequestsAlarm (${config.waf!.blockedRequestsAlarm}) requests in five minutes`, () => {
      const blockedAlarms = stacks.flatMap((stack) => Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'BlockedRequests' } })).map((alarm) => ({ stack, alarm })));
      for (const { stack, acl } of acls) {
        const watching = blockedAlarms.filter(({ alarm }) => alarm.Properties.Dimensions.some((d: { Name: string; Value: string }) => d.Name === 'WebACL' && d.Value === acl.Properties.Name));
        expect(watching, acl.Properties.Name).toHaveLength(1);
        const { stack: alarmStack, alarm } = watching[0]!;
        expect(alarmStack.region).toBe(stack.region);
        expect(alarm.Properties.Threshold).toBe(config.waf!.blockedRequestsAlarm);
        // A regional web ACL's metrics carry its region; a CloudFront one's (in us-east-1) none.
        const region = alarm.Properties.Dimensions.find((d: { Name: string }) => d.Name === 'Region')?.Value;
        expect(region).toBe(acl.Properties.Scope === 'REGIONAL' ? stack.region : undefined);
      }
    });
  });
});
