import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { connectOrigins, type RuntimeConfig, withConnectPolicy } from '../../infra/page-policy.js';
import { testApp } from '../support/app.js';

const page = '<!doctype html>\n<html>\n  <head>\n    <meta charset="UTF-8" />\n    <title>App</title>\n  </head>\n</html>\n';

describe("index.html's own content security policy", () => {
  it('lets the page connect to exactly the origins config.json names, and to no other host of the same service', () => {
    const origins = connectOrigins(
      {
        apis: { orders: 'https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod/orders', catalog: 'https://d111.cloudfront.net/catalog', shop: '/api/shop' },
        auth: { authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc', clientId: 'client', signInUrl: 'https://shop-1a2b.auth.eu-west-1.amazoncognito.com' },
      },
      (url) => new URL(url).origin,
    );
    expect(origins).toEqual([
      'https://a1b2c3.execute-api.eu-west-1.amazonaws.com',
      'https://d111.cloudfront.net',
      'https://cognito-idp.eu-west-1.amazonaws.com',
      'https://shop-1a2b.auth.eu-west-1.amazoncognito.com',
    ]);
    expect(origins.join(' ')).not.toContain('*');
  });

  it('goes right after the charset, before anything that could connect', () => {
    const html = withConnectPolicy(page, ['https://a1b2c3.execute-api.eu-west-1.amazonaws.com']);
    expect(html).toContain(
      '<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="connect-src \'self\' https://a1b2c3.execute-api.eu-west-1.amazonaws.com" />\n    <title>',
    );
    expect(withConnectPolicy(page, [])).toBe(page);
  });

  it('is written at deploy time with one origin for each address config.json gets, never a wildcard', () => {
    const { content, runtimeConfig } = testApp();
    const config = runtimeConfig as RuntimeConfig;
    const addresses = [...Object.values(config.apis), ...(config.auth ? [config.auth.authority, config.auth.signInUrl] : [])];
    expect(content.connectOrigins).toHaveLength(addresses.filter((url) => !url.startsWith('/')).length);
    expect(JSON.stringify(Stack.of(content).resolve(content.connectOrigins))).not.toContain('*');
  });
});
