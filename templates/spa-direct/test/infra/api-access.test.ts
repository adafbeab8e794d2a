import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { testApp } from '../support/app.js';

let stacks: ReturnType<typeof testApp>;
let api: Template;

beforeAll(() => {
  stacks = testApp();
  api = Template.fromStack(stacks.services[0]!);
});

/** A value as the service stack's template holds it (the site's origin arrives from another stack). */
const inServiceStack = (value: string | undefined) => JSON.stringify(Stack.of(stacks.services[0]!).resolve(value));
const siteOrigin = () => inServiceStack(stacks.site.corsOrigin);

describe('the SPA calls the API directly (pattern 3)', () => {
  it("answers preflight requests for the site's origin only", () => {
    const preflights = Object.values(api.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }));
    expect(preflights.length).toBeGreaterThan(0);
    for (const method of preflights) {
      const origin = method.Properties.Integration.IntegrationResponses[0].ResponseParameters['method.response.header.Access-Control-Allow-Origin'];
      // API Gateway wants a quoted literal: 'https://...'.
      expect(JSON.stringify(origin)).toBe(inServiceStack(`'${stacks.site.corsOrigin}'`));
    }
  });

  it("tells every function that answers the API the site's origin, for the CORS header on its responses", () => {
    const invoked = Object.values(api.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'apigateway.amazonaws.com' } }))
      .filter((permission) => !JSON.stringify(permission.Properties.SourceArn).includes('/authorizers/'))
      .map((permission) => permission.Properties.FunctionName['Fn::GetAtt'][0] as string);
    expect(invoked.length).toBeGreaterThan(0);
    const functions = api.findResources('AWS::Lambda::Function');
    for (const id of new Set(invoked)) {
      expect(JSON.stringify(functions[id]!.Properties.Environment.Variables.ALLOWED_ORIGIN)).toBe(siteOrigin());
    }
  });

  it("puts the same header on API Gateway's own errors", () => {
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': Match.anyValue() }),
      });
    }
  });

  it("gives the SPA the API's own execute-api URL for the collection", () => {
    const url = JSON.stringify(Stack.of(stacks.services[0]!).resolve(stacks.apiUrls[config.services[0]!]));
    expect(url).toContain('.execute-api.');
    expect(url).toContain('DeploymentStage'); // the stage's name, then the collection
    expect(url).toContain(`"/${config.services[0]}"`);
  });
});
