import { readFileSync } from 'node:fs';
import {
  App,
  AssetStaging,
  CfnResource,
  DefaultTokenResolver,
  type IFragmentConcatenator,
  type IPostProcessor,
  type IResolvable,
  type IResolveContext,
  Reference,
  Stack,
  Tokenization,
} from 'aws-cdk-lib';
import { KeyValueStore } from 'aws-cdk-lib/aws-cloudfront';
import { ServiceFunction } from '../infra/constructs/service-function.js';
import { defineApp } from '../infra/define-app.js';
import { ServiceStack } from '../infra/stacks/service-stack.js';

/** One CloudFormation resource of the app, as its template would list it, named by its construct path. */
export interface AppResource {
  readonly path: string;
  readonly type: string;
  readonly region: string;
  /** The resource's properties; a reference to another resource reads `«ref:<path>#<attribute>»`. */
  readonly properties: Record<string, unknown>;
  /** For a function built by `ServiceFunction`: its TypeScript source, relative to the project root. */
  readonly entry?: string;
  /** For a CloudFront KeyValueStore: the keys and values it is created with. */
  readonly initialData?: unknown;
}

/** Where a service's collection lives: the REST API it belongs to and the path of its collection resource. */
export interface AppService {
  readonly service: string;
  readonly restApi: string;
  readonly collectionPath: string;
}

export interface AppDescription {
  readonly resources: readonly AppResource[];
  readonly services: readonly AppService[];
  /** What the site's /config.json holds when deployed (references as markers); absent without a site. */
  readonly siteConfig?: unknown;
}

/**
 * Builds the CDK app exactly as `cdk synth` does (infra/define-app.ts) and lists every
 * resource it would deploy, without synthesizing: no bundling, no asset staging, no cdk-nag
 * run, so it takes a second, not ten. The local stack serves what this finds, so a route, a
 * table or a queue added in CDK is served too, with no second list to keep.
 */
export function describeApp(): AppDescription {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const built = defineApp(app);
  // With a site, the app also has the stack that writes its config.json.
  const site = built as { content?: Stack; runtimeConfig?: unknown };
  const resolver = new ReferenceMarker();
  const resources = app.node
    .findAll()
    .filter(CfnResource.isCfnResource)
    .map((resource): AppResource => {
      // The same rendering `cdk synth` writes into the template, with references left readable.
      const rendered = Tokenization.resolve((resource as unknown as Renderable)._toCloudFormation(), { scope: resource, resolver, preparing: false });
      const [body] = Object.values(rendered.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>);
      return {
        path: resource.node.path,
        type: body!.Type,
        region: Stack.of(resource).region,
        properties: body!.Properties ?? {},
        entry: entryOf(resource),
        initialData: initialDataOf(resource),
      };
    });
  return {
    resources,
    siteConfig: site.content ? Tokenization.resolve(site.runtimeConfig, { scope: site.content, resolver, preparing: false }) : undefined,
    services: built.services.map((stack) => ({
      service: stack.service,
      restApi: stack.api.restApi.node.defaultChild!.node.path,
      collectionPath: stack.collection.path,
    })),
  };
}

interface Renderable {
  _toCloudFormation(): object;
}

function entryOf(resource: CfnResource): string | undefined {
  const owner = resource.node.scopes.findLast((scope) => scope instanceof ServiceFunction);
  return owner instanceof ServiceFunction && owner.function.node.defaultChild === resource ? owner.entry : undefined;
}

/** A KeyValueStore's import data, read from the file CDK wrote it to. */
function initialDataOf(resource: CfnResource): unknown {
  const store = resource.node.scope;
  if (!(store instanceof KeyValueStore)) return undefined;
  const staging = store.node.findAll().find((child) => child instanceof AssetStaging);
  return staging instanceof AssetStaging ? (JSON.parse(readFileSync(staging.sourcePath, 'utf8')) as unknown) : undefined;
}

/** Joins string fragments, keeping anything else as CloudFormation would (`Fn::Join`). */
const fragments: IFragmentConcatenator = {
  join: (left, right) => (typeof left === 'string' && typeof right === 'string' ? left + right : { 'Fn::Join': ['', [left, right]] }),
};

/**
 * Renders a reference to another resource as `«ref:<construct path>#<attribute>»` instead of
 * `{ Ref: <logical id> }`: logical ids repeat across stacks (every service stack has its
 * `Table`), construct paths never do, and a marker survives being joined into a string.
 */
class ReferenceMarker extends DefaultTokenResolver {
  constructor() {
    super(fragments);
  }

  override resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor) {
    if (token instanceof Reference) return `«ref:${token.target.node.path}#${token.displayName}»`;
    return super.resolveToken(token, context, postProcessor);
  }
}
