import type { LocalApp } from './local-app.js';
import { invokedFunctions } from './invoked-functions.js';

/** The resource types the local stack runs: their behaviour is served on localhost. */
const emulated = new Set([
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::Model',
  'AWS::ApiGateway::RequestValidator',
  'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGateway::UsagePlanKey',
  'AWS::ApiGateway::DomainName',
  'AWS::ApiGateway::BasePathMapping',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventSourceMapping',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::SQS::Queue',
  'AWS::Kinesis::Stream',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolGroup',
  'AWS::Cognito::UserPoolDomain',
  'AWS::CloudFront::Distribution',
  'AWS::CloudFront::Function',
  'AWS::CloudFront::KeyValueStore',
  'AWS::CloudFront::CachePolicy',
  'AWS::CloudFront::OriginRequestPolicy',
  'AWS::CloudFront::ResponseHeadersPolicy',
  'AWS::CloudFront::OriginAccessControl',
  'AWS::S3::Bucket',
  'AWS::SSM::Parameter',
  'Custom::SiteConnectSources',
]);

/**
 * What a deployment has and the local stack does not, by type: why it does not matter on
 * localhost, or what differs. A type missing here is named as not emulated: calls to it fail.
 */
const deployedOnly = [
  [/^AWS::CDK::Metadata$/, null],
  [/^AWS::IAM::/, 'permissions are not enforced locally: every function may call everything'],
  [/^AWS::Logs::/, 'functions log to this terminal'],
  [/^AWS::(CloudWatch|SNS)::/, 'alarms, dashboards and their notifications exist only deployed'],
  [/^AWS::WAFv2::/, 'requests are not filtered by the web ACL locally'],
  [/^AWS::(Route53|CertificateManager)::/, 'domains and certificates: the local stack serves on localhost ports'],
  [/^AWS::(ApiGateway::Account|S3::BucketPolicy|KMS::)/, 'account settings, bucket policies and keys have no local effect'],
  [/^(Custom::|AWS::CloudFormation::CustomResource$)/, 'deploy-time custom resources do not run locally'],
] as const satisfies readonly (readonly [RegExp, string | null])[];

/**
 * One line per resource type of the app the local stack does not run, with the count and what
 * it means; and one for the functions that something local would invoke (a route, an
 * authorizer, a queue or stream) but that do not run here (not Node.js, or no code found).
 */
export function notEmulated(app: LocalApp, functionsRun: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const { type } of app.resources) if (!emulated.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  const types = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([type, count]) => {
      const known = deployedOnly.find(([pattern]) => pattern.test(type));
      if (known && known[1] === null) return [];
      return [`${type} (${count}): ${known ? known[1] : 'not emulated; calls to it fail locally'}`];
    });
  const notRun = invokedFunctions(app).filter((fn) => !functionsRun.includes(app.referenceTo(fn)));
  if (notRun.length === 0) return types;
  const which = notRun.map((fn) => `${app.referenceTo(fn)} (${fn.properties.Runtime ?? fn.properties.PackageType ?? 'no runtime'})`).join(', ');
  return [...types, `AWS::Lambda::Function (${notRun.length}): ${which} not run locally: only Node.js functions whose code the toolkit finds run; their invocations fail`];
}
