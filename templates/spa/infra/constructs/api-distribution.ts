import { CfnOutput } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeDistribution } from './distribution-findings.js';
import { originKey } from './origin-key.js';

export interface ApiDistributionProps {
  /** A REGIONAL API whose methods require an API key (ServiceApi's `requireApiKey`). */
  readonly api: RestApi;
  readonly logBucket: IBucket;
}

/**
 * CloudFront in front of a REGIONAL API: nothing cached, every method allowed, every viewer
 * header forwarded except Host (API Gateway routes by its own host name). Only this
 * distribution knows the API's key (see origin-key.ts), so nobody can go around it.
 */
export class ApiDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    const { api } = props;

    const key = originKey(this, api);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${api.restApiName}: the API through CloudFront`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: `cloudfront/${api.restApiName}/`,
      defaultBehavior: {
        origin: new RestApiOrigin(api, { customHeaders: { 'x-api-key': key } }),
        // An API answers HTTPS only: a redirect would turn a POST into a GET.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
    acknowledgeDistribution(this.distribution, false);
    new CfnOutput(this, 'Url', { value: `https://${this.distribution.distributionDomainName}` });
  }
}
