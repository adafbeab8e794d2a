import { Validations } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { config } from '../config.js';

/** The findings every distribution of this app shares, with why they are accepted. */
export function acknowledgeDistribution(distribution: Distribution, hasCertificate: boolean) {
  Validations.of(distribution).acknowledge({ id: 'AwsSolutions-CFR1', reason: 'The app serves visitors everywhere: no geo restriction.' });
  if (!config.waf) {
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'No WAF by default (a web ACL is billed from its first hour); generate with --waf when the distribution draws untrusted traffic at scale.',
    });
  }
  if (!hasCertificate) {
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default *.cloudfront.net certificate allows TLSv1 by CloudFront\'s own policy; with a custom domain (site.domain in infra/config.ts) the distribution requires TLS 1.2.',
    });
  }
}
