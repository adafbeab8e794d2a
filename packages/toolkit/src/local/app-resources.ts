import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { CfnResource, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { type CdkLib, loadCdkApp, regionVariables } from './load-app.js';
import { localName } from './local-names.js';
import { metadataKeys } from './metadata.js';
import { type DeclaredSecrets, declaredSecrets, secretsMetadataKey } from '../secrets/declared.js';

/** One CloudFormation resource of the app, as its template would list it, named by its construct path. */
export interface AppResource {
  readonly path: string;
  readonly type: string;
  readonly region: string;
  /** The resource's properties; a reference to another resource reads `«ref:<path>#<attribute>»`. */
  readonly properties: Record<string, unknown>;
  /** For a function: where its code comes from (see FunctionCode). */
  readonly code?: FunctionCode;
  /** For a CloudFront KeyValueStore: the keys and values it is created with. */
  readonly initialData?: unknown;
  /** For a function: the SSM parameters it declares it reads its secrets from (serverless-pattern:secrets). */
  readonly secrets?: DeclaredSecrets;
}

/**
 * Where a function's code is, for running it locally: a NodejsFunction's entry (bundled by
 * the toolkit, rebuilt on every change), or a folder: an asset folder as it is, or what the
 * function's own local bundling writes (run when the app is described, as `cdk synth` would).
 */
export type FunctionCode = { readonly kind: 'entry'; readonly entry: string } | { readonly kind: 'folder'; readonly folder: string };

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
 * Builds the project's CDK app as `cdk synth` would (see loadCdkApp) and lists every resource
 * it would deploy, without synthesizing: no bundling, no asset staging, no cdk-nag run, so it
 * takes a second, not ten. The local stack serves what this finds, so a route, a table or a
 * queue added in CDK is served too, with no second list to keep.
 */
export async function describeApp(root: string, context: Record<string, unknown> = {}): Promise<AppDescription> {
  const { app, cdk } = await loadCdkApp(root, context);
  const resolver = referenceMarker(cdk);
  const resolve = (value: unknown, scope: IConstruct) => cdk.Tokenization.resolve(value, { scope, resolver, preparing: false });
  const resources = app.node
    .findAll()
    .filter(cdk.CfnResource.isCfnResource)
    .map((resource): AppResource => {
      // The same rendering `cdk synth` writes into the template, with references left readable.
      const rendered = resolve((resource as unknown as Renderable)._toCloudFormation(), resource);
      const [body] = Object.values(rendered.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>);
      return {
        path: resource.node.path,
        type: body!.Type,
        region: regionOf(cdk, resource),
        properties: body!.Properties ?? {},
        code: body!.Type === 'AWS::Lambda::Function' ? codeOf(cdk, resource, root) : undefined,
        initialData: initialDataOf(cdk, resource),
        secrets: secretsOf(resource),
      };
    });
  const metadata = (type: string) => app.node.metadata.find((entry) => entry.type === type)?.data;
  const services = (metadata(metadataKeys.services) as AppService[] | undefined) ?? restApisAsServices(cdk, app);
  const siteConfig = metadata(metadataKeys.siteConfig);
  return { resources, services, siteConfig: siteConfig === undefined ? undefined : resolve(siteConfig, app) };
}

/**
 * The stack's region; for a stack with no `env` (environment-agnostic, a token until deploy
 * time), the region `cdk deploy` would pick from the environment, or us-east-1.
 */
function regionOf(cdk: CdkLib, resource: IConstruct): string {
  const { region } = cdk.Stack.of(resource);
  if (!cdk.Token.isUnresolved(region)) return region;
  return regionVariables.map((name) => process.env[name]).find(Boolean) ?? 'us-east-1';
}

interface Renderable {
  _toCloudFormation(): object;
}

/** Without the app saying which API serves what: each REST API, named by its construct id, its root as the collection. */
function restApisAsServices(cdk: CdkLib, app: IConstruct): AppService[] {
  return app.node
    .findAll()
    .filter((construct: IConstruct): construct is CfnResource => cdk.CfnResource.isCfnResource(construct) && construct.cfnResourceType === 'AWS::ApiGateway::RestApi')
    .map((restApi: CfnResource) => ({ service: restApi.node.scope!.node.id.toLowerCase(), restApi: restApi.node.path, collectionPath: '/' }));
}

/**
 * A function's code: the entry its metadata names (serverless-pattern:entry), else found
 * through its asset: a NodejsFunction keeps its entry and bundling options in the bundler it
 * hands to the asset (`Bundling`, whose props are not public API; the toolkit's test of a
 * hand-written app covers the aws-cdk-lib versions it supports).
 */
function codeOf(cdk: CdkLib, resource: CfnResource, root: string): FunctionCode | undefined {
  const declared = resource.node.metadata.find((candidate) => candidate.type === metadataKeys.entry)?.data;
  if (typeof declared === 'string') return { kind: 'entry', entry: relativeTo(root, declared) };
  const fn = resource.node.scope;
  if (!fn) return undefined;
  const staging = fn.node.findAll().find((child): child is InstanceType<CdkLib['AssetStaging']> => child instanceof cdk.AssetStaging);
  if (!staging) return undefined;
  const bundling = (staging as unknown as { fingerprintOptions?: { bundling?: BundlingLike } }).fingerprintOptions?.bundling;
  if (bundling?.props?.entry) return { kind: 'entry', entry: relativeTo(root, bundling.props.entry) };
  if (bundling?.local) {
    const folder = join(root, '.dev', 'bundles', localName(fn.node.path));
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    if (!bundling.local.tryBundle(folder, bundling)) return undefined;
    // Lambda runs a .js file as CommonJS unless a package.json beside it says otherwise; the
    // project's own package.json ("type": "module") must not decide that here.
    if (!existsSync(join(folder, 'package.json'))) writeFileSync(join(folder, 'package.json'), '{}\n');
    return { kind: 'folder', folder: relativeTo(root, folder) };
  }
  if (!bundling) return { kind: 'folder', folder: relativeTo(root, staging.sourcePath) };
  return undefined;
}

interface BundlingLike {
  readonly props?: { readonly entry?: string };
  readonly local?: { tryBundle(outputDir: string, options: unknown): boolean };
}

function relativeTo(root: string, path: string): string {
  return isAbsolute(path) ? relative(root, path) : path;
}

/** What the function's metadata says it reads (on its CfnFunction, where `cdk synth` also finds it). */
function secretsOf(resource: CfnResource): DeclaredSecrets | undefined {
  const entry = resource.node.metadata.find((candidate) => candidate.type === secretsMetadataKey);
  return entry && declaredSecrets(entry.data, resource.node.path);
}

/** A KeyValueStore's import data, read from the file CDK wrote it to. */
function initialDataOf(cdk: CdkLib, resource: CfnResource): unknown {
  const store = resource.node.scope;
  if (!(store instanceof cdk.aws_cloudfront.KeyValueStore)) return undefined;
  const staging = store.node.findAll().find((child) => child instanceof cdk.AssetStaging);
  return staging instanceof cdk.AssetStaging ? (JSON.parse(readFileSync(staging.sourcePath, 'utf8')) as unknown) : undefined;
}

/**
 * Renders a reference to another resource as `«ref:<construct path>#<attribute>»` instead of
 * `{ Ref: <logical id> }`: logical ids repeat across stacks (every service stack has its
 * `Table`), construct paths never do, and a marker survives being joined into a string.
 */
function referenceMarker(cdk: CdkLib) {
  /** Joins string fragments, keeping anything else as CloudFormation would (`Fn::Join`). */
  const fragments: IFragmentConcatenator = {
    join: (left, right) => (typeof left === 'string' && typeof right === 'string' ? left + right : { 'Fn::Join': ['', [left, right]] }),
  };
  return new (class extends cdk.DefaultTokenResolver {
    constructor() {
      super(fragments);
    }

    override resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor) {
      if (token instanceof cdk.Reference) return `«ref:${token.target.node.path}#${token.displayName}»`;
      return super.resolveToken(token, context, postProcessor);
    }
  })();
}
