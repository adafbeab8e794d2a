import type { App } from 'aws-cdk-lib';
import { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { WebAcl } from './constructs/web-acl.js';
import type { ServiceStack } from './stacks/service-stack.js';
import { WafStack } from './stacks/waf-stack.js';
import { stageOf } from './stage.js';

/**
 * AWS WAF in front of everything that takes requests from clients (generated with --waf):
 * every CloudFront distribution (the site's, and the APIs' own with `site.apiAccess:
 * 'cloudfront'`) gets the CLOUDFRONT web ACL of the `<app>-waf` stack in us-east-1, and each
 * API that clients call directly a REGIONAL web ACL of its own (a team's service, a team's rules).
 *
 * An API that requires the key only CloudFront sends gets no REGIONAL web ACL: every request
 * it sees comes from a CloudFront edge address, so a rate limit per IP there would block
 * everyone behind one busy edge location, and the IP reputation rules would judge
 * CloudFront's addresses. The distribution in front of it sees the viewers' addresses and
 * inspects each request once.
 */
export function protectWithWaf(app: App, services: readonly ServiceStack[], site?: { distribution: Distribution }) {
  for (const stack of services.filter((service) => !service.api.requiresApiKey)) {
    const acl = new WebAcl(stack, 'Waf', { scope: 'REGIONAL', description: `The ${stack.service} API: rate limit per IP and AWS managed rules` });
    new CfnWebACLAssociation(stack, 'WafAssociation', { resourceArn: stack.api.restApi.deploymentStage.stageArn, webAclArn: acl.arn });
    acl.reportTo(stack.monitoring);
  }

  const distributions = [site?.distribution, ...services.flatMap((stack) => stack.node.findAll().filter((c): c is Distribution => c instanceof Distribution))].filter(
    (d): d is Distribution => d !== undefined,
  );
  if (distributions.length === 0) return undefined;
  const stage = stageOf(app);
  const waf = new WafStack(app, `${stage.prefix}-waf`, {
    env: { account: stage.env.account, region: 'us-east-1' },
    crossRegionReferences: stage.env.region !== 'us-east-1',
    description: `${stage.prefix}: the web ACL of the CloudFront distributions (us-east-1, for CloudFront)`,
  });
  for (const distribution of distributions) {
    distribution.attachWebAclId(waf.webAcl.arn);
  }
  return waf;
}
