import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { BasePathMapping, DomainName, EndpointType, type IRestApi, SecurityPolicy } from 'aws-cdk-lib/aws-apigateway';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayDomain } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { DomainConfig } from '../config-types.js';

/**
 * A custom domain for REST APIs: a DNS-validated certificate, a REGIONAL API Gateway
 * domain name (TLS 1.2) and an alias record in the hosted zone. The zone is referenced by
 * id from infra/config.ts, never looked up, so synth needs no AWS access.
 */
export class ApiDomain extends Construct {
  readonly domainName: DomainName;

  constructor(scope: Construct, id: string, domain: DomainConfig) {
    super(scope, id);
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: domain.hostedZoneId, zoneName: domain.zoneName });
    const certificate = new Certificate(this, 'Certificate', {
      domainName: domain.name,
      validation: CertificateValidation.fromDns(zone),
    });
    this.domainName = new DomainName(this, 'DomainName', {
      domainName: domain.name,
      certificate,
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ARecord(this, 'Alias', {
      zone,
      recordName: domain.name,
      target: RecordTarget.fromAlias(new ApiGatewayDomain(this.domainName)),
    });
  }

  /** Serves `api` at `https://<domain>/<basePath>`, or at the root when there is no base path. */
  map(api: IRestApi, basePath?: string) {
    new BasePathMapping(this, `Map${basePath ?? 'Root'}`, { domainName: this.domainName, restApi: api, basePath });
  }
}
