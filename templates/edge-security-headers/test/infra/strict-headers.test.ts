import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { templateText } from '../support/template-text.js';

let policy: Record<string, any>;

beforeAll(() => {
  const site = Template.fromStack(testApp().site);
  policy = Object.values(site.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties.ResponseHeadersPolicyConfig;
});

describe('the strict security headers (--edge security-headers)', () => {
  it('asks for HSTS for a year, subdomains included, ready for the preload list', () => {
    expect(policy.SecurityHeadersConfig.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Preload: true, Override: true });
  });

  it('allows only the site\'s own scripts, styles and workers, no frames, and upgrades insecure requests', () => {
    const csp = templateText(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["script-src 'self'", "style-src 'self'", "frame-src 'none'", "frame-ancestors 'none'", "object-src 'none'", 'upgrade-insecure-requests']) {
      expect(csp).toContain(directive);
    }
  });

  it('denies framing and sniffing, keeps the referrer to the origin across sites, and isolates the browsing context', () => {
    expect(policy.SecurityHeadersConfig.FrameOptions.FrameOption).toBe('DENY');
    expect(policy.SecurityHeadersConfig.ContentTypeOptions.Override).toBe(true);
    expect(policy.SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
    const custom = Object.fromEntries(policy.CustomHeadersConfig.Items.map((h: { Header: string; Value: string }) => [h.Header, h.Value]));
    expect(custom).toMatchObject({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Resource-Policy': 'same-origin' });
    expect(custom['Permissions-Policy']).toContain('camera=()');
  });
});
