import { Stack } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { config } from '../config.js';

export interface WebAclProps {
  /** CLOUDFRONT (a web ACL in us-east-1, for distributions) or REGIONAL (for API Gateway stages). */
  readonly scope: 'CLOUDFRONT' | 'REGIONAL';
  readonly description: string;
}

/** AWS's managed rule groups this app turns on, in the order WAF evaluates them (after the rate limit). */
export const managedRuleGroups = [
  // Addresses Amazon's threat intelligence knows for bots, scanners and attacks.
  'AWSManagedRulesAmazonIpReputationList',
  // OWASP-style protections: oversized bodies, cross-site scripting, path traversal, bad user agents.
  'AWSManagedRulesCommonRuleSet',
  // Request patterns known to exploit vulnerabilities (Log4j, Java deserialization, ...).
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/**
 * An AWS WAF web ACL: a rate limit per client IP (`waf.requestsPerIpPer5Minutes` in
 * infra/config.ts), then AWS's managed rule groups; everything else is allowed. Every rule
 * reports CloudWatch metrics and samples the requests it matched (the WAF console shows them).
 */
export class WebAcl extends Construct {
  readonly acl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const name = `${Stack.of(this).stackName}-${id}`;
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

    this.acl = new CfnWebACL(this, 'WebAcl', {
      name,
      description: props.description,
      scope: props.scope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: config.waf!.requestsPerIpPer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        ...managedRuleGroups.map((group, index) => ({
          name: group,
          priority: index + 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
          visibilityConfig: visibility(group),
        })),
      ],
    });
  }

  get arn(): string {
    return this.acl.attrArn;
  }
}
