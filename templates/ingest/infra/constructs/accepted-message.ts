import type { IntegrationResponse } from 'aws-cdk-lib/aws-apigateway';

/**
 * The message API Gateway writes for each accepted POST, and what its 202 answers; the
 * consumer reads the message back in services/<service>/lib/accepted.ts.
 *
 * The message is `{"id": …, "owner": …, "item": <the body, as the model checked it>}`, built
 * by the request template (`owner` only behind an authorizer: the caller it verified). The
 * id is API Gateway's request id: a response template sees the request's context but not its
 * body, so only an id taken from the context can be both put in the message and answered.
 */
export function acceptedMessageTemplate(owned: boolean): string[] {
  // Velocity has no escape for a quote inside a string literal: $q stands in for it.
  const field = (name: string, value: string) => `\${q}${name}\${q}:${value}`;
  const fields = [
    field('id', '${q}$context.requestId${q}'),
    // A Cognito authorizer passes the token's claims; a Lambda authorizer its principal (the token's sub).
    ...(owned ? [field('owner', '${q}$util.escapeJavaScript($owner)${q}')] : []),
    field('item', "$input.json('$')"),
  ];
  return [
    "#set($q = '\"')",
    ...(owned ? ['#set($owner = "$!context.authorizer.claims.sub")', '#if($owner == "")#set($owner = "$!context.authorizer.principalId")#end'] : []),
    '#set($message = "{' + fields.join(',') + '}")',
  ];
}

/** 202: the request is in the queue or stream, and its item will have this id. */
export const acceptedResponse: IntegrationResponse = {
  statusCode: '202',
  responseTemplates: { 'application/json': JSON.stringify({ id: '$context.requestId' }) },
};
