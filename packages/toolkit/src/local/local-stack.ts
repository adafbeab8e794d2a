import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadAppDescription } from './app-cache.js';
import { Authorizers } from './authorizers.js';
import { type FunctionDefinition, LocalFunctions } from './functions.js';
import { type AwsService, Gateway } from './gateway.js';
import { IssuerEndpoints } from './issuer-endpoints.js';
import { apiDistributionsOf, LocalApp, type LocalResource } from './local-app.js';
import { apiGatewayLimits, listen } from './local-server.js';
import { devUser, LocalIssuer, trustedIssuerOf } from './local-issuer.js';
import { localUserPoolId } from './local-names.js';
import { LocalQueues } from './local-queues.js';
import { LocalSecrets, localSecretsFile } from './local-secrets.js';
import { LocalStreams } from './local-streams.js';
import { startTables } from './local-tables.js';
import { collectionUrls, RestApis } from './rest-api.js';
import { invokedFunctions } from './invoked-functions.js';
import { notEmulated } from './not-emulated.js';

export interface LocalStackOptions {
  /** The project folder. */
  readonly root: string;
  /** Where the APIs listen; 0 picks a free port. */
  readonly port: number;
  /** Where the site is served from (Vite's dev server, or `npm run preview`): the origin the APIs allow with CORS. */
  readonly siteOrigin?: string;
  /** Keep DynamoDB's data in this folder between runs. */
  readonly persist?: string;
  /** One line per request, and what the functions log. */
  readonly log?: (line: string) => void;
}

/** What `.dev/endpoints.json` holds: each service's collection URL, in the shape of the SPA's config.json. */
export interface Endpoints {
  readonly apis: Record<string, string>;
  readonly site?: string;
  /** Where to sign in locally, when the app has a user pool or a Lambda authorizer that verifies JWTs. */
  readonly auth?: { readonly issuer: string; readonly user: string; readonly password: string; readonly tokenEndpoint: string };
}

export interface LocalStack {
  readonly app: LocalApp;
  readonly functions: LocalFunctions;
  readonly endpoints: Endpoints;
  /** Each service's API root (where `GET /health` is), as a custom domain or the stage URL would give it. */
  readonly apiRoots: Readonly<Record<string, string>>;
  /** The API key each service's API requires, where it requires one: what its CloudFront distribution sends. */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** Each API's own distribution (`site.apiAccess: 'cloudfront'`), listening on a port of its own; the site serves it. */
  readonly apiDistributions: readonly { readonly distribution: LocalResource; readonly server: Awaited<ReturnType<typeof listen>> }[];
  /** What runs, as label and value rows for the start-up table. */
  readonly summary: (readonly [string, string])[];
  close(): Promise<void>;
}

/**
 * The whole app on local ports, without AWS: every REST API as API Gateway routes,
 * authorizes and validates it, the functions run from their source, DynamoDB, the SQS
 * queues and Kinesis streams with their consumers, and a local issuer standing in for each
 * identity provider. What it finds in the app and cannot run, it names (`notEmulated`).
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const description = await loadAppDescription(options.root);
  const log = options.log ?? (() => {});
  const api = await listen(options.port, apiGatewayLimits);
  // The ports after the APIs' (with --port; else free ones), in order.
  let nextPort = options.port;
  const port = () => (options.port ? ++nextPort : 0);
  // Each identity provider gets a port of its own, as each user pool has a domain of its own.
  const trusted = trustedIssuerOf(description);
  const tenantIds = [...description.resources.filter((resource) => resource.type === 'AWS::Cognito::UserPool').map(localUserPoolId), ...(trusted ? ['jwt'] : [])];
  const issuerServers = await Promise.all(tenantIds.map(() => listen(port())));
  const issuers = Object.fromEntries(tenantIds.map((id, index) => [id, issuerServers[index]!.origin]));
  // So does each distribution in front of an API alone, as each has a domain of its own.
  const distributionPaths = apiDistributionsOf(description).map((distribution) => distribution.path);
  const distributionServers = await Promise.all(distributionPaths.map(() => listen(port())));
  const apiDistributions = Object.fromEntries(distributionPaths.map((path, index) => [path, distributionServers[index]!.origin]));
  const app = new LocalApp(description, { api: api.origin, site: options.siteOrigin ?? 'http://localhost:5173', issuers, apiDistributions });

  const tables = await startTables(app, options.persist);
  const issuer = new LocalIssuer(app, options.root, trusted);
  const secrets = new LocalSecrets(app, options.root);
  const functions = new LocalFunctions({
    root: options.root,
    environment: {
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
      // A consumer sends records it cannot process to its dead-letter queue itself.
      AWS_ENDPOINT_URL_SQS: api.origin,
      // The secrets a function declares, from secrets.local.json instead of SSM Parameter Store.
      AWS_ENDPOINT_URL_SSM: api.origin,
      // Powertools: EMF metrics would only add noise to the local log (the tracer is not
      // even loaded outside Lambda: there is no X-Ray daemon here).
      POWERTOOLS_METRICS_DISABLED: 'true',
      // Deployed, the functions run on nodejs24.x, where the SDK has nothing to warn about.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    redirects: issuer.redirects(),
    log: (name, line) => log(`  ${name} │ ${line}`),
  });
  const definitions = functionsOf(app, options.root);
  const preparing = performance.now();
  const prepared = functions.prepare(definitions);
  const queues = new LocalQueues(app, functions);
  const streams = new LocalStreams(app, functions, queues);
  // What API Gateway's AWS integrations call (a direct integration, no function in between).
  const services: Record<string, AwsService> = {
    sqs: (path, payload) => queues.sendMessage(path.split('/').at(-1)!, new URLSearchParams(payload)),
    kinesis: (_action, payload) => streams.putRecord(JSON.parse(payload)),
  };
  // The same services as the AWS SDK calls them (JSON, the operation named by X-Amz-Target).
  const sdkOperations: Record<string, (request: any) => { status: number; body: unknown }> = {
    'AmazonSQS.SendMessage': (request) => queues.sendMessageJson(request),
    'Kinesis_20131202.PutRecord': (request) => streams.putRecord(request),
    ...secrets.operations,
  };
  const apis = new RestApis(app);
  const gateway = new Gateway(app, apis, functions, services, new Authorizers(app, functions, issuer));
  // What a first request would wait for is done in the background, once the stack answers: the bundles, one environment of each function, the request models.
  void prepared
    .then(() => {
      gateway.prepare();
      log(`${definitions.length} functions bundled and started (one environment each), request models compiled: ${((performance.now() - preparing) / 1000).toFixed(1)} s`);
    })
    // A model that does not compile fails its own requests, which say why.
    .catch(() => {});
  queues.start();
  streams.start();

  api.serve(async (request, response, body) => {
    const started = performance.now();
    const url = new URL(request.url!, api.origin);
    if (url.pathname === '/__dev/queues' && queues.queues.length > 0) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(queues.state()));
      return;
    }
    if (url.pathname === '/__dev/streams' && streams.streams.length > 0) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(streams.state()));
      return;
    }
    const operation = request.headers['x-amz-target'];
    if (typeof operation === 'string') {
      const answer = sdkAnswer(sdkOperations[operation], operation, body);
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(answer.body));
      log(`${operation} ${answer.status} ${Math.round(performance.now() - started)} ms`);
      return;
    }
    const reply = await gateway.handle({
      method: request.method!,
      path: url.pathname,
      query: url.searchParams,
      rawHeaders: request.rawHeaders,
      body,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      host: request.headers.host ?? url.host,
      requestId: randomUUID(),
      receivedAt: new Date(),
    });
    response.writeHead(reply.status, reply.headers).end(reply.body);
    log(`${request.method} ${url.pathname}${url.search} ${reply.status} ${Math.round(performance.now() - started)} ms ${reply.target}`);
  });
  issuer.tenants.forEach((tenant, index) => {
    const endpoints = new IssuerEndpoints(issuer, tenant, app.siteOrigin);
    issuerServers[index]!.serve((request, response, body) => endpoints.handle(request, response, body));
  });
  const signIn = issuer.tenants[0];

  const apiRoot = (restApi: string) => `${api.origin}${apis.apis.find((candidate) => candidate.resource.path === restApi)!.mount}`;
  const endpoints: Endpoints = {
    apis: collectionUrls(app, apis),
    ...(signIn && { auth: { issuer: signIn.issuer, user: devUser.username, password: devUser.password, tokenEndpoint: `${issuer.base(signIn)}/oauth2/token` } }),
  };
  const apiKeys = Object.fromEntries(
    app.services.flatMap(({ service, restApi }) => {
      const [key] = gateway.apiKeys.of(apis.apis.find((candidate) => candidate.resource.path === restApi)!.id);
      return key ? [[service, key]] : [];
    }),
  );
  const where = options.persist ? `kept in ${options.persist}` : 'in memory';
  return {
    app,
    functions,
    endpoints,
    apiRoots: Object.fromEntries(app.services.map(({ service, restApi }) => [service, apiRoot(restApi)])),
    apiKeys,
    apiDistributions: distributionPaths.map((path, index) => ({ distribution: app.resources.find((resource) => resource.path === path)!, server: distributionServers[index]! })),
    summary: [
      ...Object.entries(endpoints.apis).map(([service, url]) => [`API ${service}`, url] as const),
      ...Object.entries(apiKeys).map(([service, key]) => [`API key ${service}`, `x-api-key: ${key}, which CloudFront adds (${endpoints.apis[service]} answers 403 without it)`] as const),
      ...apis.routes().map((method) => ['Route', `${method.httpMethod} ${method.api.mount}${method.resourcePath}`] as const),
      ...tables.names.map((table) => ['DynamoDB table', `${table} (${where})`] as const),
      ...streams.streams.map((stream) => ['Kinesis stream', `${stream.name} (in memory, ${stream.shards.length} shards; ${api.origin}/__dev/streams)`] as const),
      ...queues.queues.map((queue) => ['SQS queue', `${queue.name} (in memory; ${api.origin}/__dev/queues)`] as const),
      ...(signIn
        ? ([
            ['Sign-in', `${issuer.base(signIn)}, standing in for ${signIn.issuer}`],
            ['Dev user', `${devUser.username} / ${devUser.password} (a bearer token: serverless-pattern token)`],
          ] as const)
        : []),
      ...(secrets.names.length > 0 ? [['Secrets', `${secrets.names.join(', ')} (from ${localSecretsFile}; SSM GetParameter on ${api.origin})`] as const] : []),
      ...secrets.missing.map((name) => ['Secret missing', `${name}: add it to ${localSecretsFile} ({ "${name}": "value" }); a function reading it fails until then`] as const),
      ...notEmulated(app, functions.names).map((line) => ['Not emulated', line] as const),
    ],
    async close() {
      streams.stop();
      queues.stop();
      await Promise.all([api.close(), ...issuerServers.map((server) => server.close()), ...distributionServers.map((server) => server.close()), functions.close(), tables.close()]);
    },
  };
}

/** An AWS SDK call (JSON protocol) answered as the service would: an unknown operation or a body that is not JSON is a 400. */
function sdkAnswer(call: ((request: any) => { status: number; body: unknown }) | undefined, operation: string, body: string) {
  if (!call) return { status: 400, body: { __type: 'UnknownOperationException', message: `Not emulated locally: ${operation}` } };
  let request: unknown;
  try {
    request = JSON.parse(body || '{}');
  } catch {
    return { status: 400, body: { __type: 'SerializationException', message: 'The request body is not JSON' } };
  }
  return call(request);
}

/**
 * The Node.js functions the app defines, with their deployed settings: every NodejsFunction
 * from its entry (bundled here, rebuilt when its source changes); any other that a route, an
 * authorizer or an event source invokes, from the folder its code is in (an asset folder, or
 * what its local bundling wrote), run as it is.
 */
function functionsOf(app: LocalApp, root: string): FunctionDefinition[] {
  const invoked = new Set(invokedFunctions(app));
  return app.ofType('AWS::Lambda::Function').flatMap((fn) => {
    const code = (fn.code?.kind === 'entry' || invoked.has(fn)) && runnableCode(fn, root);
    if (!code) return [];
    const { Environment, Timeout, MemorySize, ReservedConcurrentExecutions } = fn.properties;
    return [
      {
        name: app.referenceTo(fn),
        ...code,
        environment: { AWS_REGION: fn.region, AWS_DEFAULT_REGION: fn.region, ...Environment?.Variables },
        timeoutSeconds: Number(Timeout ?? 3),
        memorySize: Number(MemorySize ?? 128),
        reservedConcurrency: ReservedConcurrentExecutions === undefined ? undefined : Number(ReservedConcurrentExecutions),
      },
    ];
  });
}

/** Where a function's handler is (`Handler` is `<file>.<export>`), if it is Node.js code the toolkit can find. */
function runnableCode(fn: LocalResource, root: string): Pick<FunctionDefinition, 'entry' | 'bundle' | 'handler'> | undefined {
  const handlerSetting = String(fn.properties.Handler ?? 'index.handler');
  const handler = handlerSetting.slice(handlerSetting.lastIndexOf('.') + 1);
  if (fn.code?.kind === 'entry') return { entry: fn.code.entry, handler };
  if (fn.code?.kind !== 'folder' || !String(fn.properties.Runtime ?? '').startsWith('nodejs')) return undefined;
  const file = join(root, fn.code.folder, handlerSetting.slice(0, handlerSetting.lastIndexOf('.')));
  const bundle = ['.js', '.mjs', '.cjs'].map((extension) => `${file}${extension}`).find(existsSync);
  return bundle ? { entry: bundle, bundle, handler } : undefined;
}
