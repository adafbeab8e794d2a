import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The shape of `config.ts`, kept apart so that retargeting the app never means editing types. */
export interface AppConfig {
  /** Prefix of every stack name. */
  readonly appName: string;
  /** Where the stacks deploy. No `account` means the account of the credentials in use. */
  readonly env: { readonly account?: string; readonly region: string };
  /** The API Gateway stage name. */
  readonly stage: string;
  /** `retain` keeps tables and logs when a stack is deleted; `destroy` suits throwaway stages. */
  readonly dataRemoval: 'retain' | 'destroy';
  readonly logRetention: RetentionDays;
  readonly api: ApiConfig;
  /** One stack, with its own API, functions and table, per service. */
  readonly services: readonly string[];
  /**
   * Services that deploy to an account of their own (one team, one account). A service not
   * listed here deploys to `env`.
   */
  readonly serviceTargets?: Readonly<Record<string, ServiceTarget>>;
  /** One custom domain for every service's API, each at /<service> (single account only). */
  readonly apiDomain?: DomainConfig;
  /** The single-page app and how it reaches the APIs; absent when there is no frontend. */
  readonly site?: SiteConfig;
}

export interface ServiceTarget {
  readonly account: string;
  readonly region: string;
  /** The AWS CLI profile holding credentials for that account; `npm run deploy` uses it. */
  readonly profile?: string;
  /** The service's own custom domain, in a hosted zone of its account. */
  readonly domain?: DomainConfig;
}

export interface SiteConfig {
  /**
   * How the browser reaches the APIs. `direct`: each API's own endpoint, CORS from the site's
   * origin only. `cloudfront`: a REGIONAL API behind a distribution of its own, which adds a
   * secret API key so the execute-api endpoint cannot be called around it. `same-origin`:
   * `/api/*` on the site's own distribution, so there is no CORS at all.
   */
  readonly apiAccess: 'direct' | 'cloudfront' | 'same-origin';
  readonly domain?: DomainConfig;
}

export interface DomainConfig {
  /** The address, e.g. `app.example.com` or `api.example.com`. */
  readonly name: string;
  /** The Route 53 hosted zone that holds `name`: its id and its domain (no lookup, so synth stays offline). */
  readonly hostedZoneId: string;
  readonly zoneName: string;
}

export interface ApiConfig {
  readonly endpointType: 'EDGE' | 'REGIONAL';
  /** Steady requests per second for the whole stage, and the burst allowed above it. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** A stage cache for GET methods. Writes do not flush it: entries live until their TTL ends. */
  readonly cache: { readonly enabled: boolean; readonly ttlSeconds: number; readonly sizeGb: CacheSizeGb };
}

export type CacheSizeGb = '0.5' | '1.6' | '6.1' | '13.5' | '28.4' | '58.2' | '118' | '237';
