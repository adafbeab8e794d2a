import type { LocalApp, LocalResource } from './local-app.js';
import { localName } from './local-names.js';

/** One method of a REST API: the resource it is on, and its definition (authorizer, validation, integration). */
export interface RestMethod {
  readonly api: RestApi;
  /** The resource path as API Gateway names it, e.g. `/items/{id}`. */
  readonly resourcePath: string;
  readonly resourceId: string;
  readonly httpMethod: string;
  readonly definition: LocalResource['properties'];
}

export interface RestApi {
  readonly id: string;
  readonly name: string;
  readonly stage: string;
  /** Where the API is reached locally: `''`, or the base path a custom domain maps it to. */
  readonly mount: string;
  readonly resource: LocalResource;
}

export interface RouteMatch {
  readonly method: RestMethod;
  readonly pathParameters: Record<string, string>;
}

interface Node {
  readonly path: string;
  readonly id: string;
  readonly children: Map<string, Node>;
  readonly methods: Map<string, RestMethod>;
}

/**
 * Every REST API of the app as API Gateway routes it: its resource tree, the methods on each
 * resource, and where it is mounted. Built from the app's resources, so a route added in CDK
 * is routed too.
 */
export class RestApis {
  readonly apis: readonly RestApi[];
  private readonly roots = new Map<RestApi, Node>();

  constructor(private readonly app: LocalApp) {
    this.apis = app.ofType('AWS::ApiGateway::RestApi').map((resource) => {
      const id = localName(resource.path);
      const ofThisApi = (type: string) => app.ofType(type).filter((candidate) => candidate.properties.RestApiId === id);
      const stage = ofThisApi('AWS::ApiGateway::Stage')[0]?.properties.StageName ?? 'prod';
      return { id, name: resource.properties.Name ?? id, stage, mount: mountOf(app, id), resource };
    });
    for (const api of this.apis) this.roots.set(api, this.tree(api));
  }

  /** The method a request reaches, or undefined when API Gateway would answer 403 Missing Authentication Token. */
  match(httpMethod: string, path: string): RouteMatch | undefined {
    for (const api of this.apis) {
      if (api.mount && path !== api.mount && !path.startsWith(`${api.mount}/`)) continue;
      const segments = path.slice(api.mount.length).split('/').filter(Boolean).map(decodeURIComponent);
      const found = find(this.roots.get(api)!, segments, {});
      const method = found && (found.node.methods.get(httpMethod) ?? found.node.methods.get('ANY'));
      if (found && method) return { method, pathParameters: found.parameters };
    }
    return undefined;
  }

  /** Every route, for the start-up table. */
  routes(): RestMethod[] {
    const all: RestMethod[] = [];
    const walk = (node: Node) => {
      all.push(...node.methods.values());
      for (const child of node.children.values()) walk(child);
    };
    for (const root of this.roots.values()) walk(root);
    return all;
  }

  private tree(api: RestApi): Node {
    const root: Node = { path: '/', id: api.id, children: new Map(), methods: new Map() };
    const byId = new Map<string, Node>([[api.id, root]]);
    const resources = this.app.ofType('AWS::ApiGateway::Resource').filter((resource) => resource.properties.RestApiId === api.id);
    // Parents come before children in the construct tree, so one pass in that order builds the tree.
    for (const resource of resources) {
      const parent = byId.get(resource.properties.ParentId);
      if (!parent) continue;
      const part: string = resource.properties.PathPart;
      const node: Node = { path: `${parent.path === '/' ? '' : parent.path}/${part}`, id: localName(resource.path), children: new Map(), methods: new Map() };
      parent.children.set(part, node);
      byId.set(node.id, node);
    }
    for (const method of this.app.ofType('AWS::ApiGateway::Method')) {
      const node = method.properties.RestApiId === api.id && byId.get(method.properties.ResourceId);
      if (!node) continue;
      const httpMethod: string = method.properties.HttpMethod;
      node.methods.set(httpMethod, { api, resourcePath: node.path, resourceId: node.id, httpMethod, definition: method.properties });
    }
    return root;
  }
}

/** Each service's collection URL on the local stack (its API's root, then the collection's path): what .dev/endpoints.json lists. */
export function collectionUrls(app: LocalApp, apis: RestApis): Record<string, string> {
  return Object.fromEntries(
    app.services.map(({ service, restApi, collectionPath }) => {
      const { mount } = apis.apis.find((candidate) => candidate.resource.path === restApi)!;
      return [service, `${app.origin}${mount}${collectionPath}`.replace(/\/$/, '')];
    }),
  );
}

/** A custom domain's base path (`/orders`), or, for a domain of its own per API, the domain's first label. */
function mountOf(app: LocalApp, apiId: string): string {
  const mapping = app.ofType('AWS::ApiGateway::BasePathMapping').find((candidate) => candidate.properties.RestApiId === apiId);
  if (!mapping) return '';
  const domain = app.find('AWS::ApiGateway::DomainName', mapping.properties.DomainName)?.properties.DomainName;
  const basePath = mapping.properties.BasePath ?? String(domain).split('.')[0];
  return `/${basePath}`;
}

/** API Gateway's matching: a literal path part beats `{param}`, which beats a greedy `{proxy+}`. */
function find(node: Node, segments: string[], parameters: Record<string, string>): { node: Node; parameters: Record<string, string> } | undefined {
  if (segments.length === 0) return { node, parameters };
  const [segment, ...rest] = segments as [string, ...string[]];
  const literal = node.children.get(segment);
  const literalMatch = literal && find(literal, rest, parameters);
  if (literalMatch) return literalMatch;
  for (const [part, child] of node.children) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    const matched = name && find(child, rest, { ...parameters, [name]: segment });
    if (matched) return matched;
  }
  for (const [part, child] of node.children) {
    const name = /^\{(\w+)\+\}$/.exec(part)?.[1];
    if (name) return { node: child, parameters: { ...parameters, [name]: segments.join('/') } };
  }
  return undefined;
}
