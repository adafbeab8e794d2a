import type { LocalApp } from './local-app.js';

/** The answers API Gateway gives itself, before or instead of an integration, by gateway response type. */
export const gatewayErrors = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: 'MissingAuthenticationTokenException', body: { message: 'Missing Authentication Token' } },
  UNAUTHORIZED: { status: 401, errorType: 'UnauthorizedException', body: { message: 'Unauthorized' } },
  INVALID_API_KEY: { status: 403, errorType: 'ForbiddenException', body: { message: 'Forbidden' } },
  ACCESS_DENIED: { status: 403, errorType: 'AccessDeniedException', body: { Message: 'User is not authorized to access this resource with an explicit deny' } },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, errorType: 'AuthorizerConfigurationException', body: { message: null } },
  BAD_REQUEST_PARAMETERS: { status: 400, errorType: 'BadRequestException', body: { message: 'Missing required request parameters' } },
  BAD_REQUEST_BODY: { status: 400, errorType: 'BadRequestException', body: { message: 'Invalid request body' } },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, errorType: 'UnsupportedMediaTypeException', body: { message: 'Unsupported Media Type' } },
  BAD_GATEWAY: { status: 502, errorType: 'InternalServerErrorException', body: { message: 'Internal server error' } },
  INTEGRATION_TIMEOUT: { status: 504, errorType: 'InternalServerErrorException', body: { message: 'Endpoint request timed out' } },
  NOT_EMULATED: { status: 501, errorType: 'NotImplemented', body: { message: 'This integration does not run locally; see the README' } },
  // Not a gateway response type of its own: API Gateway refuses a path it cannot decode (`/items/%`) before routing it, with DEFAULT_4XX's headers.
  MALFORMED_PATH: { status: 400, errorType: 'BadRequestException', body: { message: 'Bad Request' } },
} as const;

export type GatewayError = keyof typeof gatewayErrors;

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: string | Buffer;
}

/**
 * The gateway's own error responses for one API, with the headers its customized gateway
 * responses add (the CORS headers on DEFAULT_4XX and DEFAULT_5XX, for instance).
 */
export function gatewayError(app: LocalApp, apiId: string | undefined, type: GatewayError, message?: string): Reply {
  const { status, errorType, body } = gatewayErrors[type];
  const customized = app
    .ofType('AWS::ApiGateway::GatewayResponse')
    .filter((response) => response.properties.RestApiId === apiId)
    .map((response) => response.properties);
  const custom = customized.find((r) => r.ResponseType === type) ?? customized.find((r) => r.ResponseType === (status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX'));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-errortype': errorType };
  for (const [name, value] of Object.entries<string>(custom?.ResponseParameters ?? {})) {
    const header = /^gatewayresponse\.header\.(.+)$/.exec(name)?.[1];
    if (header) headers[header.toLowerCase()] = value.replace(/^'(.*)'$/, '$1');
  }
  const text = message === undefined ? body : 'message' in body ? { message } : body;
  return { status: Number(custom?.StatusCode ?? status), headers, body: JSON.stringify(text) };
}
