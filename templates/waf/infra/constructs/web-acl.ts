import { ArnFormat, Aws, Fn, Stack } from 'aws-cdk-lib';
import { GraphWidget, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { config } from '../config.js';
import { stageOf } from '../stage.js';
import { fiveMinutes, type Monitoring } from './monitoring.js';
import { removalPolicy } from './removal-policy.js';

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

/** Request headers WAF's logs leave out: the caller's token, the sign-in cookies, the key CloudFront sends to the API. */
export const redactedHeaders = ['authorization', 'cookie', 'x-api-key'] as const;

/**
 * An AWS WAF web ACL: a rate limit per client IP (`waf.requestsPerIpPer5Minutes` in
 * infra/config.ts), then AWS's managed rule groups; everything else is allowed. Every rule
 * reports CloudWatch metrics and samples the requests it matched (the WAF console shows them),
 * and the requests a rule blocked or counted are logged, whole but for their credentials, to
 * a log group of its own that keeps them for the stage's `logRetention`.
 */
export class WebAcl extends Construct {
  readonly acl: CfnWebACL;
  readonly logGroup: LogGroup;
  /** The web ACL's name: its CloudWatch metrics' `WebACL` dimension. */
  readonly name: string;
  private readonly scope: WebAclProps['scope'];

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    this.scope = props.scope;
    const stack = Stack.of(this);
    this.name = `${stack.stackName}-${id}`;
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

    this.acl = new CfnWebACL(this, 'WebAcl', {
      name: this.name,
      description: props.description,
      scope: props.scope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(this.name),
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

    this.logGroup = new LogGroup(this, 'Logs', {
      // WAF logs only to groups named aws-waf-logs-*. The stack's id (new for each deployment
      // of the stack) ends the name, so a group a destroy kept is never in the next one's way.
      logGroupName: Fn.join('-', ['aws-waf-logs', this.name, Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))))]),
      retention: stageOf(this).logRetention,
      removalPolicy: removalPolicy(this),
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.acl.attrArn,
      // The group's ARN without the `:*` CloudWatch Logs adds: WAF refuses that form.
      logDestinationConfigs: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: this.logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      redactedFields: redactedHeaders.map((name) => ({ singleHeader: { Name: name } })),
      // What a rule blocked or counted: the requests to look at after an alarm or a complaint.
      // Allowed requests are in the API's and CloudFront's access logs already.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [{ Behavior: 'KEEP', Requirement: 'MEETS_ANY', Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }] }],
      },
    });
  }

  get arn(): string {
    return this.acl.attrArn;
  }

  /** One of the web ACL's request counts (all its rules), summed over five minutes. */
  metric(metricName: 'AllowedRequests' | 'BlockedRequests'): Metric {
    // A CloudFront web ACL's metrics are in us-east-1 without a Region dimension; a regional one's carry its region.
    const dimensionsMap: Record<string, string> = { WebACL: this.name, Rule: 'ALL' };
    if (this.scope === 'REGIONAL') dimensionsMap.Region = Stack.of(this).region;
    return new Metric({ namespace: 'AWS/WAFV2', metricName, dimensionsMap, statistic: 'Sum', period: fiveMinutes });
  }

  /**
   * An alarm when the web ACL blocks more than `waf.blockedRequestsAlarm` requests in five
   * minutes (an attack, or a rule turning away real users), and its graph, on `monitoring`'s
   * dashboard. The alarm lives with `monitoring`, which must be in the web ACL's account and
   * region, where its metrics are: us-east-1 for a CloudFront web ACL.
   */
  reportTo(monitoring: Monitoring) {
    const blocked = this.metric('BlockedRequests');
    const threshold = config.waf!.blockedRequestsAlarm;
    monitoring.alarm('WafBlockedRequests', { description: `AWS WAF (${this.name}) blocked more than ${threshold} requests in 5 minutes`, metric: blocked, threshold });
    monitoring.addRow(
      new GraphWidget({
        title: `AWS WAF ${this.name}: requests (sum)`,
        left: [this.metric('AllowedRequests'), blocked],
        leftAnnotations: [{ value: threshold, label: 'blocked: alarm' }],
        width: 24,
      }),
    );
  }
}
