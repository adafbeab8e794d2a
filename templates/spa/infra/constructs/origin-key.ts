import { Validations } from 'aws-cdk-lib';
import { ApiKey, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * The secret that keeps callers from going around CloudFront to a REGIONAL API's execute-api
 * endpoint. Every method of the API requires an API key (ServiceApi's `requireApiKey`), and
 * only the distribution knows it: it sends it as the `x-api-key` origin header, replacing any
 * a viewer sends. API Gateway refuses a request without the key with 403 before anything
 * runs, at no extra cost (a WAF rule or an authorizer would do the same check for a monthly
 * fee or an extra invocation). The value lives in Secrets Manager and reaches both ends
 * through a CloudFormation dynamic reference, never the template. Returns that reference.
 */
export function originKey(scope: Construct, api: RestApi): string {
  const secret = new Secret(scope, 'OriginKey', {
    description: `The API key CloudFront sends to ${api.restApiName}`,
    generateSecretString: { passwordLength: 40, excludePunctuation: true },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason: 'The key is shared by the API and the distribution and changes with both in one deployment: replace the secret (rename its id) to rotate it.',
  });
  const value = secret.secretValue.unsafeUnwrap();
  const key = new ApiKey(scope, 'Key', { value, description: 'Sent by CloudFront only' });
  api.addUsagePlan('CloudFront', { description: 'Requests that came through CloudFront', apiStages: [{ api, stage: api.deploymentStage }] }).addApiKey(key);
  return value;
}
