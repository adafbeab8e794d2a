import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, it } from 'vitest';
import { ApiDomain } from '../../infra/constructs/api-domain.js';
import { newApp } from '../support/app.js';

function domainTemplate(basePaths: (string | undefined)[]) {
  const stack = new Stack(newApp(), 'Domain', { env: { region: 'eu-west-1' } });
  const domain = new ApiDomain(stack, 'Domain', { name: 'api.example.com', hostedZoneId: 'Z123', zoneName: 'example.com' });
  basePaths.forEach((basePath, index) => {
    const api = new RestApi(stack, `Api${index}`);
    api.root.addMethod('GET', new MockIntegration());
    domain.map(api, basePath);
  });
  return Template.fromStack(stack);
}

describe('a custom API domain', () => {
  it('gets a certificate validated through the configured zone, with no lookup', () => {
    const template = domainTemplate(['orders']);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'api.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'api.example.com', HostedZoneId: 'Z123' }],
    });
  });

  it('is a REGIONAL domain name with TLS 1.2, aliased in the zone', () => {
    const template = domainTemplate(['orders']);
    template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'api.example.com',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.com.', Type: 'A', HostedZoneId: 'Z123', AliasTarget: Match.anyValue() });
  });

  it('maps each API at its own base path, or at the root', () => {
    const template = domainTemplate(['orders', 'catalog']);
    const basePaths = Object.values(template.findResources('AWS::ApiGateway::BasePathMapping')).map((m) => m.Properties.BasePath);
    expect(basePaths.sort()).toEqual(['catalog', 'orders']);
    expect(Object.values(domainTemplate([undefined]).findResources('AWS::ApiGateway::BasePathMapping'))[0]!.Properties.BasePath).toBeUndefined();
  });
});
