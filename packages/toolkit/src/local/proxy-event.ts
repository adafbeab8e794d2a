import type { APIGatewayProxyEvent } from 'aws-lambda';
import { localAccount } from './local-names.js';
import type { RouteMatch } from './rest-api.js';

/** An HTTP request as the local gateway received it. */
export interface GatewayRequest {
  readonly method: string;
  /** The path as the client sent it, without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names as sent, with every value. */
  readonly rawHeaders: readonly string[];
  readonly body: string;
  readonly sourceIp: string;
  readonly host: string;
  readonly requestId: string;
  readonly receivedAt: Date;
}

/** The REST API proxy event (payload 1.0) a Lambda proxy integration receives, field for field. */
export function proxyEvent(request: GatewayRequest, { method, pathParameters }: RouteMatch, authorizer: Record<string, unknown> | undefined): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const [name, value] = [request.rawHeaders[i]!, request.rawHeaders[i + 1]!];
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query = [...request.query.keys()];
  const { api } = method;
  return {
    resource: method.resourcePath,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query.length ? Object.fromEntries(query.map((name) => [name, request.query.getAll(name).at(-1)!])) : null,
    multiValueQueryStringParameters: query.length ? Object.fromEntries(query.map((name) => [name, request.query.getAll(name)])) : null,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: localAccount,
      apiId: api.id,
      authorizer: authorizer as APIGatewayProxyEvent['requestContext']['authorizer'],
      domainName: request.host,
      domainPrefix: request.host.split('.')[0],
      extendedRequestId: request.requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: headerValue(request.rawHeaders, 'user-agent') ?? null,
        userArn: null,
      },
      path: `/${api.stage}${request.path.slice(api.mount.length)}`,
      protocol: 'HTTP/1.1',
      requestId: request.requestId,
      requestTime: requestTime(request.receivedAt),
      requestTimeEpoch: request.receivedAt.getTime(),
      resourceId: method.resourceId,
      resourcePath: method.resourcePath,
      stage: api.stage,
    },
    body: request.body === '' ? null : request.body,
    isBase64Encoded: false,
  };
}

export function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) return rawHeaders[i + 1];
  return undefined;
}

/** `29/Nov/2026:09:15:02 +0000`, as API Gateway writes requestTime. */
function requestTime(date: Date): string {
  const [, day, month, year, time] = /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(date.toUTCString())!;
  return `${day}/${month}/${year}:${time} +0000`;
}
