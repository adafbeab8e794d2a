import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { cloudFrontName } from './cloudfront-names.js';

export interface SecurityHeadersProps {
  /**
   * Where the page may send requests besides its own origin, as far as this stack knows: the
   * sign-in hosts. The APIs' are added once they exist (constructs/connect-sources.ts).
   */
  readonly connectSources: readonly string[];
  /**
   * The strict set (`--edge security-headers`): HSTS with `preload`, a CSP that also names
   * script, style, frame and worker sources and upgrades insecure requests, and cross-origin
   * isolation and permissions headers.
   */
  readonly strict?: boolean;
}

/**
 * The security headers every response of the site carries, added by CloudFront: HSTS, a
 * content security policy that allows only the site's own scripts and styles, no framing,
 * no MIME sniffing and a strict referrer policy. A response headers policy, not a function:
 * CloudFront adds the headers itself, at no cost per request and with nothing to run.
 */
export class SecurityHeaders extends Construct {
  readonly policy: ResponseHeadersPolicy;
  /** The Content-Security-Policy header's value, as this stack deploys it. */
  readonly contentSecurityPolicy: string;

  constructor(scope: Construct, id: string, props: SecurityHeadersProps) {
    super(scope, id);
    const strict = props.strict ?? false;
    this.contentSecurityPolicy = [
      "default-src 'self'",
      `connect-src ${["'self'", ...props.connectSources].join(' ')}`,
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      ...(strict ? ["script-src 'self'", "style-src 'self'", "frame-src 'none'", "worker-src 'self'", "manifest-src 'self'", 'upgrade-insecure-requests'] : []),
    ].join('; ');

    this.policy = new ResponseHeadersPolicy(this, 'Policy', {
      responseHeadersPolicyName: cloudFrontName(this, 128),
      comment: strict ? 'Strict security headers for the site and its API' : 'Security headers for the site and its API',
      securityHeadersBehavior: {
        // `preload` asks browsers to hard-code HTTPS for the domain: submit it at hstspreload.org
        // only for a custom domain you own (it is ignored for *.cloudfront.net).
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: strict, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: this.contentSecurityPolicy, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      customHeadersBehavior: strict
        ? {
            customHeaders: [
              { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
              { header: 'Cross-Origin-Resource-Policy', value: 'same-origin', override: true },
              { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()', override: true },
            ],
          }
        : undefined,
    });
  }
}
