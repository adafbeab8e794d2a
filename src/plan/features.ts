import type { Answers } from '../options/answers.js';
import type { PackageName } from './versions.js';

export interface Feature {
  /** The folder under templates/ this feature renders. */
  readonly folder: string;
  readonly when: (answers: Answers) => boolean;
  readonly dependencies?: readonly PackageName[];
  readonly devDependencies?: readonly PackageName[];
  readonly scripts?: Readonly<Record<string, string>>;
  /** Rows of the generated README's layout table: what this feature puts where. */
  readonly layout?: readonly { readonly path: string; readonly what: string }[];
}

/**
 * Which template folders a set of answers selects, and what each adds to package.json.
 * A feature brings whole files; templates rarely need to ask which features are on.
 */
export const features: readonly Feature[] = [
  {
    folder: 'base',
    when: () => true,
    dependencies: ['aws-cdk-lib', 'constructs', 'cdk-nag'],
    devDependencies: [
      'aws-cdk',
      'esbuild',
      'tsx',
      'typescript',
      'vitest',
      '@types/node',
      '@aws-sdk/client-sts',
      '@aws-sdk/client-cloudformation',
    ],
    // `$run` becomes the chosen package manager's run command.
    scripts: {
      build: 'tsc --noEmit',
      test: 'vitest run',
      synth: 'cdk synth',
      diff: 'tsx scripts/deploy.ts diff',
      deploy: '$run build && tsx scripts/deploy.ts deploy',
      destroy: 'tsx scripts/deploy.ts destroy',
      cdk: 'cdk',
    },
    layout: [
      { path: 'infra/config.ts', what: '**The one file to edit to retarget the app**: name, account, region, API limits' },
      { path: 'infra/app.ts', what: 'The CDK entry point; `infra/define-app.ts` adds every stack and cdk-nag' },
      { path: 'infra/stacks/', what: 'One stack per deployable unit' },
      { path: 'infra/constructs/', what: 'The building blocks the stacks are made of, with this project\'s defaults' },
      { path: 'scripts/deploy.ts', what: 'deploy / diff / destroy: checks credentials and bootstrap, then runs `cdk` stack by stack in dependency order' },
      { path: 'test/', what: 'vitest: template assertions, cdk-nag, the deploy plan, and unit tests' },
      { path: '.serverless-pattern.json', what: 'What the generator produced: lets `create-serverless-pattern upgrade` merge newer templates with your edits' },
    ],
  },
  {
    folder: 'service',
    when: () => true,
    dependencies: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'zod'],
    devDependencies: ['@types/aws-lambda', 'aws-sdk-client-mock'],
    layout: [
      { path: 'services/<service>/handlers/', what: 'One Lambda handler per operation' },
      { path: 'services/<service>/lib/', what: 'The item schema (also the API model), the DynamoDB repository, HTTP helpers' },
      { path: 'test/services/<service>/', what: 'Handler tests with aws-sdk-client-mock' },
    ],
  },
  {
    // `npm run dev`: the app on localhost, read from the CDK app itself. The emulators of
    // storage-first and auth live in those features' folders (dev/local-*.ts).
    folder: 'dev',
    when: () => true,
    devDependencies: ['dynalite', 'velocityjs', 'ajv', 'ajv-draft-04'],
    scripts: { dev: 'tsx dev/start.ts' },
    layout: [
      { path: 'dev/', what: 'The local stack behind `npm run dev`: the app on localhost, read from the CDK app (see [Develop locally](#develop-locally))' },
    ],
  },
  {
    folder: 'services',
    when: (a) => a.services.length > 1 || a.accounts === 'multi' || (a.domain !== undefined && a.frontend === 'none'),
  },
  {
    // The synchronous POST: a function that stores the item and answers 201. Storage-first replaces it.
    folder: 'create-function',
    when: (a) => a.ingest === 'none',
  },
  {
    folder: 'ingest',
    when: (a) => a.ingest !== 'none',
    layout: [
      { path: 'services/<service>/handlers/ingest.ts', what: 'The consumer: stores what POST accepted into the queue or stream, reporting failed records one by one' },
      { path: 'services/<service>/lib/accepted.ts', what: 'Stores an accepted request as an item at most once (a redelivery is skipped, not written twice)' },
    ],
  },
  {
    folder: 'ingest-sqs',
    when: (a) => a.ingest === 'sqs',
    layout: [{ path: 'infra/constructs/sqs-ingest.ts', what: 'POST → SQS SendMessage (no function), the queue, its dead-letter queue, the consumer and alarms' }],
  },
  {
    folder: 'ingest-kinesis',
    when: (a) => a.ingest === 'kinesis',
    layout: [{ path: 'infra/constructs/kinesis-ingest.ts', what: 'POST → Kinesis PutRecord (no function), the stream, the consumer, its dead-letter queue and alarms' }],
  },
  {
    folder: 'spa',
    when: (answers) => answers.frontend === 'spa',
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
    ],
    scripts: {
      // The SPA is built before anything is synthesized: the site stack deploys frontend/dist
      // (`deploy` runs `build` first).
      build: 'tsc --noEmit && tsc --noEmit -p frontend && vite build frontend',
      test: 'vitest run && vitest run --config frontend/vite.config.ts',
      'dev:site': 'vite frontend',
    },
    layout: [
      { path: 'frontend/', what: 'The React + Vite single-page app, with its own tests (`frontend/src/*.test.tsx`)' },
      { path: 'infra/stacks/site-stack.ts', what: 'The private bucket and the CloudFront distribution of the site' },
      { path: 'infra/stacks/site-content-stack.ts', what: 'Deploys `frontend/dist` and `config.json` (where the APIs are) to the bucket' },
      { path: 'infra/site-api.ts', what: 'How the site reaches each API (`site.apiAccess` in `infra/config.ts`)' },
      { path: 'edge/spa-fallback.js', what: 'The CloudFront Function that serves `index.html` for the app\'s routes' },
    ],
  },
  // How the browser reaches the APIs: each mode brings its own tests and README section.
  { folder: 'spa-direct', when: (a) => a.frontend === 'spa' && a.apiAccess === 'direct' },
  { folder: 'spa-cloudfront', when: (a) => a.frontend === 'spa' && a.apiAccess === 'cloudfront' },
  { folder: 'spa-same-origin', when: (a) => a.frontend === 'spa' && a.apiAccess === 'same-origin' },
  // What the SPA shows first: the items, or (when the APIs trust Cognito) who is signed in.
  { folder: 'spa-open', when: (a) => a.frontend === 'spa' && !a.auth.includes('cognito') },
  {
    folder: 'spa-sign-in',
    when: (a) => a.frontend === 'spa' && a.auth.includes('cognito'),
    dependencies: ['oidc-client-ts'],
    layout: [{ path: 'frontend/src/session.ts', what: 'Sign-in and sign-out with oidc-client-ts (code flow with PKCE); the token goes to the API' }],
  },
  // What the site's bucket behavior runs at the edge; --edge adds one folder per feature.
  { folder: 'site-edge', when: (a) => a.frontend === 'spa' },
  {
    folder: 'edge',
    when: (a) => a.edge.length > 0,
    layout: [{ path: 'test/edge/', what: 'Edge handler tests: CloudFront event fixtures, run in Node' }],
  },
  { folder: 'edge-security-headers', when: (a) => a.edge.includes('security-headers') },
  {
    folder: 'edge-versions',
    when: (a) => a.edge.includes('ab-testing') || a.edge.includes('progressive-rollout'),
    layout: [
      { path: 'edge/version-router.js', what: 'CloudFront Function (viewer request): sticky A/B and rollout routing, shares read from a KeyValueStore' },
      { path: 'edge/version-cookie.js', what: 'CloudFront Function (viewer response): makes each visitor\'s assignment sticky with a cookie' },
    ],
  },
  {
    folder: 'edge-origin-failover',
    when: (a) => a.edge.includes('origin-failover'),
    layout: [{ path: 'infra/constructs/failover-origin.ts', what: 'The origin group: the site bucket, then a second bucket when it answers 5xx/403/404' }],
  },
  {
    folder: 'edge-site-auth',
    when: (a) => a.edge.includes('site-auth'),
    dependencies: ['aws-jwt-verify'],
    devDependencies: ['@aws-sdk/client-ssm'],
    layout: [
      { path: 'edge/site-auth/', what: 'Lambda@Edge (origin request): the site requires a signed-in Cognito user; bundled with esbuild at synth' },
      { path: 'infra/site-sign-in.ts', what: 'Tells the edge function which user pool to trust (an SSM parameter) and lets the site\'s callback URL sign in' },
    ],
  },
  // --auth: parts shared by every mode, one folder per authorizer, and one per mode that says
  // which authorizer guards which route (infra/api-authorization.ts).
  {
    folder: 'auth',
    when: (a) => a.auth !== 'none',
    scripts: { 'dev:token': 'tsx dev/token.ts' },
    layout: [{ path: 'infra/api-authorization.ts', what: 'Which authorizer guards which route (`GET /health` stays public)' }],
  },
  {
    folder: 'auth-cognito',
    when: (a) => a.auth.includes('cognito'),
    layout: [{ path: 'infra/stacks/auth-stack.ts', what: 'The Cognito user pool, the SPA app client and the hosted sign-in domain' }],
  },
  {
    folder: 'auth-lambda',
    when: (a) => a.auth.includes('lambda'),
    dependencies: ['aws-jwt-verify'],
    layout: [
      { path: 'authorizer/', what: 'The Lambda authorizer: verifies the bearer JWT and returns an IAM policy for this API' },
      { path: 'test/authorizer/', what: 'Authorizer tests with real RS256 tokens signed in the test (no network)' },
    ],
  },
  { folder: 'auth-cognito-only', when: (a) => a.auth === 'cognito' },
  { folder: 'auth-lambda-only', when: (a) => a.auth === 'lambda' },
  { folder: 'auth-cognito-lambda', when: (a) => a.auth === 'cognito,lambda' },
];

export function selectedFeatures(answers: Answers): Feature[] {
  return features.filter((feature) => feature.when(answers));
}
