import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { CloudFrontLogsStack, cloudFrontLogsRegion, regionsCloudFrontDoesNotLogTo } from '../../infra/stacks/cloudfront-logs-stack.js';
import { testApp } from '../support/app.js';

describe('CloudFront standard logs', () => {
  const stacks = testApp().app.node.children.filter(Stack.isStack);
  const distributions = stacks.flatMap((stack) => Object.values(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution')).map((d) => ({ stack, logging: d.Properties.DistributionConfig.Logging })));

  it(`go to a bucket in a region CloudFront delivers logs to (the app is in ${config.env.region})`, () => {
    expect(distributions.length).toBeGreaterThan(0);
    const logStacks = stacks.filter((stack): stack is CloudFrontLogsStack => stack instanceof CloudFrontLogsStack);
    for (const { stack, logging } of distributions) {
      expect(logging, stack.stackName).toBeDefined();
      if (regionsCloudFrontDoesNotLogTo.includes(config.env.region)) {
        // By name, in us-east-1: no reference across regions.
        expect(JSON.stringify(logging.Bucket), stack.stackName).toContain('-cloudfront-logs-');
        expect(JSON.stringify(logging.Bucket), stack.stackName).toContain('.s3.us-east-1.');
      } else {
        expect(JSON.stringify(logging.Bucket), stack.stackName).toContain('AccessLogs');
      }
    }
    expect(logStacks.map((stack) => stack.region)).toEqual(regionsCloudFrontDoesNotLogTo.includes(config.env.region) ? ['us-east-1'] : []);
  });

  it('are kept in us-east-1 for every opt-in region, and beside the site everywhere else', () => {
    for (const region of regionsCloudFrontDoesNotLogTo) expect(cloudFrontLogsRegion(region), region).toBe('us-east-1');
    for (const region of ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1']) expect(cloudFrontLogsRegion(region), region).toBe(region);
  });
});
