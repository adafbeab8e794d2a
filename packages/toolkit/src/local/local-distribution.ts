import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { CloudFrontRequestEvent, CloudFrontRequestResult, CloudFrontResultResponse } from 'aws-lambda';
import { type CloudFrontFunction, type FunctionEvent, loadCloudFrontFunction, type ViewerRequest, type ViewerResponse } from './cloudfront-functions.js';
import { connectSourcesResourceType, type RuntimeConfig, withConnectSources } from './site-config.js';
import type { LocalApp, LocalResource } from './local-app.js';
import { isApiOrigin } from './site-config.js';

/** A Lambda@Edge function as the distribution runs it (the site's sign-in gate). */
export type EdgeFunction = (event: CloudFrontRequestEvent) => Promise<CloudFrontRequestResult>;

export interface LocalDistributionOptions {
  readonly app: LocalApp;
  /** Which distribution: the site's (the one with a default root object) unless given. */
  readonly distribution?: LocalResource;
  /** What the site's bucket holds: the built SPA (none behind a distribution of an API alone). */
  readonly siteFiles?: string;
  /** /config.json, as the deployment writes it into the bucket. */
  readonly config?: RuntimeConfig;
  readonly edgeFunction?: EdgeFunction;
  readonly log: (line: string) => void;
}

interface Behavior {
  readonly pathPattern: string;
  /** Where it sends requests, with the headers CloudFront adds to each (an API's key, say). */
  readonly origin: { readonly kind: 'bucket' | 'api'; readonly customHeaders: Readonly<Record<string, string>> };
  readonly functions: Partial<Record<'viewer-request' | 'viewer-response', CloudFrontFunction>>;
  readonly edgeEvents: readonly string[];
  readonly headers?: Record<string, any>;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer | string;
}

/**
 * A CloudFront distribution (the site's, or one in front of an API alone), served locally from
 * its own definition: the behaviors and their path patterns in order, the CloudFront Functions
 * from their deployed code (with the KeyValueStore's initial values), the Lambda@Edge sign-in
 * gate, the response headers policy, the bucket (frontend/dist and config.json; a missing key
 * is S3's 403) and the API origins (the local stack, with the origin path taken off and the
 * origin's custom headers added, as the API key CloudFront sends).
 */
export class LocalDistribution {
  private readonly behaviors: Behavior[];
  private readonly distribution: LocalResource;

  constructor(private readonly options: LocalDistributionOptions) {
    const { app } = options;
    const distribution = options.distribution ?? app.ofType('AWS::CloudFront::Distribution').find((candidate) => candidate.properties.DistributionConfig?.DefaultRootObject);
    if (!distribution) throw new Error('The app has no site distribution');
    this.distribution = distribution;
    const config = distribution.properties.DistributionConfig;
    const stores = new Map(
      app.ofType('AWS::CloudFront::KeyValueStore').map((store) => {
        const data = (store.initialData as { data?: { key: string; value: string }[] } | undefined)?.data ?? [];
        return [app.referenceTo(store, 'Id'), new Map(data.map(({ key, value }) => [key, value]))] as const;
      }),
    );
    type Origin = { Id: string; DomainName: string; OriginCustomHeaders?: { HeaderName: string; HeaderValue: string }[] };
    const origins = new Map<string, Behavior['origin']>(
      (config.Origins as Origin[]).map((origin) => [
        origin.Id,
        {
          kind: isApiOrigin(app, origin.DomainName) ? 'api' : 'bucket',
          customHeaders: Object.fromEntries((origin.OriginCustomHeaders ?? []).map(({ HeaderName, HeaderValue }) => [HeaderName.toLowerCase(), HeaderValue])),
        },
      ]),
    );
    // An origin group (origin failover) serves the same files locally: its first member's.
    for (const group of config.OriginGroups?.Items ?? []) origins.set(group.Id, origins.get(group.Members.Items[0].OriginId)!);
    const behavior = (settings: Record<string, any>, pathPattern: string): Behavior => ({
      pathPattern,
      origin: origins.get(settings.TargetOriginId) ?? { kind: 'bucket', customHeaders: {} },
      functions: Object.fromEntries(
        (settings.FunctionAssociations ?? []).map((association: { EventType: string; FunctionARN: string }) => {
          const code = app.find('AWS::CloudFront::Function', association.FunctionARN)?.properties.FunctionCode;
          return [association.EventType, loadCloudFrontFunction(code, stores)];
        }),
      ),
      edgeEvents: (settings.LambdaFunctionAssociations ?? []).map((association: { EventType: string }) => association.EventType),
      headers: deployedHeaders(app, settings.ResponseHeadersPolicyId),
    });
    this.behaviors = [
      ...(config.CacheBehaviors ?? []).map((settings: Record<string, any>) => behavior(settings, settings.PathPattern)),
      behavior(config.DefaultCacheBehavior, '*'),
    ];
  }

  async handle(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const started = performance.now();
    const url = new URL(request.url!, 'http://localhost');
    const behavior = this.behaviors.find((candidate) => matches(candidate.pathPattern, url.pathname))!;
    const event = this.viewerEvent(request, url);
    let answer: Answer & { generated?: boolean } = await this.answer(behavior, event, request, body);
    const viewerResponse = behavior.functions['viewer-response'];
    if (viewerResponse && !answer.generated) answer = toAnswer(await viewerResponse({ ...event, context: { ...event.context, eventType: 'viewer-response' }, response: toViewerResponse(answer) }) as ViewerResponse);
    const headers = { ...answer.headers, ...this.policyHeaders(behavior, answer.headers) };
    response.writeHead(answer.status, headers).end(request.method === 'HEAD' ? undefined : answer.body);
    this.options.log(`${request.method} ${url.pathname} ${answer.status} ${Math.round(performance.now() - started)} ms site`);
  }

  /**
   * Viewer request, then the origin. The sign-in gate runs where it is associated: at viewer
   * request (where no CloudFront Function may be), or at origin request, after the viewer
   * request's CloudFront Function. There is no cache here, so both come before the origin.
   */
  private async answer(behavior: Behavior, event: FunctionEvent, request: IncomingMessage, body: string): Promise<Answer & { generated?: boolean }> {
    const viewerRequest = behavior.functions['viewer-request'];
    let viewer = event.request;
    if (viewerRequest) {
      const result = await viewerRequest(event);
      if ('statusCode' in result) return { ...toAnswer(result), generated: true };
      viewer = result;
    }
    const edge = this.options.edgeFunction;
    const edgeEvent = behavior.edgeEvents[0];
    if (edge && edgeEvent) {
      const result = await edge(this.edgeEvent(edgeEvent, viewer, request, event.context.requestId));
      // CloudFront runs no viewer-response function on what a viewer-request function answers.
      if (result && 'status' in result) return { ...fromEdgeResponse(result as CloudFrontResultResponse), generated: edgeEvent === 'viewer-request' };
      if (result && 'uri' in result) viewer = { ...viewer, uri: result.uri };
    }
    return behavior.origin.kind === 'api' ? this.fromApi(viewer, request, body, behavior.origin.customHeaders) : this.fromBucket(viewer.uri);
  }

  private fromBucket(uri: string): Answer {
    const { siteFiles, config } = this.options;
    if (uri === '/config.json' && config) return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) };
    const key = uri === '/' ? `/${this.distribution.properties.DistributionConfig.DefaultRootObject}` : uri;
    const file = siteFiles && objectFile(siteFiles, key);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      // A private bucket without s3:ListBucket for CloudFront answers 403, not 404, for a missing key.
      return { status: 403, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>' };
    }
    return { status: 200, headers: { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }, body: readFileSync(file) };
  }

  private async fromApi(viewer: ViewerRequest, request: IncomingMessage, body: string, customHeaders: Readonly<Record<string, string>>): Promise<Answer> {
    // CloudFront puts the origin path (the API's stage) in front; the local APIs have no stage in their paths.
    const path = viewer.uri;
    const query = queryString(viewer);
    // Every viewer header but Host, then the origin's custom headers, which replace a viewer's of the same name (the API key).
    const viewerHeaders = Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'connection') as [string, string][];
    const headers = { ...Object.fromEntries(viewerHeaders), ...customHeaders };
    const upstream = await fetch(`${this.options.app.origin}${path}${query ? `?${query}` : ''}`, {
      method: request.method,
      headers,
      body: ['GET', 'HEAD'].includes(request.method!) ? undefined : body,
    });
    return { status: upstream.status, headers: Object.fromEntries(upstream.headers), body: Buffer.from(await upstream.arrayBuffer()) };
  }

  /** The response headers policy's headers; with `override`, they replace the origin's. */
  private policyHeaders(behavior: Behavior, existing: Answer['headers']): Record<string, string> {
    const policy = behavior.headers;
    if (!policy) return {};
    const added: Record<string, string> = {};
    const add = (name: string, value: string, override?: boolean) => {
      if (override || existing[name.toLowerCase()] === undefined) added[name.toLowerCase()] = value;
    };
    const security = policy.SecurityHeadersConfig ?? {};
    if (security.StrictTransportSecurity) {
      const { AccessControlMaxAgeSec, IncludeSubdomains, Preload, Override } = security.StrictTransportSecurity;
      add('strict-transport-security', [`max-age=${AccessControlMaxAgeSec}`, IncludeSubdomains && 'includeSubDomains', Preload && 'preload'].filter(Boolean).join('; '), Override);
    }
    if (security.ContentSecurityPolicy) add('content-security-policy', localPolicy(this.options.app, security.ContentSecurityPolicy.ContentSecurityPolicy), security.ContentSecurityPolicy.Override);
    if (security.FrameOptions) add('x-frame-options', security.FrameOptions.FrameOption, security.FrameOptions.Override);
    if (security.ContentTypeOptions) add('x-content-type-options', 'nosniff', security.ContentTypeOptions.Override);
    if (security.ReferrerPolicy) add('referrer-policy', security.ReferrerPolicy.ReferrerPolicy, security.ReferrerPolicy.Override);
    for (const item of policy.CustomHeadersConfig?.Items ?? []) add(item.Header, item.Value, item.Override);
    return added;
  }

  private viewerEvent(request: IncomingMessage, url: URL): FunctionEvent {
    const cookies: ViewerRequest['cookies'] = {};
    for (const pair of (request.headers.cookie ?? '').split(';')) {
      const at = pair.indexOf('=');
      if (at > 0) cookies[pair.slice(0, at).trim()] = { value: pair.slice(at + 1).trim() };
    }
    return {
      version: '1.0',
      context: { distributionDomainName: url.host, distributionId: 'LOCAL', eventType: 'viewer-request', requestId: randomUUID() },
      viewer: { ip: request.socket.remoteAddress ?? '127.0.0.1' },
      request: {
        method: request.method!,
        uri: url.pathname,
        querystring: Object.fromEntries([...url.searchParams].map(([name, value]) => [name, { value }])),
        headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'cookie').map(([name, value]) => [name, { value: String(value) }])),
        cookies,
      },
    };
  }

  /**
   * A Lambda@Edge request event of `eventType` (viewer or origin request). Deployed, the site is
   * HTTPS only; this one is plain HTTP, and says so in CloudFront-Forwarded-Proto, as CloudFront
   * tells an origin.
   */
  private edgeEvent(eventType: string, viewer: ViewerRequest, request: IncomingMessage, requestId: string): CloudFrontRequestEvent {
    const headers: Record<string, { key: string; value: string }[]> = {};
    for (let i = 0; i < request.rawHeaders.length; i += 2) (headers[request.rawHeaders[i]!.toLowerCase()] ??= []).push({ key: request.rawHeaders[i]!, value: request.rawHeaders[i + 1]! });
    headers['cloudfront-forwarded-proto'] = [{ key: 'CloudFront-Forwarded-Proto', value: 'http' }];
    const host = request.headers.host ?? 'localhost';
    const origin = { s3: { domainName: 'local-bucket', path: '', authMethod: 'origin-access-identity' as const, region: this.distribution.region, customHeaders: {} } };
    return {
      Records: [
        {
          cf: {
            config: { distributionDomainName: host, distributionId: 'LOCAL', eventType: eventType as 'viewer-request' | 'origin-request', requestId },
            request: {
              clientIp: request.socket.remoteAddress ?? '127.0.0.1',
              method: viewer.method,
              uri: viewer.uri,
              querystring: queryString(viewer),
              headers,
              // Only an origin-request event names the origin.
              ...(eventType === 'origin-request' && { origin }),
            },
          },
        },
      ],
    };
  }
}

/** The file of the bucket's object at `key`; undefined for a key outside the bucket, or one whose escapes do not decode (no such object). */
function objectFile(bucket: string, key: string): string | undefined {
  try {
    const file = normalize(join(bucket, decodeURIComponent(key)));
    return file.startsWith(bucket) ? file : undefined;
  } catch {
    return undefined;
  }
}

function queryString(request: ViewerRequest): string {
  return new URLSearchParams(Object.entries(request.querystring).map(([name, { value }]): [string, string] => [name, value])).toString();
}

/** CloudFront's path patterns: `*` any characters, `?` one; the leading slash optional. */
function matches(pattern: string, path: string): boolean {
  const expression = pattern.replace(/^\/?/, '/').replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${expression}$`).test(path);
}

/**
 * A response headers policy as it is once deployed: with the exact origins the content stack
 * writes into its connect-src (infra/constructs/connect-sources.ts), where it does.
 */
function deployedHeaders(app: LocalApp, policyId: unknown): Record<string, any> | undefined {
  const config = app.find('AWS::CloudFront::ResponseHeadersPolicy', policyId)?.properties.ResponseHeadersPolicyConfig;
  const csp = config?.SecurityHeadersConfig?.ContentSecurityPolicy;
  const written = app.ofType(connectSourcesResourceType).find((resource) => resource.properties.PolicyId === policyId);
  if (!csp || !written) return config;
  const policy = withConnectSources(csp.ContentSecurityPolicy, written.properties.ConnectSources);
  return { ...config, SecurityHeadersConfig: { ...config.SecurityHeadersConfig, ContentSecurityPolicy: { ...csp, ContentSecurityPolicy: policy } } };
}

/**
 * The deployed content security policy, with local addresses for the services the page talks
 * to. `upgrade-insecure-requests` is left out: the local site and APIs are plain HTTP.
 */
function localPolicy(app: LocalApp, policy: string): string {
  return app
    .forBrowser(policy)
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && directive !== 'upgrade-insecure-requests')
    .join('; ');
}

function toViewerResponse(answer: Answer): ViewerResponse {
  const cookies: ViewerResponse['cookies'] = {};
  for (const cookie of [answer.headers['set-cookie'] ?? []].flat()) {
    const [pair = '', ...attributes] = cookie.split(';');
    const at = pair.indexOf('=');
    cookies[pair.slice(0, at).trim()] = { value: pair.slice(at + 1), attributes: attributes.join(';').trim() };
  }
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name !== 'set-cookie').map(([name, value]) => [name, { value: String(value) }]));
  return { statusCode: answer.status, headers, cookies, body: answer.body.toString() };
}

function toAnswer(response: ViewerResponse): Answer {
  const headers: Answer['headers'] = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, { value }]) => [name, value]));
  const cookies = Object.entries(response.cookies ?? {}).map(([name, { value, attributes }]) => `${name}=${value}${attributes ? `; ${attributes}` : ''}`);
  if (cookies.length) headers['set-cookie'] = cookies;
  const body = typeof response.body === 'object' ? Buffer.from(response.body.data, response.body.encoding === 'base64' ? 'base64' : 'utf8') : (response.body ?? '');
  return { status: response.statusCode, headers, body };
}

function fromEdgeResponse(response: CloudFrontResultResponse): Answer {
  const headers: Answer['headers'] = {};
  for (const [name, values] of Object.entries(response.headers ?? {})) headers[name] = name === 'set-cookie' ? values.map((v) => v.value) : values[0]!.value;
  return { status: Number(response.status), headers, body: response.body ?? '' };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};
