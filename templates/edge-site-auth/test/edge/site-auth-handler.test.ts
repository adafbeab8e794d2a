import type { CloudFrontRequestEvent, CloudFrontResultResponse } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// What esbuild writes into the bundle (infra/constructs/site-auth.ts), and SSM, answered here.
const ssm = vi.hoisted(() => {
  Object.assign(globalThis, { SITE_AUTH_PARAMETER: '/shop/site-auth/sign-in', SITE_AUTH_REGION: 'eu-west-1', SITE_DOMAIN: '' });
  return { send: vi.fn() };
});
vi.mock('@aws-sdk/client-ssm', () => ({
  SSMClient: class {
    send = ssm.send;
  },
  GetParameterCommand: class {
    constructor(readonly input: unknown) {}
  },
}));

const settings = { userPoolId: 'eu-west-1_Example', clientId: 'site-client', signInUrl: 'https://shop-1a2b3c4d.auth.eu-west-1.amazoncognito.com' };
const parameter = { Parameter: { Name: '/shop/site-auth/sign-in', Value: JSON.stringify(settings) } };
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

// A visitor's first request, as CloudFront hands it to the gate at viewer request.
const firstVisit = (host = 'd111111abcdef8.cloudfront.net'): CloudFrontRequestEvent => ({
  Records: [
    {
      cf: {
        config: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: 'r1' },
        request: { clientIp: '198.51.100.7', method: 'GET', uri: '/', querystring: '', headers: { host: [{ key: 'Host', value: host }] } },
      },
    },
  ],
});

/** A fresh function instance: the handler module loaded anew, as Lambda does on a cold start. */
async function coldStart() {
  vi.resetModules();
  return (await import('../../edge/site-auth/handler.js')).handler;
}

const signInPage = (result: unknown) => new URL((result as CloudFrontResultResponse).headers!.location![0]!.value);
const sentToSignIn = (result: unknown) => signInPage(result).origin === settings.signInUrl;

describe('the sign-in gate starting up (reading its settings from SSM)', () => {
  beforeEach(() => ssm.send.mockReset());

  it('retries a failed read: a throttled first call still gets the visitor to the sign-in page', async () => {
    ssm.send.mockRejectedValueOnce(throttled()).mockResolvedValue(parameter);
    const handler = await coldStart();
    expect(sentToSignIn(await handler(firstVisit()))).toBe(true);
    expect(ssm.send).toHaveBeenCalledTimes(2);
  });

  it('gives up after three reads, failing that request only: the next request reads the settings again', async () => {
    ssm.send.mockRejectedValue(throttled());
    const handler = await coldStart();
    await expect(handler(firstVisit())).rejects.toThrow('Rate exceeded');
    expect(ssm.send).toHaveBeenCalledTimes(3);

    ssm.send.mockReset().mockResolvedValue(parameter);
    expect(sentToSignIn(await handler(firstVisit()))).toBe(true);
    expect(ssm.send).toHaveBeenCalledTimes(1);
  });

  it('reads the settings once per instance once they are read', async () => {
    ssm.send.mockResolvedValue(parameter);
    const handler = await coldStart();
    await Promise.all([handler(firstVisit()), handler(firstVisit())]);
    await handler(firstVisit());
    expect(ssm.send).toHaveBeenCalledTimes(1);
  });
});

describe('the sign-in gate at viewer request', () => {
  it('brings the visitor back to the address they used: the custom domain or the distribution\'s own', async () => {
    ssm.send.mockReset().mockResolvedValue(parameter);
    const handler = await coldStart();
    for (const host of ['app.example.com', 'd111111abcdef8.cloudfront.net']) {
      expect(signInPage(await handler(firstVisit(host))).searchParams.get('redirect_uri')).toBe(`https://${host}/auth/callback`);
    }
  });
});
