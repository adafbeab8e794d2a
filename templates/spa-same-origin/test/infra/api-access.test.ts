import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { testApp } from '../support/app.js';
import { directive, templateText } from '../support/template-text.js';

let stacks: ReturnType<typeof testApp>;
let site: Template;
let api: Template;

beforeAll(() => {
  stacks = testApp();
  site = Template.fromStack(stacks.site);
  api = Template.fromStack(stacks.services[0]!);
});

const distribution = () => Object.values(site.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;

describe('the SPA and the API share one origin (pattern 5)', () => {
  it('sends /api/* to the API: never cached, every method, every viewer header but Host, no fallback', () => {
    const [behavior] = distribution().CacheBehaviors;
    expect(behavior).toMatchObject({
      PathPattern: config.services.length === 1 ? '/api/*' : `/api/${config.services[0]}*`,
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    expect(behavior.FunctionAssociations).toBeUndefined();
    expect(distribution().CustomErrorResponses).toBeUndefined();
  });

  it('routes under /api, so GET /api/<service> reaches the list function after the /<stage> origin path', () => {
    const apiOrigin = distribution().Origins.find((o: { CustomOriginConfig?: unknown }) => o.CustomOriginConfig);
    // The origin path is `/` + the stage's name (a reference to the API's stage).
    expect(apiOrigin.OriginPath['Fn::Join'][1][0]).toBe('/');
    expect(JSON.stringify(apiOrigin.OriginPath)).toContain('DeploymentStage');
    const resources = Object.values(api.findResources('AWS::ApiGateway::Resource')).map((r) => r.Properties.PathPart);
    expect(resources).toEqual(expect.arrayContaining(['api', config.services[0], '{id}']));
    expect(stacks.apiUrls[config.services[0]!]).toBe(`/api/${config.services[0]}`);
  });

  it('emits no CORS anywhere: no preflight methods, no CORS headers', () => {
    api.resourcePropertiesCountIs('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS' }, 0);
    api.resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
    for (const fn of Object.values(api.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables.ALLOWED_ORIGIN).toBeUndefined();
    }
  });

  it("locks the API's own execute-api endpoint: every method but GET /health requires the key that only the site's distribution sends", () => {
    const [health] = Object.keys(api.findResources('AWS::ApiGateway::Resource', { Properties: { PathPart: 'health' } }));
    const methods = Object.values(api.findResources('AWS::ApiGateway::Method'));
    for (const method of methods.filter((m) => m.Properties.ResourceId.Ref !== health)) expect(method.Properties.ApiKeyRequired).toBe(true);
    // The site routes only /api/* to the API: a monitor calls GET /health at the API's own address, with no key.
    expect(methods.filter((m) => m.Properties.ResourceId.Ref === health).map((m) => m.Properties.ApiKeyRequired)).toEqual([false]);
    api.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
    const key = Object.values(api.findResources('AWS::ApiGateway::ApiKey'))[0]!.Properties.Value;
    // Both ends read the same secret at deploy time: its value never appears in a template.
    expect(JSON.stringify(key)).toMatch(/\{\{resolve:secretsmanager:/);
    const apiOrigin = distribution().Origins.find((o: { CustomOriginConfig?: unknown }) => o.CustomOriginConfig);
    const header = apiOrigin.OriginCustomHeaders.find((h: { HeaderName: string }) => h.HeaderName === 'x-api-key');
    expect(JSON.stringify(header.HeaderValue)).toMatch(/\{\{resolve:secretsmanager:/);
    // Read from the service stack's output (a weak reference, cdk.json's default), never an export.
    expect(JSON.stringify(header.HeaderValue)).toContain('Fn::GetStackOutput');
  });

  it('has a REGIONAL endpoint, since CloudFront is already in front of it', () => {
    api.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  it("lets the page talk only to its own origin (and, to sign in, to Cognito's two hosts, by name)", () => {
    const policy = Object.values(site.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties.ResponseHeadersPolicyConfig;
    const connect = directive(templateText(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy), 'connect-src').join(' ');
    // The sign-in domain's prefix is the auth stack's, filled in when the site deploys.
    expect(connect).toMatch(/^'self'( https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com https:\/\/(«deploy-time»|[a-z0-9-]+)\.auth\.[a-z0-9-]+\.amazoncognito\.com)?$/);
  });
});
