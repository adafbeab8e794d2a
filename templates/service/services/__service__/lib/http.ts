import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { instrumented, logger } from './powertools.js';

// zod/mini ships no messages; English ones make a 400 say what is wrong.
z.config(en());

/** An error whose status and message are safe to show to the caller. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type Handler = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

// Set when a single-page app on another origin calls this API: the one origin that may read responses.
const allowedOrigin = process.env.ALLOWED_ORIGIN;
const corsHeaders: Record<string, string> = allowedOrigin ? { 'access-control-allow-origin': allowedOrigin, vary: 'Origin' } : {};

export function json(statusCode: number, body?: unknown): APIGatewayProxyResult {
  return body === undefined
    ? { statusCode, ...(allowedOrigin && { headers: corsHeaders }), body: '' }
    : { statusCode, headers: { ...corsHeaders, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Parses a JSON body against `schema`; a malformed or invalid body is a 400 that says why. */
export function parseBody<S extends z.ZodMiniType>(event: APIGatewayProxyEvent, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(event.body ?? '');
  } catch {
    throw new HttpError(400, 'The request body must be JSON.');
  }
  return parse(schema, raw, 'body');
}

export function parse<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new HttpError(400, `Invalid ${what}.`, issues);
  }
  return result.data;
}

/**
 * Wraps a handler so that every failure becomes a JSON response: HttpErrors keep their
 * status and message, anything else is logged and answered with a bare 500, so a stack
 * trace never reaches the caller. Every invocation runs through Powertools (./powertools.ts):
 * its log lines carry the request's correlation id, the caller's `x-correlation-id` header
 * or else API Gateway's request id.
 */
export function httpHandler(handle: Handler): Handler {
  return async (event, context) =>
    instrumented(context, correlationIdOf(event), async () => {
      try {
        return await handle(event, context);
      } catch (error) {
        if (error instanceof HttpError) {
          return json(error.statusCode, { message: error.message, details: error.details });
        }
        logger.error('Unhandled error', { error: error as Error, path: event.path, method: event.httpMethod });
        return json(500, { message: 'Internal server error' });
      }
    });
}

function correlationIdOf(event: APIGatewayProxyEvent): string | undefined {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-correlation-id')?.[1];
  return header ?? event.requestContext?.requestId;
}
