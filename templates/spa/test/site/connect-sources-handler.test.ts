import { CloudFrontClient, GetResponseHeadersPolicyConfigCommand, UpdateResponseHeadersPolicyCommand } from '@aws-sdk/client-cloudfront';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../infra/constructs/connect-sources-handler.js';

const cloudFront = mockClient(CloudFrontClient);

// The policy as the site stack deploys it: the sign-in hosts only.
const deployed = {
  Name: 'eu-west-1-shop-site-SecurityHeaders',
  Comment: 'Security headers for the site and its API',
  SecurityHeadersConfig: {
    ContentSecurityPolicy: { Override: true, ContentSecurityPolicy: "default-src 'self'; connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com; form-action 'self'" },
    FrameOptions: { Override: true, FrameOption: 'DENY' as const },
  },
};
const sources = ['https://a1b2c3.execute-api.eu-west-1.amazonaws.com', 'https://cognito-idp.eu-west-1.amazonaws.com'];

// CloudFormation's presigned answer address, here a local server that keeps what it is sent.
let answers: { contentType: string | undefined; body: Record<string, string> }[];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    answers.push({ contentType: request.headers['content-type'], body: JSON.parse(body) as Record<string, string> });
    response.end();
  });
});
let responseUrl: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/answer`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  answers = [];
  cloudFront.reset();
  cloudFront.on(GetResponseHeadersPolicyConfigCommand, { Id: 'policy-1' }).resolves({ ResponseHeadersPolicyConfig: deployed, ETag: 'E1' });
  cloudFront.on(UpdateResponseHeadersPolicyCommand).resolves({});
});

const context = { logGroupName: '/aws/lambda/writer', logStreamName: '2026/12/06/abc' } as Context;
function event(requestType: 'Create' | 'Update' | 'Delete', connectSources = sources): CloudFormationCustomResourceEvent {
  return {
    RequestType: requestType,
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:writer',
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-site-content/1',
    RequestId: 'request-1',
    LogicalResourceId: 'ConnectSources',
    ResourceType: 'Custom::SiteConnectSources',
    ResourceProperties: { ServiceToken: 'arn', PolicyId: 'policy-1', ConnectSources: connectSources },
    ...(requestType !== 'Create' && { PhysicalResourceId: 'policy-1', OldResourceProperties: {} }),
  } as CloudFormationCustomResourceEvent;
}

describe("the function that writes the page's exact connect sources into the site's policy", () => {
  it('replaces connect-src and nothing else, on the version it read', async () => {
    await handler(event('Create'), context);
    const [update] = cloudFront.commandCalls(UpdateResponseHeadersPolicyCommand);
    expect(update!.args[0].input).toEqual({
      Id: 'policy-1',
      IfMatch: 'E1',
      ResponseHeadersPolicyConfig: {
        ...deployed,
        SecurityHeadersConfig: {
          ...deployed.SecurityHeadersConfig,
          ContentSecurityPolicy: { Override: true, ContentSecurityPolicy: `default-src 'self'; connect-src 'self' ${sources.join(' ')}; form-action 'self'` },
        },
      },
    });
    expect(answers).toEqual([
      {
        contentType: '',
        body: expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'policy-1', RequestId: 'request-1', LogicalResourceId: 'ConnectSources', StackId: event('Create').StackId }),
      },
    ]);
  });

  it('writes nothing when the policy already says exactly that', async () => {
    const written = { ...deployed, SecurityHeadersConfig: { ...deployed.SecurityHeadersConfig, ContentSecurityPolicy: { Override: true, ContentSecurityPolicy: `default-src 'self'; connect-src 'self' ${sources.join(' ')}; form-action 'self'` } } };
    cloudFront.on(GetResponseHeadersPolicyConfigCommand).resolves({ ResponseHeadersPolicyConfig: written, ETag: 'E2' });
    await handler(event('Update'), context);
    expect(cloudFront.commandCalls(UpdateResponseHeadersPolicyCommand)).toHaveLength(0);
    expect(answers[0]!.body.Status).toBe('SUCCESS');
  });

  it('leaves the policy alone when the resource is deleted (it goes with the site stack)', async () => {
    await handler(event('Delete'), context);
    expect(cloudFront.calls()).toHaveLength(0);
    expect(answers[0]!.body.Status).toBe('SUCCESS');
  });

  it('fails the deployment, saying why, when CloudFront refuses (another change came first)', async () => {
    cloudFront.on(UpdateResponseHeadersPolicyCommand).rejects(new Error('PreconditionFailed'));
    await handler(event('Update'), context);
    expect(answers[0]!.body).toMatchObject({ Status: 'FAILED', Reason: 'Error: PreconditionFailed' });
  });
});
