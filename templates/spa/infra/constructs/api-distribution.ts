import { Validations } from 'aws-cdk-lib';
import { ApiKey, type RestApi } from 'aws-cdk-lib/aws-apigateway';
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
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeDistribution } from './distribution-findings.js';

export interface ApiDistributionProps {
  /** A REGIONAL API whose methods require an API key (ServiceApi's `requireApiKey`). */
  readonly api: RestApi;
  readonly logBucket: IBucket;
}

/**
 * CloudFront in front of a REGIONAL API: nothing cached, every method allowed, every viewer
 * header forwarded except Host (API Gateway routes by its own host name).
 *
 * So that nobody can call the execute-api endpoint around CloudFront, every method requires
 * an API key, and only this distribution knows it: it adds it as the `x-api-key` origin
 * header, replacing any a viewer sends. API Gateway refuses a request without the key with
 * 403 before any function runs, at no extra cost (a WAF rule or an authorizer would do the
 * same check for a monthly fee or an extra invocation). The key's value lives in Secrets
 * Manager and reaches both ends through a CloudFormation dynamic reference, never the template.
 */
export class ApiDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    const { api } = props;

    const secret = new Secret(this, 'OriginKey', {
      description: `The API key CloudFront sends to ${api.restApiName}`,
      generateSecretString: { passwordLength: 40, excludePunctuation: true },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The key is shared by the API and the distribution and changes with both in one deployment: replace the secret (rename its id) to rotate it.',
    });
    const originKey = secret.secretValue.unsafeUnwrap();

    const key = new ApiKey(this, 'Key', { value: originKey, description: 'Sent by CloudFront only' });
    api.addUsagePlan('CloudFront', { description: 'Requests that came through CloudFront', apiStages: [{ api, stage: api.deploymentStage }] }).addApiKey(key);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${api.restApiName}: the API through CloudFront`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: `cloudfront/${api.restApiName}/`,
      defaultBehavior: {
        origin: new RestApiOrigin(api, { customHeaders: { 'x-api-key': originKey } }),
        // An API answers HTTPS only: a redirect would turn a POST into a GET.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
    acknowledgeDistribution(this.distribution, false);
  }
}
