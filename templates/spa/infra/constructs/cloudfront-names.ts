import { Names, Stack } from 'aws-cdk-lib';
import { type IOrigin, S3OriginAccessControl } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';

/**
 * A name for a CloudFront policy, origin access control or KeyValueStore, made from the
 * construct's path and the stack's region. CloudFront is global: its names are unique in the
 * account, not in a region, so the same app deployed to two regions of one account would
 * collide on names made of the stack name and path alone. (CDK already puts the region in
 * CloudFront Function names.)
 */
export function cloudFrontName(construct: IConstruct, maxLength = 64): string {
  const { region } = Stack.of(construct);
  return `${region}-${Names.uniqueResourceName(construct, { maxLength: maxLength - region.length - 1 })}`;
}

/** A private bucket as a CloudFront origin, reached through an origin access control of its own. */
export function privateBucketOrigin(scope: Construct, id: string, bucket: IBucket): IOrigin {
  const origin = new Construct(scope, id);
  const originAccessControl = new S3OriginAccessControl(origin, 'AccessControl', { originAccessControlName: cloudFrontName(origin) });
  return S3BucketOrigin.withOriginAccessControl(bucket, { originAccessControl });
}
