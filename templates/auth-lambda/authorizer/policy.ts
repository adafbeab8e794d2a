import type { APIGatewayAuthorizerResult } from 'aws-lambda';

/** Who a verified token belongs to, and whether they may call the routes this authorizer guards. */
export interface Caller {
  readonly subject: string;
  readonly allowed: boolean;
  /** Handed to the handlers as `event.requestContext.authorizer` (strings only). */
  readonly context: Readonly<Record<string, string>>;
}

/**
 * The policy for a caller: Invoke on every method of this API's stage, not just the method
 * being called. API Gateway caches the policy per token (`cacheTtlSeconds`) and reuses it
 * for every route this authorizer guards; a policy naming one method would turn the
 * caller's next call to another route into a 403 until the cache expires. It never reaches
 * beyond this API and stage.
 */
export function apiPolicy(caller: Caller, methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId: caller.subject,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: caller.allowed ? 'Allow' : 'Deny', Resource: stageArn(methodArn) }],
    },
    context: { ...caller.context },
  };
}

/** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<verb>/<path>` → `…:<api>/<stage>/*`. */
export function stageArn(methodArn: string): string {
  const match = /^(arn:[^:]+:execute-api:[^:]+:\d{12}:[^/]+\/[^/]+)\//.exec(methodArn);
  if (!match) throw new Error(`Not an API Gateway method ARN: ${methodArn}`);
  return `${match[1]}/*`;
}
