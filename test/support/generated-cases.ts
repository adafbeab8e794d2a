/**
 * The generated projects the end-to-end tests build, each from the flags a user would type.
 * Split between test/e2e/generated-*.test.ts so that two run at once.
 */
export interface GeneratedCase {
  readonly name: string;
  readonly args: readonly string[];
  /** Stack names `cdk synth` must produce, with the account each pins (if it pins one). */
  readonly stacks: readonly string[];
  /** For one-account-per-service cases: stack → account, as `cdk.out/manifest.json` must show. */
  readonly accounts?: Readonly<Record<string, string>>;
  /** Files ci.yml's build step must produce (the SPA), which synth packages. */
  readonly built?: readonly string[];
  /**
   * Stacks synth produces that `deploy` never deploys (tagged serverless-pattern:deploy): the
   * CI roles, `<app>-ci`, or one `<app>-ci-<account>` per account. Default: `<name>-ci`.
   */
  readonly bootstrapOnly?: readonly string[];
}

const spaBuild = { built: ['frontend/dist/index.html'] } as const;

/**
 * The stacks an app has once per account and region its services deploy to: API Gateway's
 * logging role and the alarm topic. One environment: `<app>-api-gateway`, `<app>-alarms`.
 */
function environmentStacks(app: string, environments?: readonly { account: string; region: string }[]): string[] {
  const suffixes = environments ? environments.map(({ account, region }) => `-${account}-${region}`) : [''];
  return suffixes.flatMap((suffix) => [`${app}-api-gateway${suffix}`, `${app}-alarms${suffix}`]);
}

/**
 * A site's edge monitoring, in us-east-1 where CloudFront's metrics are: `<app>-edge`, and
 * outside us-east-1 the alarm topic it notifies there, `<app>-alarms-us-east-1`.
 */
function edgeStacks(app: string, region = 'us-east-1'): string[] {
  return [`${app}-edge`, ...(region === 'us-east-1' ? [] : [`${app}-alarms-us-east-1`])];
}

const multiDomainEnvironments = [
  { account: '111111111111', region: 'us-east-1' },
  { account: '222222222222', region: 'us-east-1' },
  { account: '333333333333', region: 'eu-central-1' },
];

export const generatedCases: readonly GeneratedCase[] = [
  { name: 'api', args: ['--pattern', 'api'], stacks: ['api-items', ...environmentStacks('api')] },
  // Two services in one account, taking their writes storage-first through Kinesis.
  { name: 'ms-two-kinesis', args: ['--pattern', 'microservices', '--ingest', 'kinesis'], stacks: ['ms-two-kinesis-orders', 'ms-two-kinesis-catalog', ...environmentStacks('ms-two-kinesis')] },
  {
    // One domain, a base path per service, and a Lambda authorizer on every API.
    name: 'ms-three-domain',
    args: ['--pattern', 'microservices', '--services', 'orders,catalog,billing', '--domain', 'api.example.com', '--auth', 'lambda'],
    stacks: ['ms-three-domain-orders', 'ms-three-domain-catalog', 'ms-three-domain-billing', 'ms-three-domain-domain', ...environmentStacks('ms-three-domain')],
  },
  {
    name: 'ms-multi-domain',
    args: ['--pattern', 'microservices', '--services', 'orders,catalog,billing', '--accounts', 'multi', '--service-accounts', 'orders=111111111111,catalog=222222222222,billing=333333333333/eu-central-1', '--domain', 'api.example.com'],
    stacks: ['ms-multi-domain-orders', 'ms-multi-domain-catalog', 'ms-multi-domain-billing', ...environmentStacks('ms-multi-domain', multiDomainEnvironments)],
    // The CI roles in each account the services deploy to.
    bootstrapOnly: multiDomainEnvironments.map(({ account }) => `ms-multi-domain-ci-${account}`),
    accounts: {
      ...Object.fromEntries(multiDomainEnvironments.map(({ account }) => [`ms-multi-domain-ci-${account}`, account])),
      'ms-multi-domain-orders': '111111111111',
      'ms-multi-domain-catalog': '222222222222',
      'ms-multi-domain-billing': '333333333333',
      ...Object.fromEntries(multiDomainEnvironments.flatMap(({ account, region }) => ['api-gateway', 'alarms'].map((kind) => [`ms-multi-domain-${kind}-${account}-${region}`, account]))),
    },
  },
  // Storage-first behind both authorizers: the direct SQS integration is guarded like the functions.
  { name: 'storage-first', args: ['--pattern', 'storage-first', '--auth', 'cognito,lambda'], stacks: ['storage-first-auth', 'storage-first-items', ...environmentStacks('storage-first')] },
  // The `spa` preset itself is built end to end through pnpm from the registry (test/e2e/registry-pnpm.test.ts).
  {
    // With a custom domain outside us-east-1: the certificate stack lives there, the site reads it across regions.
    name: 'spa-regional-api',
    args: ['--pattern', 'spa-regional-api', '--domain', 'app.example.com', '--region', 'eu-west-1'],
    stacks: ['spa-regional-api-certificate', 'spa-regional-api-site', 'spa-regional-api-items', 'spa-regional-api-site-content', ...edgeStacks('spa-regional-api', 'eu-west-1'), ...environmentStacks('spa-regional-api')],
    ...spaBuild,
  },
  {
    name: 'spa-same-origin',
    // With the version router (the sign-in gate cannot go with it: see edge-gate).
    args: ['--pattern', 'spa-same-origin', '--edge', 'ab-testing,progressive-rollout'],
    stacks: ['spa-same-origin-site', 'spa-same-origin-items', 'spa-same-origin-site-content', ...edgeStacks('spa-same-origin'), ...environmentStacks('spa-same-origin')],
    ...spaBuild,
  },

  {
    name: 'secure',
    args: ['--pattern', 'secure'],
    // In us-east-1 (the default region) the Lambda@Edge function lives in the site stack.
    stacks: ['secure-site', 'secure-auth', 'secure-items', 'secure-site-content', 'secure-waf', ...edgeStacks('secure'), ...environmentStacks('secure')],
    ...spaBuild,
  },
  {
    name: 'edge-gate',
    // Every --edge feature that goes with the sign-in gate, in an opt-in region: the Lambda@Edge function gets its own stack in
    // us-east-1, and so does the bucket of the CloudFront logs (CloudFront delivers none to eu-south-1).
    args: ['--pattern', 'spa-same-origin', '--auth', 'cognito,lambda', '--edge', 'site-auth,security-headers,origin-failover', '--region', 'eu-south-1'],
    stacks: ['edge-gate-site', 'edge-gate-cloudfront-logs', 'edge-gate-site-auth', 'edge-gate-auth', 'edge-gate-items', 'edge-gate-site-content', ...edgeStacks('edge-gate', 'eu-south-1'), ...environmentStacks('edge-gate')],
    ...spaBuild,
  },
];
