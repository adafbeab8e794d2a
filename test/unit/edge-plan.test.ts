import { describe, expect, it } from 'vitest';
import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { presetOf } from '../../src/options/presets.js';
import { buildPlan } from '../../src/plan/build-plan.js';

const plan = (answers: Partial<Answers>) =>
  buildPlan({ answers: { ...defaultAnswers(), name: 'shop', frontend: 'spa', apiAccess: 'same-origin', ...answers }, packageManager: 'npm' });
const text = (tree: ReturnType<typeof plan>, path: string) => tree.get(path)?.content ?? '';
// Every feature but the version router's two, which cannot go with the sign-in gate.
const gated: Partial<Answers> = { auth: 'cognito,lambda', edge: ['site-auth', 'security-headers', 'origin-failover'] };
const routed: Partial<Answers> = { edge: ['ab-testing', 'progressive-rollout', 'security-headers', 'origin-failover'] };

describe('the --edge plans', () => {
  it('without --edge keep the plain SPA bucket behavior: the SPA fallback, cached, one origin', () => {
    const tree = plan({});
    const edge = text(tree, 'infra/constructs/site-edge.ts');
    expect(edge).toContain("new SpaFallback(scope, 'SpaFallback')");
    expect(edge).toContain('CachePolicy.CACHING_OPTIMIZED');
    expect(edge).toContain('export const strictSecurityHeaders = false;');
    expect([...tree.keys()].filter((path) => path.startsWith('edge/'))).toEqual(['edge/spa-fallback.js']);
  });

  it.each<[string, readonly string[]]>([
    ['security-headers', ['test/infra/strict-headers.test.ts']],
    ['ab-testing', ['edge/version-router.js', 'edge/version-cookie.js', 'infra/constructs/version-routing.ts', 'test/edge/version-routing.test.ts']],
    ['progressive-rollout', ['edge/version-router.js', 'edge/version-cookie.js', 'infra/constructs/version-routing.ts', 'test/edge/version-routing.test.ts']],
    ['origin-failover', ['infra/constructs/failover-origin.ts', 'test/infra/failover-origin.test.ts']],
    [
      'site-auth',
      [
        'edge/site-auth/handler.ts',
        'edge/site-auth/sign-in.ts',
        'edge/site-auth/retry.ts',
        'edge/site-auth/start-once.ts',
        'edge/site-auth/spa-route.ts',
        'infra/constructs/site-auth.ts',
        'infra/site-sign-in.ts',
        'test/edge/site-auth.test.ts',
        'test/edge/site-auth-handler.test.ts',
        'test/infra/site-auth.test.ts',
      ],
    ],
  ])('--edge %s brings its own handlers, constructs and tests', (feature, files) => {
    const tree = plan({ auth: 'cognito', edge: [feature as Answers['edge'][number]] });
    for (const file of files) expect(tree.has(file), file).toBe(true);
  });

  it('say in the README, for each feature, whether it is a CloudFront Function or Lambda@Edge, and why', () => {
    const readme = text(plan(routed), 'README.md');
    expect(text(plan(gated), 'README.md')).toContain('| `site-auth` | Lambda@Edge (viewer request, us-east-1) |');
    expect(readme).toContain('| `ab-testing` | CloudFront Functions (viewer request and response) + KeyValueStore |');
    expect(readme).toContain('| `progressive-rollout` | CloudFront Functions (viewer request and response) + KeyValueStore |');
    expect(readme).toContain('| `security-headers` | a CloudFront response headers policy (strict) |');
    expect(readme).toContain('| `origin-failover` | a CloudFront origin group |');
  });

  it('with every feature the gate allows, compose them on one behavior: failover origin, the sign-in gate at viewer request, strict headers', () => {
    const tree = plan(gated);
    const edge = text(tree, 'infra/constructs/site-edge.ts');
    expect(edge).toContain("new FailoverOrigin(scope, 'FailoverOrigin', props)");
    expect(edge).toContain("new SiteAuth(scope, 'SiteAuth')");
    expect(edge).not.toMatch(/SpaFallback|VersionRouting|CACHING_DISABLED/);
    expect(edge).toContain('eventType: LambdaEdgeEventType.VIEWER_REQUEST');
    expect(edge).toContain('export const strictSecurityHeaders = true;');
    expect(text(tree, 'infra/define-app.ts')).toContain('connectSiteSignIn(auth, siteStack);');
    const pkg = JSON.parse(text(tree, 'package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.dependencies).toHaveProperty('aws-jwt-verify');
    expect(pkg.devDependencies).toHaveProperty('@aws-sdk/client-ssm');
  });

  it('with the version router, compose it with failover and strict headers, the site cached', () => {
    const edge = text(plan(routed), 'infra/constructs/site-edge.ts');
    expect(edge).toContain("new FailoverOrigin(scope, 'FailoverOrigin', props)");
    expect(edge).toContain("new VersionRouting(scope, 'VersionRouting')");
    expect(edge).toContain('cachePolicy: CachePolicy.CACHING_OPTIMIZED');
    expect(edge).not.toMatch(/SiteAuth|SpaFallback|LambdaEdgeEventType/);
  });

  it('with site-auth alone, run the sign-in gate at viewer request and cache the site, with no CloudFront Function beside it', () => {
    const tree = plan({ auth: 'cognito', edge: ['site-auth'] });
    const edge = text(tree, 'infra/constructs/site-edge.ts');
    expect(edge).toContain('eventType: LambdaEdgeEventType.VIEWER_REQUEST');
    expect(edge).toContain('cachePolicy: CachePolicy.CACHING_OPTIMIZED');
    expect(edge).not.toMatch(/SpaFallback|OriginRequestPolicy|CACHING_DISABLED/);
    // The gate does the SPA fallback: the CloudFront Function's files are not shipped.
    expect(tree.has('edge/spa-fallback.js')).toBe(false);
    expect(tree.has('infra/constructs/spa-fallback.ts')).toBe(false);
  });

  it('leave no template syntax behind', () => {
    for (const answers of [gated, routed]) for (const [path, file] of plan(answers)) expect(file.content.replaceAll(/\$\{\{[^}]*\}\}/g, ''), path).not.toMatch(/\{\{|\}\}/);
  });

  it('the secure preset is spa-same-origin with Cognito, the sign-in gate and the strict headers', () => {
    expect(presetOf('secure').answers).toMatchObject({ frontend: 'spa', apiAccess: 'same-origin', auth: 'cognito', edge: ['site-auth', 'security-headers'] });
  });
});
