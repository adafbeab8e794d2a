import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { templateText } from '../support/template-text.js';

let site: Template;
let content: Template;

beforeAll(() => {
  // The templates are what is under test, not the bundles: skip esbuild.
  const stacks = testApp();
  site = Template.fromStack(stacks.site);
  content = Template.fromStack(stacks.content);
});

describe('the site bucket', () => {
  it('is private, encrypted, owner-enforced and logged', () => {
    site.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/site/' }),
    });
  });

  it('refuses plain HTTP and is read by CloudFront alone', () => {
    const policies = Object.values(site.findResources('AWS::S3::BucketPolicy')).map((p) => JSON.stringify(p.Properties.PolicyDocument));
    const sitePolicy = policies.find((p) => p.includes('cloudfront.amazonaws.com'));
    expect(sitePolicy).toBeDefined();
    expect(sitePolicy).toContain('"aws:SecureTransport":"false"');
    expect(sitePolicy).toContain('AWS:SourceArn');
  });
});

describe('the site distribution', () => {
  const distribution = () => Object.values(site.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;

  it('reaches the bucket through Origin Access Control, never an identity', () => {
    // One per bucket origin (two with --edge origin-failover).
    expect(Object.keys(site.findResources('AWS::CloudFront::OriginAccessControl')).length).toBeGreaterThanOrEqual(1);
    const s3Origin = distribution().Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
  });

  it('serves HTTPS over HTTP/2 and 3, from index.html, with logs', () => {
    expect(distribution()).toMatchObject({
      HttpVersion: 'http2and3',
      DefaultRootObject: 'index.html',
      Logging: expect.objectContaining({ Prefix: 'cloudfront/site/' }),
      DefaultCacheBehavior: expect.objectContaining({ ViewerProtocolPolicy: 'redirect-to-https' }),
    });
  });

  it('adds security headers to every response', () => {
    const headers = Object.values(site.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000 },
      FrameOptions: { FrameOption: 'DENY' },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin' },
    });
    expect(templateText(headers.ContentSecurityPolicy.ContentSecurityPolicy)).toContain("default-src 'self'");
    expect(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
  });

  it('falls back to index.html with a function on the bucket behavior, not with error responses', () => {
    expect(distribution().CustomErrorResponses).toBeUndefined();
    // One viewer-request function: the SPA fallback, or the version router that also does it
    // (CloudFront Functions), or the sign-in gate that does it for a signed-in visitor (Lambda@Edge).
    const { FunctionAssociations = [], LambdaFunctionAssociations = [] } = distribution().DefaultCacheBehavior;
    expect([...FunctionAssociations, ...LambdaFunctionAssociations].filter((association: { EventType: string }) => association.EventType === 'viewer-request')).toHaveLength(1);
    for (const behavior of distribution().CacheBehaviors ?? []) expect(behavior.FunctionAssociations).toBeUndefined();
  });
});

describe('the site content', () => {
  it('is deployed to the site bucket, then the cache is invalidated', () => {
    content.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
      DestinationBucketName: Match.anyValue(),
      DistributionId: Match.anyValue(),
    });
  });
});

describe('CloudFront names', () => {
  // CloudFront is global: its names are unique in the account, so the same app in two regions
  // of one account must not make the same ones.
  const named = {
    'AWS::CloudFront::ResponseHeadersPolicy': (p: any) => p.ResponseHeadersPolicyConfig.Name,
    'AWS::CloudFront::OriginRequestPolicy': (p: any) => p.OriginRequestPolicyConfig.Name,
    'AWS::CloudFront::OriginAccessControl': (p: any) => p.OriginAccessControlConfig.Name,
    'AWS::CloudFront::KeyValueStore': (p: any) => p.Name,
    'AWS::CloudFront::Function': (p: any) => p.Name,
  };

  it('carry the region of their stack', () => {
    const stacks = testApp().app.node.children.filter(Stack.isStack);
    let checked = 0;
    for (const stack of stacks) {
      const template = Template.fromStack(stack);
      for (const [type, nameOf] of Object.entries(named)) {
        for (const resource of Object.values(template.findResources(type))) {
          expect(nameOf(resource.Properties)).toMatch(new RegExp(`^${stack.region}`));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
