import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IOrigin } from 'aws-cdk-lib/aws-cloudfront';
import { OriginGroup } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { stageOf } from '../stage.js';
import { privateBucketOrigin } from './cloudfront-names.js';
import { PrivateBucket } from './private-bucket.js';

export interface FailoverOriginProps {
  /** The site bucket: CloudFront asks it first. */
  readonly bucket: Bucket;
  /** Where the second bucket writes its server access logs. */
  readonly logs: Bucket;
}

/**
 * An origin group: CloudFront asks the site bucket, and when it answers 500, 502, 503 or 504
 * (S3 failing), or 403 or 404 (an object missing from it, e.g. a deployment halfway through
 * or an accidental delete), asks a second bucket that holds the same files
 * (site-content-stack.ts uploads every build to both).
 */
export class FailoverOrigin extends Construct {
  readonly secondary: Bucket;
  readonly origin: IOrigin;

  constructor(scope: Construct, id: string, props: FailoverOriginProps) {
    super(scope, id);
    // A copy of the build, like the site bucket: emptied and deleted with its stack (see site-stack.ts).
    this.secondary = new PrivateBucket(this, 'Secondary', {
      bucketName: failoverBucketName(this),
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 's3/site-failover/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.origin = new OriginGroup({
      primaryOrigin: privateBucketOrigin(this, 'Primary', props.bucket),
      fallbackOrigin: privateBucketOrigin(this, 'Fallback', this.secondary),
      fallbackStatusCodes: [500, 502, 503, 504, 403, 404],
    });
  }
}

/** The second bucket's name, known without deploying, like the site bucket's. */
export function failoverBucketName(scope: Construct): string {
  const { account, region } = Stack.of(scope);
  return `${stageOf(scope).shortPrefix(26)}-failover-${account}-${region}`;
}
