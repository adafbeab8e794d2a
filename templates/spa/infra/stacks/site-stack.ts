import { Annotations, CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { ARecord, AaaaRecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { type Bucket, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { DomainConfig, SiteConfig } from '../config-types.js';
import { acknowledgeDistribution } from '../constructs/distribution-findings.js';
import { accessLogExpiry, PrivateBucket } from '../constructs/private-bucket.js';
import { bucketRemoval } from '../constructs/removal-policy.js';
import { SecurityHeaders } from '../constructs/security-headers.js';
import { siteBehavior, strictSecurityHeaders } from '../constructs/site-edge.js';
import { stageOf } from '../stage.js';
import { cloudFrontLogBucket, cloudFrontLogsRegion } from './cloudfront-logs-stack.js';

export interface SiteStackProps extends StackProps {
  readonly apiAccess: SiteConfig['apiAccess'];
  readonly domain?: DomainConfig;
  /** Required with `domain`: a certificate for it in us-east-1 (see certificate-stack.ts). */
  readonly certificate?: ICertificate;
  /** Where the SPA's scripts talk to while signing in, when it signs in: exact hosts. */
  readonly signInSources?: readonly string[];
}

/**
 * The site: a private bucket served only through CloudFront (Origin Access Control), over
 * HTTPS with HTTP/2 and HTTP/3, with security headers on every response and a SPA fallback
 * on the bucket's behavior alone. The files themselves are deployed by SiteContentStack.
 */
export class SiteStack extends Stack {
  readonly apiAccess: SiteConfig['apiAccess'];
  readonly bucket: Bucket;
  readonly logs: Bucket;
  /** Where the distributions write their standard logs: `logs`, or a us-east-1 bucket where CloudFront cannot write to this region. */
  readonly cloudFrontLogs: IBucket;
  readonly distribution: Distribution;
  /** Lambda@Edge runs on the site's requests (`--edge site-auth`): its failures are alarmed (EdgeMonitoringStack). */
  readonly lambdaAtEdge: boolean;
  /** The site's custom domain as this stage serves it (infra/stage.ts); none: the distribution's own. */
  readonly domainName?: string;
  /**
   * The response headers of every behavior. Its connect-src names the sign-in hosts; the APIs'
   * exact hosts are written in once they exist (SiteContentStack, constructs/connect-sources.ts).
   */
  readonly headers: SecurityHeaders;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    this.apiAccess = props.apiAccess;
    this.domainName = props.domain?.name;

    // CloudFront standard logs are delivered with ACLs, so this one bucket keeps them enabled.
    this.logs = new PrivateBucket(this, 'AccessLogs', {
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: accessLogExpiry }],
      ...bucketRemoval(this),
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the site bucket and the distributions; logging it into itself would loop.',
    });
    this.cloudFrontLogs = cloudFrontLogsRegion(this.region) === this.region ? this.logs : cloudFrontLogBucket(this, 'CloudFrontLogs');

    // Nothing in this bucket is data: it holds the build of frontend/, which the next deploy
    // puts back. So whatever dataRemoval says, it goes with its stack, emptied first, and also
    // when a first deploy fails: its fixed name is never found taken by a bucket left behind.
    this.bucket = new PrivateBucket(this, 'Bucket', {
      bucketName: siteBucketName(this),
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 's3/site/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    this.headers = new SecurityHeaders(this, 'SecurityHeaders', {
      connectSources: props.signInSources ?? [],
      strict: strictSecurityHeaders,
    });

    if (props.domain && !props.certificate) throw new Error('SiteStack: a domain needs a certificate from us-east-1');
    const behavior = siteBehavior(this, { bucket: this.bucket, logs: this.logs });
    this.lambdaAtEdge = (behavior.edgeLambdas ?? []).length > 0;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${id}: the single-page app`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America and Europe only: the cheapest price class. Widen it if your visitors are elsewhere.
      priceClass: PriceClass.PRICE_CLASS_100,
      // Only a custom certificate can raise the TLS floor; the default one is fixed by CloudFront.
      minimumProtocolVersion: props.certificate && SecurityPolicyProtocol.TLS_V1_2_2021,
      domainNames: props.domain && [props.domain.name],
      certificate: props.certificate,
      enableLogging: true,
      logBucket: this.cloudFrontLogs,
      logFilePrefix: 'cloudfront/site/',
      defaultBehavior: {
        // The origin, cache policy and edge functions: see constructs/site-edge.ts.
        ...behavior,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.headers.policy,
      },
    });
    acknowledgeDistribution(this.distribution, props.domain !== undefined);

    if (props.domain) this.addAlias(props.domain);
    new CfnOutput(this, 'SiteUrl', { value: `https://${this.domainName ?? this.distribution.distributionDomainName}` });
  }

  /**
   * The origin the APIs allow with CORS (`https://...`, no trailing slash); undefined on a
   * shared distribution, where the browser never makes a cross-origin call.
   */
  get corsOrigin(): string | undefined {
    if (this.apiAccess === 'same-origin') return undefined;
    return this.url;
  }

  /** The site's address: `https://` and its custom domain or the distribution's own, no trailing slash. */
  get url(): string {
    return `https://${this.domainName ?? this.distribution.distributionDomainName}`;
  }

  /**
   * Sends `pathPattern` to a REST API on this distribution: never cached, every method, every
   * viewer header but Host (API Gateway routes by its own host name), plus the API key only
   * CloudFront knows (constructs/origin-key.ts). The API's routes must start with the same
   * path (`/api/...`): CloudFront forwards the path unchanged, after the origin path `/<stage>`.
   */
  addApi(pathPattern: string, api: RestApi, originKey: string) {
    this.distribution.addBehavior(pathPattern, new RestApiOrigin(api, { customHeaders: { 'x-api-key': originKey } }), {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.headers.policy,
    });
  }

  private addAlias(domain: DomainConfig) {
    if (domain.hostedZoneId.startsWith('REPLACE_WITH')) {
      Annotations.of(this).addWarningV2('site:hosted-zone-placeholder', `Set site.domain.hostedZoneId in infra/config.ts to the id of the ${domain.zoneName} hosted zone before deploying.`);
    }
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: domain.hostedZoneId, zoneName: domain.zoneName });
    const target = RecordTarget.fromAlias(new CloudFrontTarget(this.distribution));
    new ARecord(this, 'AliasV4', { zone, recordName: domain.name, target });
    new AaaaRecord(this, 'AliasV6', { zone, recordName: domain.name, target });
  }
}

/**
 * The site bucket's name, known without deploying: the content stack addresses the bucket by
 * it instead of through a cross-stack export. Unique per stage, account and region; the app
 * name is cut to keep within S3's 63 characters.
 */
export function siteBucketName(scope: Construct): string {
  const { account, region } = Stack.of(scope);
  return `${stageOf(scope).shortPrefix(30)}-site-${account}-${region}`;
}
