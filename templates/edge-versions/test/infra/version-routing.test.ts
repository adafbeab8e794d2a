import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

let site: Template;
let content: Template;

beforeAll(() => {
  const stacks = testApp();
  site = Template.fromStack(stacks.site);
  content = Template.fromStack(stacks.content);
});

describe('version routing (A/B testing, progressive rollout)', () => {
  it('keeps the percentages in a KeyValueStore that starts by routing nobody', () => {
    site.resourceCountIs('AWS::CloudFront::KeyValueStore', 1);
    const store = JSON.stringify(site.findResources('AWS::CloudFront::KeyValueStore'));
    expect(store).toContain('rollout-percent');
    expect(store).toContain('ab-percent-b');
  });

  it('runs a router on viewer request, with the store, and a cookie setter on viewer response, both cloudfront-js-2.0', () => {
    site.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0', KeyValueStoreAssociations: [Match.objectLike({ KeyValueStoreARN: Match.anyValue() })] }),
    });
    const behavior = Object.values(site.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig.DefaultCacheBehavior;
    expect(behavior.FunctionAssociations.map((a: { EventType: string }) => a.EventType)).toEqual(['viewer-request', 'viewer-response']);
  });

  it('never lets a deployment of frontend/dist replace or prune the other versions', () => {
    content.hasResourceProperties('Custom::CDKBucketDeployment', { Exclude: ['v-next/*', 'v-b/*'] });
  });
});
