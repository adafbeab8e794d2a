import { Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import type { DomainConfig } from '../config-types.js';

export interface CertificateStackProps extends StackProps {
  readonly domain: DomainConfig;
}

/**
 * The site's certificate. CloudFront accepts certificates only from us-east-1, so this stack
 * lives there whatever the app's region; the site stack reads it through a cross-region
 * reference. Validated by DNS in the hosted zone, which ACM renews without anyone's help.
 */
export class CertificateStack extends Stack {
  readonly certificate: Certificate;

  constructor(scope: Construct, id: string, props: CertificateStackProps) {
    super(scope, id, props);
    const { domain } = props;
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: domain.hostedZoneId, zoneName: domain.zoneName });
    this.certificate = new Certificate(this, 'Certificate', {
      domainName: domain.name,
      validation: CertificateValidation.fromDns(zone),
    });
  }
}
