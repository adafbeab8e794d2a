import type { AppDescription, AppResource, AppService } from './app-resources.js';
import { localAccount, localSiteOrigin, localValue } from './local-names.js';

/** A resource with its properties resolved to local values. */
export interface LocalResource extends AppResource {
  readonly properties: Record<string, any>;
}

const marker = /«ref:(.+?)#(\w+)»/g;

/**
 * The app as the local stack runs it: every resource's properties with references and
 * CloudFormation functions resolved to local names, ARNs and URLs.
 */
export class LocalApp {
  readonly resources: readonly LocalResource[];
  readonly services: readonly AppService[];
  private readonly byPath: ReadonlyMap<string, AppResource>;
  /** The site's addresses when deployed (the distribution's custom domains), served locally at localSiteOrigin. */
  private readonly siteAddresses: readonly string[];

  constructor(description: AppDescription, readonly origin: string) {
    this.byPath = new Map(description.resources.map((resource) => [resource.path, resource]));
    this.siteAddresses = description.resources
      .filter((resource) => resource.type === 'AWS::CloudFront::Distribution')
      .flatMap((resource) => ((resource.properties.DistributionConfig as { Aliases?: string[] } | undefined)?.Aliases ?? []).map((alias) => `https://${alias}`));
    this.resources = description.resources.map((resource) => ({ ...resource, properties: this.resolve(resource.properties, resource.region) }));
    this.services = description.services;
  }

  ofType(type: string): LocalResource[] {
    return this.resources.filter((resource) => resource.type === type);
  }

  get(path: string): LocalResource {
    const resource = this.resources.find((candidate) => candidate.path === path);
    if (!resource) throw new Error(`No resource at ${path}`);
    return resource;
  }

  /** What a reference to `resource` resolves to locally (its name, id or URL; `Arn` for its ARN). */
  referenceTo(resource: AppResource, attribute = 'Ref'): string {
    return localValue(this.byPath.get(resource.path)!, attribute, this.origin);
  }

  /** The resource a resolved reference (a local name or ARN) stands for. */
  find(type: string, value: unknown): LocalResource | undefined {
    return this.ofType(type).find((resource) => {
      const { path } = resource;
      return ['Ref', 'Arn'].some((attribute) => localValue(this.byPath.get(path)!, attribute, this.origin) === value);
    });
  }

  /** The local value of `«ref:…»` markers and the CloudFormation functions CDK writes (Join, Select, Split, Sub, pseudo parameters). */
  private resolve(value: unknown, region: string): any {
    if (typeof value === 'string') return this.resolveString(value, region);
    if (Array.isArray(value)) return value.map((item) => this.resolve(item, region));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [name, argument] = entries[0] ?? [];
    if (entries.length === 1 && name && (name === 'Ref' || name.startsWith('Fn::'))) {
      const args = this.resolve(argument, region);
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
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(item, region)]));
  }

  private resolveString(text: string, region: string): string {
    const resolved = text.replace(marker, (_, path: string, attribute: string) => {
      const target = this.byPath.get(path);
      return target ? localValue(target, attribute, this.origin) : `unresolved:${path}`;
    });
    // CloudFront serves the site over HTTPS, on its own domain or a custom one; locally the site is plain HTTP on loopback.
    return [`https://${new URL(localSiteOrigin).host}`, ...this.siteAddresses].reduce((value, address) => value.replaceAll(address, localSiteOrigin), resolved);
  }
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
