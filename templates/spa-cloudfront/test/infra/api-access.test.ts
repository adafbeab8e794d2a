import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

let api: Template;

beforeAll(() => {
  api = Template.fromStack(testApp().services[0]!);
});

const apiDistribution = () => Object.values(api.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;

describe('the SPA calls a REGIONAL API through CloudFront (pattern 4)', () => {
  it('has a REGIONAL endpoint', () => {
    api.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  it('sits behind a distribution that caches nothing, allows every method and forwards all but Host', () => {
    const behavior = apiDistribution().DefaultCacheBehavior;
    expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']);
    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
  });

  it('requires on every method but GET /health the API key that only the distribution sends', () => {
    const [health] = Object.keys(api.findResources('AWS::ApiGateway::Resource', { Properties: { PathPart: 'health' } }));
    const methods = Object.values(api.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: Match.not('OPTIONS') } }));
    const routes = methods.filter((method) => method.Properties.ResourceId.Ref !== health);
    expect(routes.length).toBeGreaterThan(0);
    for (const method of routes) expect(method.Properties.ApiKeyRequired).toBe(true);
    // A monitor reaches GET /health through the distribution or straight at the API, with no key.
    expect(methods.filter((method) => method.Properties.ResourceId.Ref === health).map((method) => method.Properties.ApiKeyRequired)).toEqual([false]);

    const [origin] = apiDistribution().Origins;
    const header = origin.OriginCustomHeaders.find((h: { HeaderName: string }) => h.HeaderName === 'x-api-key');
    const key = Object.values(api.findResources('AWS::ApiGateway::ApiKey'))[0]!.Properties.Value;
    // Both ends read the same secret at deploy time: its value never appears in the template.
    expect(JSON.stringify(header.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(header.HeaderValue).toEqual(key);
    api.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
  });

  it("still allows CORS from the site's origin only (the API has an origin of its own)", () => {
    api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'DEFAULT_4XX' });
    const invoked = Object.values(api.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'apigateway.amazonaws.com' } }))
      .filter((permission) => !JSON.stringify(permission.Properties.SourceArn).includes('/authorizers/'))
      .map((permission) => permission.Properties.FunctionName['Fn::GetAtt'][0] as string);
    const functions = api.findResources('AWS::Lambda::Function');
    for (const id of new Set(invoked)) expect(functions[id]!.Properties.Environment.Variables.ALLOWED_ORIGIN).toBeDefined();
  });
});
