import type { AppDescription, AppResource, AppService } from './app-resources.js';
import { localAccount, localName, localUserPoolId, referencedPath, shortHash } from './local-names.js';

/** A resource with its properties resolved to local values. */
export interface LocalResource extends AppResource {
  readonly properties: Record<string, any>;
}

/** Where the local stack listens: the APIs, the site, each identity provider's stand-in (by user pool id), and each API's own distribution (by construct path). */
export interface LocalOrigins {
  readonly api: string;
  readonly site: string;
  readonly issuers: Readonly<Record<string, string>>;
  readonly apiDistributions?: Readonly<Record<string, string>>;
}

const marker = /«ref:(.+?)#(\w+)»/g;
/** A CloudFormation dynamic reference to a Secrets Manager secret (resolved at deploy time, never in a template). */
const secretReference = /\{\{resolve:secretsmanager:([^:}]+)[^}]*\}\}/g;

/**
 * The app as the local stack runs it: every resource's properties with references and
 * CloudFormation functions resolved to local names, ARNs and URLs. A deployed address that
 * a browser or a function would call (an execute-api URL, a CloudFront domain, the Cognito
 * sign-in domain) becomes the local address that answers in its place.
 */
export class LocalApp {
  readonly resources: readonly LocalResource[];
  readonly services: readonly AppService[];
  readonly origin: string;
  readonly siteOrigin: string;
  private readonly issuers: Readonly<Record<string, string>>;
  private readonly apiDistributions: Readonly<Record<string, string>>;
  private readonly byPath: ReadonlyMap<string, AppResource>;
  private readonly addresses: readonly (readonly [RegExp, string])[];

  constructor(
    readonly description: AppDescription,
    origins: LocalOrigins,
  ) {
    this.origin = origins.api;
    this.siteOrigin = origins.site;
    this.issuers = origins.issuers;
    this.apiDistributions = origins.apiDistributions ?? {};
    this.byPath = new Map(description.resources.map((resource) => [resource.path, resource]));
    this.addresses = this.localAddresses();
    this.resources = description.resources.map((resource) => ({ ...resource, properties: this.resolve(resource.properties, resource.region) }));
    this.services = description.services;
  }

  ofType(type: string): LocalResource[] {
    return this.resources.filter((resource) => resource.type === type);
  }

  /** What a reference to `resource` resolves to locally (its name, id or URL; `Arn` for its ARN). */
  referenceTo(resource: AppResource, attribute = 'Ref'): string {
    return this.localValue(this.byPath.get(resource.path)!, attribute);
  }

  /** The resource a resolved reference (a local name or ARN) stands for. */
  find(type: string, value: unknown): LocalResource | undefined {
    return this.ofType(type).find((resource) => ['Ref', 'Arn'].some((attribute) => this.referenceTo(resource, attribute) === value));
  }

  /** Any value of the app (CDK tokens rendered as markers) resolved as the properties are. */
  resolve(value: unknown, region: string): any {
    return this.toLocalAddresses(this.evaluate(value, region));
  }

  /** Markers and CloudFormation functions, evaluated; addresses are translated only once whole (a URL is often joined from pieces). */
  private evaluate(value: unknown, region: string): any {
    if (typeof value === 'string') return this.resolveMarkers(value);
    if (Array.isArray(value)) return value.map((item) => this.evaluate(item, region));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [name, argument] = entries[0] ?? [];
    if (entries.length === 1 && name && (name === 'Ref' || name.startsWith('Fn::'))) {
      const args = this.evaluate(argument, region);
      switch (name) {
        case 'Ref':
          return pseudoParameter(args, region);
        case 'Fn::Join':
          return (args[1] as unknown[]).join(args[0]);
        case 'Fn::Select':
          return (args[1] as unknown[])[Number(args[0])];
        case 'Fn::Split':
          return String(args[1]).split(args[0]);
        case 'Fn::Sub':
          return String(Array.isArray(args) ? args[0] : args).replace(/\$\{([\w:]+)\}/g, (_, ref: string) => pseudoParameter(ref, region));
      }
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, this.evaluate(item, region)]));
  }

  private toLocalAddresses(value: unknown): any {
    if (typeof value === 'string') {
      // A secret's local value stands in for it wherever it is read (both ends of an API key get the same).
      const local = value.replace(secretReference, (_, secret: string) => `local-${shortHash(secret)}`);
      return this.addresses.reduce((text, [deployed, address]) => text.replace(deployed, address), local);
    }
    if (Array.isArray(value)) return value.map((item) => this.toLocalAddresses(item));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.toLocalAddresses(item)]));
  }

  /**
   * For what runs in the browser (config.json, the content security policy): a user pool's
   * issuer becomes the local issuer's address. Functions keep the real issuer: it is the `iss`
   * they check, and their requests for its keys are redirected instead.
   */
  forBrowser(text: string): string {
    const everyIssuer = Object.values(this.issuers).join(' ');
    return text.replace(/https:\/\/cognito-idp\.[\w-]+\.amazonaws\.com(?:\/([\w-]+))?/g, (_, pool?: string) => (pool ? this.issuerOrigin(pool) : everyIssuer));
  }

  /** Where the stand-in for a user pool (or `jwt`, the Lambda authorizer's issuer) answers. */
  issuerOrigin(id: string): string {
    const origin = this.issuers[id];
    if (!origin) throw new Error(`No local issuer for ${id}`);
    return origin;
  }

  private resolveMarkers(text: string): string {
    return text.replace(marker, (_, path: string, attribute: string) => {
      const target = this.byPath.get(path);
      return target ? this.localValue(target, attribute) : `unresolved:${path}`;
    });
  }

  private localValue(resource: AppResource, attribute: string): string {
    const name = localName(resource.path);
    const arn = (service: string, kind: string) => `arn:aws:${service}:${resource.region}:${localAccount}:${kind}${name}`;
    switch (resource.type) {
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table':
        return attribute === 'Arn' ? arn('dynamodb', 'table/') : name;
      case 'AWS::SQS::Queue':
        if (attribute === 'Arn') return arn('sqs', '');
        return attribute === 'QueueName' ? name : `${this.origin}/${localAccount}/${name}`;
      case 'AWS::Kinesis::Stream':
        return attribute === 'Arn' ? arn('kinesis', 'stream/') : name;
      case 'AWS::Lambda::Function': {
        const functionName = name.replace(/-Function$/, '');
        return attribute === 'Arn' ? `arn:aws:lambda:${resource.region}:${localAccount}:function:${functionName}` : functionName;
      }
      case 'AWS::Cognito::UserPool': {
        const id = localUserPoolId(resource);
        if (attribute === 'Arn') return `arn:aws:cognito-idp:${resource.region}:${localAccount}:userpool/${id}`;
        return attribute === 'ProviderURL' ? `https://cognito-idp.${resource.region}.amazonaws.com/${id}` : id;
      }
      case 'AWS::Cognito::UserPoolClient':
        return `local${shortHash(resource.path)}client`;
      case 'AWS::Cognito::UserPoolDomain':
        // A placeholder the address rules below turn into the local issuer's address.
        return `local-sign-in-${this.poolOf(resource)}`;
      case 'AWS::ApiGateway::Stage':
        // A stage is referred to by its name (the path segment of its URL).
        return String(resource.properties.StageName ?? name);
      case 'AWS::CloudFront::Distribution':
        return attribute === 'DomainName' ? `${name}.cloudfront.net` : name;
      default:
        return attribute === 'Arn' ? `arn:aws:local:${resource.region}:${localAccount}:${name}` : name;
    }
  }

  private poolOf(domain: AppResource): string {
    const pool = this.byPath.get(referencedPath(domain.properties.UserPoolId) ?? '');
    return pool ? localUserPoolId(pool) : 'unknown';
  }

  /**
   * Deployed address → local address. The site's distribution (the one with a bucket behind
   * it) and its custom domains become the local site; an API's own distribution becomes its
   * local stand-in (which adds what CloudFront adds); every execute-api URL becomes the local
   * APIs; Cognito's hosted sign-in domain becomes the local issuer.
   */
  private localAddresses(): (readonly [RegExp, string])[] {
    const rules: (readonly [RegExp, string])[] = [];
    for (const distribution of this.description.resources.filter((resource) => resource.type === 'AWS::CloudFront::Distribution')) {
      const aliases = (distribution.properties.DistributionConfig as { Aliases?: string[] } | undefined)?.Aliases ?? [];
      const hosts = [`${localName(distribution.path)}.cloudfront.net`, ...aliases];
      const local = servesBucket(distribution, this.byPath) ? this.siteOrigin : (this.apiDistributions[distribution.path] ?? this.origin);
      for (const host of hosts) rules.push([new RegExp(`https://${escape(host)}`, 'g'), local]);
    }
    for (const api of this.description.resources.filter((resource) => resource.type === 'AWS::ApiGateway::RestApi')) {
      // Each API answers at the local origin (its stage is not part of local paths).
      rules.push([new RegExp(`https://${escape(localName(api.path))}\\.execute-api\\.[\\w-]+\\.amazonaws\\.com(/\\w+)?`, 'g'), this.origin]);
      // An origin's domain name (CloudFront in front of the API) is the bare host.
      rules.push([new RegExp(`^${escape(localName(api.path))}\\.execute-api\\.[\\w-]+\\.amazonaws\\.com$`), new URL(this.origin).host]);
    }
    for (const [pool, origin] of Object.entries(this.issuers)) {
      rules.push([new RegExp(`https://local-sign-in-${escape(pool)}\\.auth\\.[\\w-]+\\.amazoncognito\\.com`, 'g'), origin]);
    }
    return rules;
  }
}

/** The distributions in front of an API only (no bucket behind them): each is served locally on a port of its own. */
export function apiDistributionsOf(description: AppDescription): AppResource[] {
  const byPath = new Map(description.resources.map((resource) => [resource.path, resource]));
  return description.resources.filter((resource) => resource.type === 'AWS::CloudFront::Distribution' && !servesBucket(resource, byPath));
}

function servesBucket(distribution: AppResource, byPath: ReadonlyMap<string, AppResource>): boolean {
  const origins = (distribution.properties.DistributionConfig as { Origins?: { DomainName?: unknown }[] } | undefined)?.Origins ?? [];
  return origins.some((origin) => byPath.get(referencedPath(origin.DomainName) ?? '')?.type === 'AWS::S3::Bucket');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pseudoParameter(name: string, region: string): string {
  const values: Record<string, string> = {
    'AWS::Region': region,
    'AWS::AccountId': localAccount,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': 'local',
  };
  return values[name] ?? `unresolved:${name}`;
}
