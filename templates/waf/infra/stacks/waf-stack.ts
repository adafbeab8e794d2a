import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebAcl } from '../constructs/web-acl.js';

/**
 * The web ACL of the app's CloudFront distributions. CloudFront takes web ACLs only from
 * us-east-1, whatever the app's region, so it lives in a stack of its own there, as the
 * certificate and the Lambda@Edge functions do.
 */
export class WafStack extends Stack {
  readonly webAcl: WebAcl;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.webAcl = new WebAcl(this, 'Distributions', {
      scope: 'CLOUDFRONT',
      description: 'The CloudFront distributions of the app: rate limit per IP and AWS managed rules',
    });
  }
}
