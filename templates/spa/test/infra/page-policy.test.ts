import { Stack } from 'aws-cdk-lib';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectOrigins, connectSourcesResourceType, type RuntimeConfig, withConnectSources } from '../../infra/page-policy.js';
import { testApp } from '../support/app.js';
import { directive, templateText } from '../support/template-text.js';

type Resource = { Type: string; Properties: Record<string, any> };
let resources: (Resource & { stack: string; id: string })[];

beforeAll(() => {
  const stacks: CloudFormationStackArtifact[] = testApp().app.synth().stacksRecursively;
  resources = stacks.flatMap((stack) => Object.entries<Resource>(stack.template.Resources ?? {}).map(([id, resource]) => ({ ...resource, stack: stack.stackName, id })));
});

const ofType = (type: string) => resources.filter((resource) => resource.Type === type);
const contentSecurityPolicy = (policy: Resource) => templateText(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);

/** Every address config.json gives the page that is not a path on the site itself. */
function crossOriginAddresses(config: RuntimeConfig): string[] {
  return [...Object.values(config.apis), ...(config.auth ? [config.auth.authority, config.auth.signInUrl] : [])].filter((url) => !url.startsWith('/'));
}

describe("the site's content security policy header", () => {
  it('names no wildcard host in connect-src or form-action, in any response headers policy', () => {
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      const csp = contentSecurityPolicy(policy);
      for (const name of ['connect-src', 'form-action']) expect(directive(csp, name).join(' '), `${policy.stack}/${policy.id} ${name}`).not.toContain('*');
      expect(directive(csp, 'form-action')).toEqual(["'self'"]);
    }
  });

  it('gets exactly the origins config.json names, once they exist: one for each address, none a wildcard', () => {
    const { content, site, runtimeConfig } = testApp();
    const addresses = crossOriginAddresses(runtimeConfig as RuntimeConfig);
    const written = ofType(connectSourcesResourceType);
    if (site.apiAccess === 'same-origin') {
      // The APIs are paths on the site: the site stack names every other host (sign-in) itself.
      expect(written).toEqual([]);
      expect(directive(contentSecurityPolicy(ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]!), 'connect-src')).toHaveLength(1 + addresses.length);
      return;
    }
    // The APIs deploy after the site stack, so the last stack writes their hosts into its policy.
    expect(written).toHaveLength(1);
    const [resource] = written;
    expect(resource!.stack).toBe(content.stackName);
    expect(resource!.Properties.PolicyId).toEqual(Stack.of(content).resolve(site.headers.policy.responseHeadersPolicyId));
    expect(resource!.Properties.ConnectSources).toEqual(Stack.of(content).resolve(content.connectOrigins));
    expect(content.connectOrigins).toHaveLength(addresses.length);
    for (const source of resource!.Properties.ConnectSources as unknown[]) expect(templateText(source)).not.toContain('*');
  });

  it('keeps every other directive as the site stack deploys it when the exact origins are written in', () => {
    const policy = "default-src 'self'; connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com; img-src 'self' data:; form-action 'self'";
    expect(withConnectSources(policy, ['https://a1b2c3.execute-api.eu-west-1.amazonaws.com', 'https://cognito-idp.eu-west-1.amazonaws.com'])).toBe(
      "default-src 'self'; connect-src 'self' https://a1b2c3.execute-api.eu-west-1.amazonaws.com https://cognito-idp.eu-west-1.amazonaws.com; img-src 'self' data:; form-action 'self'",
    );
    expect(withConnectSources("default-src 'self'", ['https://d111.cloudfront.net'])).toBe("default-src 'self'; connect-src 'self' https://d111.cloudfront.net");
  });

  it("takes each origin from config.json's addresses, once each", () => {
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
  });
});
