import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

let site: Template;
let content: Template;

beforeAll(() => {
  const stacks = testApp();
  site = Template.fromStack(stacks.site);
  content = Template.fromStack(stacks.content);
});

describe('origin failover', () => {
  const config = () => Object.values(site.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;

  it('serves the bucket behavior from an origin group: the site bucket, then the second bucket on 5xx, 403 and 404', () => {
    const group = config().OriginGroups.Items[0];
    expect(group.Members.Items).toHaveLength(2);
    expect([...group.FailoverCriteria.StatusCodes.Items].sort()).toEqual([403, 404, 500, 502, 503, 504]);
    expect(config().DefaultCacheBehavior.TargetOriginId).toBe(group.Id);
  });

  it('reaches both buckets through Origin Access Control', () => {
    const buckets = config().Origins.filter((origin: { S3OriginConfig?: unknown }) => origin.S3OriginConfig);
    expect(buckets).toHaveLength(2);
    for (const origin of buckets) expect(origin.OriginAccessControlId).toBeDefined();
  });

  it('uploads every build to both buckets', () => {
    content.resourceCountIs('Custom::CDKBucketDeployment', 2);
  });
});
