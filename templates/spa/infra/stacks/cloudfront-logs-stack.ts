import { Aws, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Bucket, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { accessLogExpiry, PrivateBucket } from '../constructs/private-bucket.js';
import { bucketRemoval } from '../constructs/removal-policy.js';
import { stageOf } from '../stage.js';

/**
 * Regions whose buckets CloudFront delivers no standard logs to: the opt-in regions (the
 * CloudFront Developer Guide, "Choose an Amazon S3 bucket for standard logs"). A site in one
 * of them sends its distributions' logs to a bucket in us-east-1.
 */
export const regionsCloudFrontDoesNotLogTo: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6',
  'ap-southeast-7', 'ca-west-1', 'eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
];

/** Where a site in `region` keeps its CloudFront standard logs. */
export function cloudFrontLogsRegion(region: string): string {
  return regionsCloudFrontDoesNotLogTo.includes(region) ? 'us-east-1' : region;
}

/**
 * The us-east-1 bucket of one stage's CloudFront standard logs, for a site in a region
 * CloudFront does not deliver logs to. Its name is fixed (the stage and the account), so the
 * distributions find it by name, without a reference across regions.
 */
export class CloudFrontLogsStack extends Stack {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    // CloudFront standard logs are delivered with ACLs.
    this.bucket = new PrivateBucket(this, 'Logs', {
      bucketName: cloudFrontLogBucketName(this),
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: accessLogExpiry }],
      ...bucketRemoval(this),
    });
    Validations.of(this.bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket holds CloudFront access logs; logging it into itself would loop.' });
  }
}

/** The distributions' log bucket as a stack elsewhere sees it: by name, in us-east-1. */
export function cloudFrontLogBucket(scope: Construct, id: string): IBucket {
  return Bucket.fromBucketAttributes(scope, id, { bucketName: cloudFrontLogBucketName(scope), region: 'us-east-1' });
}

function cloudFrontLogBucketName(scope: Construct): string {
  return `${stageOf(scope).shortPrefix(30)}-cloudfront-logs-${Aws.ACCOUNT_ID}`;
}
