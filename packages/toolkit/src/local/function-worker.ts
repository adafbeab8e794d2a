import { createRequire, syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * One execution environment of a function, in a worker thread of the local stack: its own
 * module state and environment variables, one invocation at a time, as in Lambda.
 */
export interface WorkerSettings {
  readonly bundle: string;
  readonly handler: string;
  readonly functionName: string;
  readonly memorySize: number;
  /** HTTPS addresses answered locally instead (an identity provider's signing keys): prefix → local URL. */
  readonly redirects: Readonly<Record<string, string>>;
}

export interface Invocation {
  readonly id: number;
  readonly event: unknown;
  readonly requestId: string;
  readonly deadline: number;
}

const settings = workerData as WorkerSettings;
redirectHttps(settings.redirects);

try {
  const module = (await import(pathToFileURL(settings.bundle).href)) as Record<string, unknown> & { default?: Record<string, unknown> };
  // A CommonJS bundle's exports arrive as the default export.
  const handler = module[settings.handler] ?? module.default?.[settings.handler];
  if (typeof handler !== 'function') throw new Error(`${settings.bundle} exports no function named ${settings.handler}`);
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', async ({ id, event, requestId, deadline }: Invocation) => {
    try {
      const result: unknown = await handler(event, lambdaContext(requestId, deadline));
      parentPort!.postMessage({ id, result });
    } catch (error) {
      parentPort!.postMessage({ id, error: describe(error) });
    }
  });
} catch (error) {
  parentPort!.postMessage({ failed: describe(error) });
}

function lambdaContext(awsRequestId: string, deadline: number) {
  const { functionName, memorySize } = settings;
  return {
    awsRequestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

function describe(error: unknown) {
  return error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, stack: error.stack }
    : { errorType: 'Error', errorMessage: String(error) };
}

/**
 * Sends HTTPS requests for the given addresses to the local stack instead: how a function
 * that fetches a user pool's signing keys (aws-jwt-verify) reaches the local issuer, with no
 * change to its code, as the AWS SDK reaches local services through AWS_ENDPOINT_URL_*.
 */
function redirectHttps(redirects: Readonly<Record<string, string>>) {
  const prefixes = Object.entries(redirects);
  if (prefixes.length === 0) return;
  const require = createRequire(import.meta.url);
  const https = require('node:https') as typeof import('node:https');
  const http = require('node:http') as typeof import('node:http');
  const original = https.request;
  const local = (target: unknown) => {
    const href = typeof target === 'string' ? target : target instanceof URL ? target.href : undefined;
    const prefix = href && prefixes.find(([from]) => href.startsWith(from));
    return prefix ? prefix[1] + href.slice(prefix[0].length) : undefined;
  };
  https.request = ((target: unknown, ...rest: unknown[]) => {
    const url = local(target);
    return url ? (http.request as (...args: unknown[]) => unknown)(url, ...rest) : (original as (...args: unknown[]) => unknown)(target, ...rest);
  }) as typeof https.request;
  https.get = ((...args: Parameters<typeof https.get>) => {
    const request = https.request(...(args as Parameters<typeof https.request>));
    request.end();
    return request;
  }) as typeof https.get;
  // ES module imports of node:https see the replaced functions too.
  syncBuiltinESMExports();
}
