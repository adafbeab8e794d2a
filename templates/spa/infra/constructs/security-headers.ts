import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';

export interface SecurityHeadersProps {
  /** Where the page may send requests besides its own origin (the APIs, for CORS modes). */
  readonly connectSources: readonly string[];
}

/**
 * The security headers every response of the site carries, added by CloudFront: HSTS, a
 * content security policy that allows only the site's own scripts and styles, no framing,
 * no MIME sniffing and a strict referrer policy.
 */
export class SecurityHeaders extends Construct {
  readonly policy: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: SecurityHeadersProps) {
    super(scope, id);
    const csp = [
      "default-src 'self'",
      `connect-src ${["'self'", ...props.connectSources].join(' ')}`,
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; ');

    this.policy = new ResponseHeadersPolicy(this, 'Policy', {
      comment: 'Security headers for the site and its API',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
  }
}
