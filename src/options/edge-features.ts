/**
 * The --edge features: what the site's distribution runs on its bucket behavior. One entry
 * per feature, in the order the generated README lists them; everything else follows from
 * here: the answer's values and prompt, the template folder the plan adds, the README's
 * table, layout rows and diagram, and the combination test's matrix. A feature that plugs
 * into the bucket behavior is wired in templates/site-edge (its own code, not bookkeeping).
 */
export interface EdgeFeatureSpec<V extends string = string> {
  /** What the user types after --edge. */
  readonly value: V;
  /** The folder under templates/ it adds. Features may share one (they are one construct). */
  readonly folder: string;
  /** The generated README's "At the edge" table: what it runs as, and why that. */
  readonly runsAs: string;
  readonly why: string;
  /** Rows of the generated README's layout table (once per folder). */
  readonly layout?: readonly { readonly path: string; readonly what: string }[];
  /** Packages it adds to the generated package.json (names from src/plan/versions.ts). */
  readonly dependencies?: readonly string[];
  readonly devDependencies?: readonly string[];
  /**
   * Mermaid lines of the architecture diagram: inside the site stack, and after it (`{app}` is
   * the project name, `{edgeStack}` the stack that holds Lambda@Edge functions).
   */
  readonly diagram?: { readonly inSiteStack?: readonly string[]; readonly outside?: readonly string[] };
}

/** A/B testing and progressive rollout are one construct: a version router and its cookie. */
const versionRouting = {
  folder: 'edge-versions',
  layout: [
    { path: 'edge/version-router.js', what: 'CloudFront Function (viewer request): sticky A/B and rollout routing, shares read from a KeyValueStore' },
    { path: 'edge/version-cookie.js', what: "CloudFront Function (viewer response): makes each visitor's assignment sticky with a cookie" },
  ],
  diagram: {
    inSiteStack: [
      '    siteRouter["CloudFront Functions<br/>sticky version routing"]',
      '    siteShares[("KeyValueStore<br/>rollout and A/B percentages")]',
      '    siteCdn --- siteRouter',
      '    siteRouter -.->|"reads"| siteShares',
    ],
  },
} as const;

export const edgeFeatureTable = [
  {
    value: 'security-headers',
    folder: 'edge-security-headers',
    runsAs: 'a CloudFront response headers policy (strict)',
    why: 'CloudFront adds the headers itself: nothing to run, no cost per request',
  },
  {
    value: 'ab-testing',
    ...versionRouting,
    runsAs: 'CloudFront Functions (viewer request and response) + KeyValueStore',
    why: 'cookies and a path rewrite: the cheapest, fastest place; the share of B is read from the store',
  },
  {
    value: 'progressive-rollout',
    ...versionRouting,
    runsAs: 'CloudFront Functions (viewer request and response) + KeyValueStore',
    why: 'as A/B; the percentage is changed in the store without a build or a deployment',
  },
  {
    value: 'origin-failover',
    folder: 'edge-origin-failover',
    runsAs: 'a CloudFront origin group',
    why: 'CloudFront retries the second origin itself: no code',
    layout: [{ path: 'infra/constructs/failover-origin.ts', what: 'The origin group: the site bucket, then a second bucket when it answers 5xx/403/404' }],
    diagram: { inSiteStack: ['    siteFailover[("S3, private<br/>failover copy")]', '    siteCdn -.->|"on 5xx, 403, 404"| siteFailover'] },
  },
  {
    value: 'site-auth',
    folder: 'edge-site-auth',
    runsAs: 'Lambda@Edge (viewer request, us-east-1)',
    why: "verifying a Cognito token's RS256 signature and calling the token endpoint need crypto and the network",
    dependencies: ['aws-jwt-verify'],
    devDependencies: ['@aws-sdk/client-ssm'],
    layout: [
      { path: 'edge/site-auth/', what: 'Lambda@Edge: the site requires a signed-in Cognito user; bundled with esbuild at synth' },
      { path: 'infra/site-sign-in.ts', what: "The site's app client, whose callback is the distribution's, and the SSM parameter that tells the edge function which user pool and client to trust" },
      { path: 'infra/constructs/edge-function-logs.ts', what: "The gate's log groups in every region Lambda@Edge runs in, made ahead with the stage's `logRetention`" },
    ],
    // The function always lives in us-east-1: from a stack of its own when the site is elsewhere.
    diagram: { inSiteStack: ['    siteAuth["λ@Edge sign-in gate<br/>us-east-1"]', '    siteCdn -.->|"checks each request"| siteAuth'] },
  },
] as const satisfies readonly EdgeFeatureSpec[];

export type EdgeFeature = (typeof edgeFeatureTable)[number]['value'];

/** The same table, every entry with every field (optional ones possibly undefined). */
export const edgeFeatureSpecs: readonly EdgeFeatureSpec<EdgeFeature>[] = edgeFeatureTable;
