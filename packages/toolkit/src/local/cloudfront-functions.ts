import { runInNewContext } from 'node:vm';

/** A CloudFront Functions event (cloudfront-js-2.0): what the function reads and may change. */
export interface FunctionEvent {
  readonly version: '1.0';
  readonly context: { readonly distributionDomainName: string; readonly distributionId: string; readonly eventType: string; readonly requestId: string };
  readonly viewer: { readonly ip: string };
  request: ViewerRequest;
  response?: ViewerResponse;
}

export interface ViewerRequest {
  method: string;
  uri: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string }>;
}

export interface ViewerResponse {
  statusCode: number;
  statusDescription?: string;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string; attributes?: string }>;
  body?: string | { data: string; encoding: 'text' | 'base64' };
}

export type CloudFrontFunction = (event: FunctionEvent) => Promise<ViewerRequest | ViewerResponse>;

/**
 * Loads a function's code exactly as it is deployed (the FunctionCode in the template) and
 * runs its `handler` in a fresh context, with the `cloudfront` module's KeyValueStore API
 * answering from the stores' initial data.
 */
export function loadCloudFrontFunction(code: string, stores: ReadonlyMap<string, ReadonlyMap<string, string>>): CloudFrontFunction {
  const cloudfront = {
    kvs(id: string) {
      const store = stores.get(id);
      return {
        async get(key: string) {
          const value = store?.get(key);
          if (value === undefined) throw new Error(`KeyValueStore ${id}: no key ${key}`);
          return value;
        },
        async exists(key: string) {
          return store?.has(key) ?? false;
        },
      };
    },
  };
  // The runtime's one module import becomes a variable of the context.
  const script = code.replace(/^\s*import\s+(\w+)\s+from\s+['"]cloudfront['"];?/m, 'var $1 = __cloudfront;');
  const context: Record<string, unknown> = { __cloudfront: cloudfront, console };
  runInNewContext(script, context, { filename: 'cloudfront-function.js' });
  const handler = context.handler as (event: FunctionEvent) => ViewerRequest | ViewerResponse | Promise<ViewerRequest | ViewerResponse>;
  if (typeof handler !== 'function') throw new Error('A CloudFront Function must define a function named handler');
  return async (event) => handler(event);
}
