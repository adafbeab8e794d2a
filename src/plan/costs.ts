import type { Facts } from '../options/facts.js';

/**
 * US dollars, us-east-1, as AWS lists them (other regions cost a little more). A month is
 * 730 hours. Free tiers (10 alarm metrics, 3 dashboards per account) are left out: other
 * apps and stages in the account use them too.
 */
const price = {
  /** CloudWatch bills an alarm per metric it reads: one on a math expression of two metrics costs two. */
  alarmMetric: 0.1,
  dashboard: 3,
  kmsKey: 1,
  /** A web ACL, plus its four rules (the rate limit and three managed rule groups). */
  webAcl: 5 + 4 * 1,
  kinesisStreamHour: 0.04,
  kinesisShardHour: 0.015,
  secret: 0.4,
  /** The smallest API Gateway cache, 0.5 GB. */
  cacheHour: 0.02,
} as const;
const hoursPerMonth = 730;

export interface IdleCost {
  /** The generated README's line: what, how many, at what rate. */
  readonly text: string;
  /** A month, in each stage as generated: prod (alarms notify a topic, an on-demand stream) and dev (no topic, one shard). */
  readonly monthly: { readonly prod: number; readonly dev: number };
}

const both = (amount: number) => ({ prod: amount, dev: amount });
const dollars = (amount: number) => `$${amount.toFixed(2)}`;

/**
 * What one deployed stage of the app costs while nobody uses it: what is billed by the hour
 * or the month. Everything else (API Gateway, Lambda, DynamoDB on demand, CloudFront, S3,
 * logs) is billed per use. The generated README lists these; this repository's README shows
 * their totals per preset.
 */
export function idleCosts(f: Facts): IdleCost[] {
  const alarms = alarmsOf(f);
  const dashboards = f.services.length + (f.spa ? 1 : 0);
  const keys = alarmTopicsOf(f);
  const perService = (what: string) => (f.severalServices ? `${what}, one per service` : what);
  const webAcls = webAclsOf(f);
  return [
    {
      text: `${alarms.count} CloudWatch alarms reading ${alarms.metrics} metrics ($0.10 a month per metric an alarm reads: ${dollars(alarms.metrics * price.alarmMetric)}), in every stage`,
      monthly: both(alarms.metrics * price.alarmMetric),
    },
    {
      text: `${dashboards === 1 ? 'a CloudWatch dashboard: $3 a month' : `${dashboards} CloudWatch dashboards (one per service${f.spa ? ', one for the edge' : ''}): $3 a month each`} beyond the account's first three`,
      monthly: both(dashboards * price.dashboard),
    },
    {
      text: `${keys === 1 ? "the alarm topic's KMS key" : `the ${keys} alarm topics' KMS keys (one per account and region with alarms${f.spa ? ', us-east-1 for CloudFront\'s among them' : ''})`}: $1 a month${keys === 1 ? '' : ' each'}, in a stage whose alarms notify (prod; dev has no topic)`,
      monthly: { prod: keys * price.kmsKey, dev: 0 },
    },
    f.cache
      ? { text: perService('the API cache (`api.cache` in `infra/config.ts`), 0.5 GB: $0.02 an hour, about $15 a month'), monthly: both(f.services.length * price.cacheHour * hoursPerMonth) }
      : { text: 'the API cache, if you turn it on (`api.cache` in `infra/config.ts`), billed per hour for its size', monthly: both(0) },
    ...(webAcls.count > 0
      ? [{ text: `AWS WAF: ${webAcls.text}, ${webAcls.count === 1 ? '' : 'each '}$5 a month plus $1 per rule (four: $9), plus $0.60 per million requests inspected`, monthly: both(webAcls.count * price.webAcl) }]
      : []),
    ...(f.ingest === 'kinesis'
      ? [
          {
            text: perService(
              'the Kinesis stream, in every stage (`stream` in `infra/config.ts`): on demand in prod, $0.04 a stream-hour (about $29 a month); one provisioned shard in dev, $0.015 a shard-hour (about $11)',
            ),
            monthly: { prod: f.services.length * price.kinesisStreamHour * hoursPerMonth, dev: f.services.length * price.kinesisShardHour * hoursPerMonth },
          },
        ]
      : []),
    ...(f.apiOnlyViaCloudFront
      ? [{ text: `the Secrets Manager secret that holds the key CloudFront sends to the API${f.severalServices ? ', one per service' : ''}: $0.40 a month${f.severalServices ? ' each' : ''}`, monthly: both(f.services.length * price.secret) }]
      : []),
  ];
}

/** The total a month of a stage as generated: what the README's tables show. */
export function idleTotal(f: Facts, stage: 'prod' | 'dev'): string {
  return dollars(idleCosts(f).reduce((sum, cost) => sum + cost.monthly[stage], 0));
}

/**
 * The alarms, and the metrics they read, as infra/constructs/service-monitoring.ts,
 * edge-monitoring.ts and web-acl.ts make them.
 */
function alarmsOf(f: Facts): { count: number; metrics: number } {
  const functions = 5 + (f.authorizers.lambda ? 1 : 0);
  // The API's 5XX rate (two metrics: requests, errors) and p99 latency; the table's throttled reads and writes (two);
  // each function's errors and throttles; a storage-first backlog and dead letters; the API's own web ACL.
  const regionalAcl = webAclsOf(f).regional > 0 ? 1 : 0;
  const service = { count: 3 + 2 * functions + (f.storageFirst ? 2 : 0) + regionalAcl, metrics: 5 + 2 * functions + (f.storageFirst ? 2 : 0) + regionalAcl };
  // At the edge: each distribution's 5XX rate (two metrics), Lambda@Edge failures (two), the CloudFront web ACL.
  const distributions = f.spa ? 1 + (f.apiDistribution ? f.services.length : 0) : 0;
  const lambdaAtEdge = f.edges.siteAuth ? 1 : 0;
  const cloudFrontAcl = webAclsOf(f).cloudFront;
  return {
    count: f.services.length * service.count + distributions + lambdaAtEdge + cloudFrontAcl,
    metrics: f.services.length * service.metrics + 2 * distributions + 2 * lambdaAtEdge + cloudFrontAcl,
  };
}

/** The alarm topics of a stage whose alarms notify, each with a KMS key: one per account and region with alarms. */
function alarmTopicsOf(f: Facts): number {
  const serviceEnvironments = f.multiAccount ? new Set(f.serviceAccounts.map(({ account, region = f.region }) => `${account}/${region}`)).size : 1;
  // CloudFront's alarms are in us-east-1: a topic of their own unless the services' is there (a site means one account).
  const edgeOfItsOwn = f.spa && f.region !== 'us-east-1';
  return serviceEnvironments + (edgeOfItsOwn ? 1 : 0);
}

/**
 * The web ACLs --waf makes: one on each API that clients call directly, and one in us-east-1
 * for the CloudFront distributions. An API reached only through CloudFront has none of its
 * own: the distribution's already inspected every request.
 */
export function webAclsOf(f: Facts): { count: number; regional: number; cloudFront: number; text: string } {
  if (!f.waf) return { count: 0, regional: 0, cloudFront: 0, text: '' };
  const regional = f.apiOnlyViaCloudFront ? 0 : f.services.length;
  const cloudFront = f.spa ? 1 : 0;
  const apis = regional === 0 ? '' : regional === 1 ? 'a web ACL on the API' : `a web ACL on each service's API (${regional})`;
  const distributions = cloudFront === 0 ? '' : regional === 0 ? 'one web ACL, for the CloudFront distributions (the APIs take requests only through them)' : 'one for the CloudFront distributions';
  return { count: regional + cloudFront, regional, cloudFront, text: [apis, distributions].filter(Boolean).join(' and ') };
}
