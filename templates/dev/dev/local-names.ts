import { createHash } from 'node:crypto';
import type { AppResource } from './app-resources.js';

/** The account every local ARN names: no real account is involved. */
export const localAccount = '000000000000';

/** Where the local site runs: Vite's default port, which the Cognito app client also allows as a callback. */
export const localSiteOrigin = 'http://localhost:5173';

/** A readable local name from a construct path: `shop-items/Table/Resource` → `shop-items-Table`. */
export function localName(path: string): string {
  return path.replace(/\/(Resource|Default)$/, '').replaceAll('/', '-').replace(/[^A-Za-z0-9_.-]/g, '');
}

/** Cognito user pool ids look like `<region>_<id>`; aws-jwt-verify checks that shape. */
export function localUserPoolId(resource: AppResource): string {
  return `${resource.region}_local${shortHash(resource.path)}`;
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * The value a reference (`«ref:<path>#<attribute>»`) has locally: what the deployed resource
 * would answer, with local names. `origin` is where the local stack listens.
 */
export function localValue(resource: AppResource, attribute: string, origin: string): string {
  const name = localName(resource.path);
  const arn = (service: string, kind: string) => `arn:aws:${service}:${resource.region}:${localAccount}:${kind}${name}`;
  switch (resource.type) {
    case 'AWS::DynamoDB::GlobalTable':
    case 'AWS::DynamoDB::Table':
      return attribute === 'Arn' ? arn('dynamodb', 'table/') : name;
    case 'AWS::SQS::Queue':
      if (attribute === 'Arn') return arn('sqs', '');
      return attribute === 'QueueName' ? name : `${origin}/${localAccount}/${name}`;
    case 'AWS::Kinesis::Stream':
      return attribute === 'Arn' ? arn('kinesis', 'stream/') : name;
    case 'AWS::Lambda::Function': {
      const functionName = name.replace(/-Function$/, '');
      return attribute === 'Arn' ? `arn:aws:lambda:${resource.region}:${localAccount}:function:${functionName}` : functionName;
    }
    case 'AWS::Cognito::UserPool': {
      const id = localUserPoolId(resource);
      if (attribute === 'Arn') return `arn:aws:cognito-idp:${resource.region}:${localAccount}:userpool/${id}`;
      return attribute === 'ProviderURL' ? `https://cognito-idp.${resource.region}.amazonaws.com/${id}` : id;
    }
    case 'AWS::Cognito::UserPoolClient':
      return `local${shortHash(resource.path)}client`;
    case 'AWS::CloudFront::Distribution':
      // CloudFront serves the site over HTTPS on its own domain; locally it is plain HTTP on loopback.
      return attribute === 'DomainName' ? new URL(localSiteOrigin).host : name;
    default:
      return attribute === 'Arn' ? `arn:aws:local:${resource.region}:${localAccount}:${name}` : name;
  }
}

/** The function an integration or authorizer URI invokes: `…/functions/<function ARN>/invocations` → its name. */
export function functionFromUri(uri: string): string {
  const arn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? '';
  return arn.slice(arn.lastIndexOf(':') + 1);
}
