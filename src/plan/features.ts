import { edgeFeatureSpecs } from '../options/edge-features.js';
import type { Facts } from '../options/facts.js';
import { type PackageName, pinned } from './versions.js';

export interface Feature {
  /** The folder under templates/ this feature renders. */
  readonly folder: string;
  readonly when: (facts: Facts) => boolean;
  readonly dependencies?: readonly PackageName[];
  readonly devDependencies?: readonly PackageName[];
  readonly scripts?: Readonly<Record<string, string>>;
  /** Rows of the generated README's layout table: what this feature puts where. */
  readonly layout?: readonly { readonly path: string; readonly what: string }[];
}

/**
 * Which template folders a set of answers selects, and what each adds to package.json. A
 * feature brings whole files; templates rarely need to ask which features are on. The order
 * is the generated README's: each part of it (src/plan/readme.ts) takes the features'
 * sections in this order, and the layout table its rows.
 */
export const features: readonly Feature[] = [
  {
    folder: 'base',
    when: () => true,
    dependencies: ['aws-cdk-lib', 'constructs', 'cdk-nag'],
    devDependencies: [
      'serverless-pattern',
      'aws-cdk',
      'esbuild',
      'tsx',
      'typescript',
      'vitest',
      '@types/node',
    ],
    // `$run` becomes the chosen package manager's run command.
    scripts: {
      build: 'tsc --noEmit',
      test: 'vitest run',
      synth: 'cdk synth',
      // The toolkit's: synthesize once, check credentials, placeholders and bootstrap, then `cdk` in order.
      diff: 'serverless-pattern diff',
      deploy: '$run build && serverless-pattern deploy',
      destroy: 'serverless-pattern destroy',
      // A stage of your own in the cloud (sbx-<you>), code changes hot-swapped into it as you save.
      sandbox: 'serverless-pattern sandbox',
      cdk: 'cdk',
    },
    layout: [
      { path: 'infra/config.ts', what: '**The one file to edit to retarget the app**: name, account, region, stages, API limits' },
      { path: 'infra/stage.ts', what: 'Which stage a synth is for (`-c stage=<name>`, `--stage`), its settings, and the prefix of every unique name' },
      { path: 'infra/app.ts', what: 'The CDK entry point; `infra/define-app.ts` adds every stack and cdk-nag' },
      { path: 'infra/stacks/', what: 'One stack per deployable unit' },
      { path: 'infra/constructs/', what: 'The building blocks the stacks are made of, with this project\'s defaults' },
      { path: 'test/', what: 'vitest: template assertions, cdk-nag, what the deploy reads from the app (stage, profiles, dependencies), what destroy keeps, and unit tests' },
      { path: '.serverless-pattern.json', what: 'What the generator produced: lets `create-serverless-pattern upgrade` merge newer templates with your edits' },
    ],
  },
  {
    folder: 'service',
    when: () => true,
    // A stage's secrets in SSM Parameter Store, which functions declare (README: "Secrets").
    scripts: { secret: 'serverless-pattern secret' },
    dependencies: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'zod', '@aws-lambda-powertools/logger', '@aws-lambda-powertools/metrics', '@aws-lambda-powertools/tracer'],
    devDependencies: ['@types/aws-lambda', 'aws-sdk-client-mock'],
    layout: [
      { path: 'services/<service>/handlers/', what: 'One Lambda handler per operation' },
      { path: 'services/<service>/lib/', what: 'The item schema (also the API model), the DynamoDB repository, HTTP helpers, and `powertools.ts`: the logger, tracer and metrics every handler shares' },
      { path: 'test/services/<service>/', what: 'Handler tests with aws-sdk-client-mock' },
    ],
  },
  {
    // `npm run dev`: the app on localhost, read from the CDK app itself by the toolkit
    // (packages/toolkit, the `serverless-pattern` devDependency); this folder is its README part.
    folder: 'dev',
    when: () => true,
    scripts: { dev: 'serverless-pattern dev' },
  },
  {
    // Alarms on every service, all notifying one topic per app, and a dashboard per service.
    folder: 'monitoring',
    when: () => true,
    layout: [
      { path: 'infra/stacks/alarm-topic-stack.ts', what: 'The SNS topic every alarm notifies (`alarms.email` in `infra/config.ts` subscribes an address)' },
      { path: 'infra/constructs/monitoring.ts', what: 'A CloudWatch dashboard and the alarms it shows, each notifying the stage\'s topic in its own region' },
      { path: 'infra/constructs/service-monitoring.ts', what: 'Each service\'s alarms and its CloudWatch dashboard' },
    ],
  },
  {
    // --waf: a REGIONAL web ACL on each API stage, and one in us-east-1 for the CloudFront distributions.
    folder: 'waf',
    when: (f) => f.waf,
    layout: [
      { path: 'infra/waf.ts', what: 'AWS WAF (`--waf`): which web ACL guards each API stage and each CloudFront distribution' },
      { path: 'infra/constructs/web-acl.ts', what: 'The web ACL: a rate limit per IP (`waf` in `infra/config.ts`), then AWS managed rule groups' },
    ],
  },
  { // --ci github: the workflows, and the stack of the roles they deploy with (README: "Team workflow").
    folder: 'ci-github',
    when: (f) => f.ci === 'github',
    scripts: { 'ci:role': 'serverless-pattern ci-role', 'ci:bootstrap': 'serverless-pattern ci-bootstrap', drift: 'serverless-pattern drift', 'lint:cfn': 'cfn-lint' },
    layout: [{ path: '.github/workflows/', what: 'GitHub Actions: checks on pull requests (`ci.yml`), deploys per stage (`deploy.yml`), a preview per pull request (`preview.yml`), drift (`drift.yml`)' },
      { path: 'infra/stacks/ci-stack.ts', what: 'The roles GitHub Actions deploys with (OIDC, one per stage): deployed once per account by `ci:bootstrap`, never by `deploy`' },
      { path: 'infra/ci.ts', what: 'Which roles go into which account, and which role a workflow job assumes for each stage (`ci:role`, read from the CI stacks)' },
    ],
  },
  // The README's "Services and teams": several stacks, or one API domain they share.
  { folder: 'services', when: (f) => f.severalServices || f.multiAccount || f.apiDomain !== undefined },
  // The synchronous POST: a function that stores the item and answers 201. Storage-first replaces it.
  { folder: 'create-function', when: (f) => !f.storageFirst },
  {
    folder: 'ingest',
    when: (f) => f.storageFirst,
    // The consumer sends records that can never be items to its dead-letter queue itself.
    dependencies: ['@aws-sdk/client-sqs', '@aws-lambda-powertools/batch'],
    layout: [
      { path: 'services/<service>/handlers/ingest.ts', what: 'The consumer: stores what POST accepted into the queue or stream, reporting failed records one by one' },
      { path: 'services/<service>/lib/accepted.ts', what: 'Stores an accepted request as an item at most once (a redelivery is skipped, not written twice); one that can never be an item goes to the dead-letter queue at once' },
    ],
  },
  {
    folder: 'ingest-sqs',
    when: (f) => f.ingest === 'sqs',
    layout: [{ path: 'infra/constructs/sqs-ingest.ts', what: 'POST → SQS SendMessage (no function), the queue, its dead-letter queue, the consumer and alarms' }],
  },
  {
    folder: 'ingest-kinesis',
    when: (f) => f.ingest === 'kinesis',
    layout: [{ path: 'infra/constructs/kinesis-ingest.ts', what: 'POST → Kinesis PutRecord (no function), the stream, the consumer, its dead-letter queue and alarms' }],
  },
  {
    folder: 'spa',
    when: (f) => f.spa,
    dependencies: ['react', 'react-dom'],
    devDependencies: [
      'vite',
      '@vitejs/plugin-react',
      '@types/react',
      '@types/react-dom',
      'jsdom',
      '@testing-library/react',
      '@testing-library/dom',
      '@testing-library/user-event',
      'playwright-core',
      // The deploy-time function that writes the APIs' hosts into the site's CSP (the Lambda runtime has the SDK).
      '@aws-sdk/client-cloudfront',
    ],
    scripts: {
      // The SPA is built before anything is synthesized: the site stack deploys frontend/dist
      // (`deploy` runs `build` first).
      build: 'tsc --noEmit && tsc --noEmit -p frontend && vite build frontend',
      // Everything but the browser tests, which need a Chrome: `test:browser`.
      test: 'vitest run --project=!browser && vitest run --config frontend/vite.config.ts',
      preview: 'serverless-pattern preview',
      // Needs Chrome or Chromium on the machine (CHROME_PATH, or where it usually is).
      'test:browser': 'vitest run --project browser',
    },
    layout: [
      { path: 'frontend/', what: 'The React + Vite single-page app, with its own tests (`frontend/src/*.test.tsx`)' },
      { path: 'infra/stacks/site-stack.ts', what: 'The private bucket and the CloudFront distribution of the site' },
      { path: 'infra/stacks/site-content-stack.ts', what: 'Deploys `frontend/dist` and `config.json` (where the APIs are) to the bucket' },
      { path: 'infra/stacks/edge-monitoring-stack.ts', what: 'The CloudFront distributions\' alarms and dashboard, in us-east-1 where their metrics are (`infra/constructs/edge-monitoring.ts`)' },
      { path: 'infra/constructs/connect-sources.ts', what: "Names the APIs' exact hosts in the site's Content-Security-Policy header once they exist" },
      { path: 'infra/site-api.ts', what: 'How the site reaches each API (`site.apiAccess` in `infra/config.ts`)' },
      { path: 'test/browser/', what: 'The site in Chrome or Chromium, served as CloudFront serves it (`test:browser`)' },
    ],
  },
  // index.html for the app's own routes; with --edge ab-testing or progressive-rollout the
  // version router does it, and with site-auth alone the sign-in gate (at viewer request).
  {
    folder: 'spa-fallback',
    when: (f) => f.spa && !f.edges.versionRouting && !f.edges.siteAuth,
    layout: [{ path: 'edge/spa-fallback.js', what: 'The CloudFront Function that serves `index.html` for the app\'s routes' }],
  },
  // What the SPA shows first: the items, or (when the APIs trust Cognito) who is signed in.
  { folder: 'spa-open', when: (f) => f.spa && !f.authorizers.cognito },
  {
    folder: 'spa-sign-in',
    when: (f) => f.spa && f.authorizers.cognito,
    dependencies: ['oidc-client-ts'],
    layout: [{ path: 'frontend/src/session.ts', what: 'Sign-in and sign-out with oidc-client-ts (code flow with PKCE); the token goes to the API' }],
  },
  // How the browser reaches the APIs: each mode brings its own tests and README section.
  { folder: 'spa-direct', when: (f) => f.spa && f.apiAccess === 'direct' },
  { folder: 'spa-cloudfront', when: (f) => f.apiDistribution },
  { folder: 'spa-same-origin', when: (f) => f.sameOrigin },
  // What the site's bucket behavior runs at the edge; --edge adds one folder per feature.
  { folder: 'site-edge', when: (f) => f.spa },
  {
    folder: 'edge',
    when: (f) => f.edges.any,
    layout: [{ path: 'test/edge/', what: 'Edge handler tests: CloudFront event fixtures, run in Node' }],
  },
  ...edgeFeatureFolders(),
  // --auth: parts shared by every mode, one folder per mode that says which authorizer guards
  // which route (infra/api-authorization.ts), and one folder per authorizer.
  {
    folder: 'auth',
    when: (f) => f.authorizers.any,
    scripts: { 'dev:token': 'serverless-pattern token' },
    layout: [
      { path: 'infra/api-authorization.ts', what: 'Which authorizer guards which route (`GET /health` stays public)' },
      { path: 'services/<service>/lib/owner.ts', what: 'The verified caller, whose items a request reads and writes' },
    ],
  },
  { folder: 'auth-cognito-only', when: (f) => f.authorizers.cognitoOnly },
  { folder: 'auth-lambda-only', when: (f) => f.authorizers.lambdaOnly },
  { folder: 'auth-cognito-lambda', when: (f) => f.authorizers.both },
  {
    folder: 'auth-cognito',
    when: (f) => f.authorizers.cognito,
    layout: [{ path: 'infra/stacks/auth-stack.ts', what: 'The Cognito user pool, the SPA app client and the hosted sign-in domain' }],
  },
  {
    folder: 'auth-lambda',
    when: (f) => f.authorizers.lambda,
    dependencies: ['aws-jwt-verify'],
    layout: [
      { path: 'authorizer/', what: 'The Lambda authorizer: verifies the bearer JWT and returns an IAM policy for this API' },
      { path: 'test/authorizer/', what: 'Authorizer tests with real RS256 tokens signed in the test (no network)' },
    ],
  },
];

/**
 * One feature per folder of the --edge table, on when any --edge value it serves is chosen;
 * values that share a folder share its layout rows and packages (the first entry's).
 */
function edgeFeatureFolders(): Feature[] {
  const folders = [...new Set(edgeFeatureSpecs.map((spec) => spec.folder))];
  return folders.map((folder) => {
    const first = edgeFeatureSpecs.find((spec) => spec.folder === folder)!;
    return {
      folder,
      when: (f) => f.edgeSpecs.some((spec) => spec.folder === folder),
      dependencies: pinned(first.dependencies),
      devDependencies: pinned(first.devDependencies),
      layout: first.layout,
    };
  });
}

export function selectedFeatures(facts: Facts): Feature[] {
  return features.filter((feature) => feature.when(facts));
}
