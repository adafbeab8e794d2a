import type { APIGatewayProxyResult } from 'aws-lambda';
import { ApiKeys } from './api-keys.js';
import { FunctionError, type LocalFunctions } from './functions.js';
import { type GatewayError, type Reply, gatewayError } from './gateway-responses.js';
import type { LocalApp } from './local-app.js';
import { functionFromUri } from './local-names.js';
import { runMappedIntegration, type ServiceAnswer } from './mapped-integration.js';
import { type GatewayRequest, headerValue, proxyEvent } from './proxy-event.js';
import { RequestChecks } from './request-checks.js';
import type { RestApis, RestMethod, RouteMatch } from './rest-api.js';

/** An AWS service API Gateway calls directly (`arn:aws:apigateway:<region>:<service>:<path or action>/<target>`). */
export type AwsService = (target: string, payload: string) => ServiceAnswer;

export type Authorization =
  | { readonly allowed: true; readonly context?: Record<string, unknown> }
  | { readonly allowed: false; readonly error: GatewayError };

/** Decides, for a method with an authorizer, whether the request goes on (and with what context for the handler). */
export interface Authorizer {
  authorize(method: RestMethod, headers: Readonly<Record<string, string>>): Promise<Authorization>;
}

export interface GatewayReply extends Reply {
  /** What answered: a function, a service call, API Gateway itself. */
  readonly target: string;
}

/**
 * API Gateway's REST API request path, for every API of the app: route, authorize, check the
 * API key, validate, then the integration (a Lambda proxy, a direct AWS service call, or a
 * mock), with the gateway's own error responses on the way.
 */
export class Gateway {
  private readonly checks: RequestChecks;
  readonly apiKeys: ApiKeys;

  constructor(
    private readonly app: LocalApp,
    private readonly apis: RestApis,
    private readonly functions: LocalFunctions,
    private readonly services: Readonly<Record<string, AwsService>>,
    private readonly authorizer?: Authorizer,
  ) {
    this.checks = new RequestChecks(app);
    this.apiKeys = new ApiKeys(app);
  }

  /** What the first request to each method would otherwise wait for: its request model, compiled. */
  prepare() {
    this.checks.compileModels(this.apis.routes());
  }

  async handle(request: GatewayRequest): Promise<GatewayReply> {
    const apiAtPath = () => this.apis.apis.find((api) => request.path.startsWith(api.mount))?.id;
    if (!isDecodable(request.path)) return this.error(apiAtPath(), 'MALFORMED_PATH');
    const match = this.apis.match(request.method, request.path);
    if (!match) return this.error(apiAtPath(), 'MISSING_AUTHENTICATION_TOKEN');
    const { method } = match;
    const apiId = method.api.id;
    const headers: Record<string, string> = {};
    for (let i = 0; i < request.rawHeaders.length; i += 2) headers[request.rawHeaders[i]!.toLowerCase()] = request.rawHeaders[i + 1]!;

    let authorizer: Record<string, unknown> | undefined;
    if (method.definition.AuthorizationType !== 'NONE' && this.authorizer) {
      const authorization = await this.authorizer.authorize(method, headers);
      if (!authorization.allowed) return this.error(apiId, authorization.error);
      authorizer = authorization.context;
    }
    if (method.definition.ApiKeyRequired === true && !this.apiKeys.accepts(apiId, headers['x-api-key'])) return this.error(apiId, 'INVALID_API_KEY');

    // API Gateway treats a request without a Content-Type as JSON.
    const contentType = (headerValue(request.rawHeaders, 'content-type') ?? 'application/json').split(';')[0]!.trim();
    const checked = { contentType, body: request.body, pathParameters: match.pathParameters, query: request.query, headers };
    const missing = this.checks.missingParameters(method, checked);
    if (missing.length > 0) return this.error(apiId, 'BAD_REQUEST_PARAMETERS', `Missing required request parameters: [${missing.join(', ')}]`);
    if (!this.checks.bodyIsValid(method, checked)) return this.error(apiId, 'BAD_REQUEST_BODY');

    const integration = method.definition.Integration ?? {};
    switch (integration.Type) {
      case 'AWS_PROXY':
        return this.lambdaProxy(request, match, integration, authorizer);
      case 'AWS':
      case 'MOCK':
        return this.mapped(request, match, integration, contentType, headers, authorizer);
      default:
        return this.error(apiId, 'NOT_EMULATED', `${integration.Type} integrations do not run locally`);
    }
  }

  private async lambdaProxy(request: GatewayRequest, match: RouteMatch, integration: Record<string, any>, authorizer?: Record<string, unknown>): Promise<GatewayReply> {
    const name = functionFromUri(integration.Uri);
    const apiId = match.method.api.id;
    // API Gateway gives up on an integration after its timeout (29 s unless the method says less), whatever the function does.
    const timeout = AbortSignal.timeout(Number(integration.TimeoutInMillis ?? 29_000));
    let result: APIGatewayProxyResult | undefined;
    try {
      result = (await this.functions.invoke(name, proxyEvent(request, match, authorizer), request.requestId, timeout)) as APIGatewayProxyResult | undefined;
    } catch (error) {
      if (error instanceof FunctionError && error.errorType === 'ResourceNotFoundException') {
        return this.error(apiId, 'NOT_EMULATED', `${name} does not run locally: only Node.js functions whose code the toolkit finds do`, name);
      }
      if (timeout.aborted) return this.error(apiId, 'INTEGRATION_TIMEOUT', undefined, name);
      // As deployed: the caller sees a bare 502; the stack trace is for the developer.
      const text = error instanceof FunctionError ? (error.trace ?? `${error.errorType}: ${error.message}`) : String(error);
      console.error(`${name} failed: ${text}`);
      return this.error(apiId, 'BAD_GATEWAY', undefined, name);
    }
    if (!result || typeof result.statusCode !== 'number') {
      console.error(`${name} returned a malformed proxy response (it needs a numeric statusCode): ${JSON.stringify(result)}`);
      return this.error(apiId, 'BAD_GATEWAY', undefined, name);
    }
    const headers: Record<string, string | string[]> = {};
    for (const [header, values] of Object.entries(result.multiValueHeaders ?? {})) headers[header] = values.map(String);
    for (const [header, value] of Object.entries(result.headers ?? {})) headers[header] = String(value);
    const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : (result.body ?? '');
    return { status: result.statusCode, headers, body, target: name };
  }

  private async mapped(
    request: GatewayRequest,
    { method, pathParameters }: RouteMatch,
    integration: Record<string, any>,
    contentType: string,
    headers: Record<string, string>,
    authorizer?: Record<string, unknown>,
  ): Promise<GatewayReply> {
    const templateRequest = {
      body: request.body,
      contentType,
      params: { path: pathParameters, querystring: Object.fromEntries(request.query), header: headers },
      context: { requestId: request.requestId, httpMethod: request.method, resourcePath: method.resourcePath, stage: method.api.stage, authorizer, identity: { sourceIp: request.sourceIp } },
    };
    // `arn:aws:apigateway:<region>:<service>:<path or action>/<what>`, e.g. `sqs:path/<account>/<queue>`.
    const [, service = '', what = ''] = /^arn:aws:apigateway:[^:]+:([^:]+):(?:path|action)\/(.+)$/.exec(integration.Uri ?? '') ?? [];
    const target = integration.Type === 'MOCK' ? 'mock' : `${service} ${what}`;
    const reply = await runMappedIntegration(integration, templateRequest, (payload) => {
      // A mock's request template names the status it answers with: `{ "statusCode": 200 }` (CDK's CORS preflight leaves the quotes out).
      if (integration.Type === 'MOCK') return { status: Number(/"?statusCode"?\s*:\s*(\d+)/.exec(payload)?.[1] ?? 200), body: '' };
      const call = this.services[service];
      return call ? call(what, payload) : { status: 501, body: { message: `${service} is not emulated locally` } };
    });
    return typeof reply === 'string' ? this.error(method.api.id, reply, undefined, target) : { ...reply, target };
  }

  private error(apiId: string | undefined, type: GatewayError, message?: string, target = 'API Gateway'): GatewayReply {
    return { ...gatewayError(this.app, apiId, type, message), target };
  }
}

/** Whether every percent escape of the path decodes (`%`, `%zz` or half a UTF-8 sequence do not). */
function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
