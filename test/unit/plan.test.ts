import { describe, expect, it } from 'vitest';
import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { presetOf } from '../../src/options/presets.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderString } from '../../src/plan/render.js';
import { sortedPaths } from '../../src/plan/tree.js';
import { versions } from '../../src/plan/versions.js';

const plan = (answers: Partial<Answers> = {}) =>
  buildPlan({ answers: { ...defaultAnswers(), name: 'shop', ...answers }, packageManager: 'npm' });
const text = (tree: ReturnType<typeof plan>, path: string) => tree.get(path)?.content ?? '';
/** A GitHub Actions expression, `${{ ... }}`, is the workflows' own syntax, not a template's left behind. */
const withoutGithubExpressions = (content: string) => content.replaceAll(/\$\{\{[^}]*\}\}/g, '');

describe('the api plan', () => {
  it('renders the whole project skeleton', () => {
    expect(sortedPaths(plan())).toMatchSnapshot();
  });

  it('renders one folder of handlers, lib and tests per service', () => {
    const tree = plan({ services: ['orders', 'catalog'] });
    for (const service of ['orders', 'catalog']) {
      for (const op of ['create', 'get', 'list', 'update', 'delete']) expect(tree.has(`services/${service}/handlers/${op}.ts`)).toBe(true);
      expect(text(tree, `test/services/${service}/handlers.test.ts`)).toContain(`'../../../services/${service}/handlers/get.js'`);
      expect(text(tree, `test/services/${service}/create.test.ts`)).toContain(`'../../../services/${service}/handlers/create.js'`);
    }
    expect(text(tree, 'infra/service-models.ts')).toContain("catalog: { create: catalogItem.newItem, replace: catalogItem.itemInput },");
  });

  it('writes the answers into infra/config.ts as TypeScript literals', () => {
    const config = text(plan({ region: 'eu-central-1', throttle: { rateLimit: 7, burstLimit: 9 }, cache: true }), 'infra/config.ts');
    expect(config).toContain("appName: 'shop',");
    expect(config).toContain("env: { region: 'eu-central-1' },");
    expect(config).toContain('throttle: { rateLimit: 7, burstLimit: 9 },');
    expect(config).toContain('cache: { enabled: true,');
    expect(config).toContain("services: ['items'],");
  });

  it('pins every dependency to the version map', () => {
    const pkg = JSON.parse(text(plan(), 'package.json')) as { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.name).toBe('shop');
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version).toBe(versions[name as keyof typeof versions]);
    }
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['build', 'test', 'synth', 'deploy', 'destroy', 'diff']));
  });

  it('renames _gitignore and leaves no template syntax behind', () => {
    const tree = plan();
    expect(tree.has('.gitignore')).toBe(true);
    for (const path of sortedPaths(tree)) {
      expect(path).not.toMatch(/\.hbs$|__service__/);
      expect(withoutGithubExpressions(text(tree, path))).not.toMatch(/\{\{[^}]*\}\}/);
    }
  });

  it('draws every route of every service in the README diagram', () => {
    const readme = text(plan({ services: ['orders'] }), 'README.md');
    expect(readme).toContain('```mermaid\nflowchart LR');
    expect(readme).toContain('ordersApi -->|"DELETE /orders/{id}"| ordersdelete');
    expect(readme).toContain('| `POST` | `/orders` | `services/orders/handlers/create.ts` | 201, 400, 409 |');
  });

  it('uses the chosen package manager in the README', () => {
    const tree = buildPlan({ answers: { ...defaultAnswers(), name: 'shop' }, packageManager: 'pnpm' });
    expect(text(tree, 'README.md')).toContain('| `pnpm run test` |');
  });

  it('is deterministic: the same answers render the same bytes', () => {
    const a = plan();
    const b = plan();
    expect(sortedPaths(a)).toEqual(sortedPaths(b));
    for (const path of sortedPaths(a)) expect(text(a, path)).toBe(text(b, path));
  });
});

describe('the storage-first plan', () => {
  const kinds = [
    { ingest: 'sqs', construct: 'SqsIngest', file: 'sqs-ingest', other: 'kinesis-ingest', action: 'SendMessage', label: 'SQS queue' },
    { ingest: 'kinesis', construct: 'KinesisIngest', file: 'kinesis-ingest', other: 'sqs-ingest', action: 'PutRecord', label: 'Kinesis stream' },
  ] as const;

  it.each(kinds)('with --ingest $ingest, replaces the create function by a consumer, per service', ({ ingest, file, other }) => {
    const tree = plan({ ingest, services: ['orders', 'catalog'] });
    for (const service of ['orders', 'catalog']) {
      expect(tree.has(`services/${service}/handlers/create.ts`)).toBe(false);
      expect(tree.has(`test/services/${service}/create.test.ts`)).toBe(false);
      expect(tree.has(`services/${service}/handlers/ingest.ts`)).toBe(true);
      expect(tree.has(`services/${service}/lib/accepted.ts`)).toBe(true);
      expect(text(tree, `test/services/${service}/ingest.test.ts`)).toContain(`'../../../services/${service}/handlers/ingest.js'`);
    }
    expect(tree.has(`infra/constructs/${file}.ts`)).toBe(true);
    expect(tree.has(`test/infra/${file}.test.ts`)).toBe(true);
    expect(tree.has(`infra/constructs/${other}.ts`)).toBe(false);
  });

  it.each(kinds)('with --ingest $ingest, routes POST to the construct instead of a function', ({ ingest, construct, file }) => {
    const tree = plan({ ingest });
    const stack = text(tree, 'infra/stacks/service-stack.ts');
    expect(stack).toContain(`import { ${construct} } from '../constructs/${file}.js';`);
    expect(stack).toContain(`new ${construct}(this, 'Ingest', { service, api: this.api, resource: this.collection, table: this.table, monitoring: this.monitoring });`);
    expect(text(tree, 'infra/stacks/operations.ts')).not.toContain("id: 'Create'");
  });

  it('leaves the api plan without any of it', () => {
    const tree = plan();
    expect(text(tree, 'infra/stacks/service-stack.ts')).not.toMatch(/Ingest/);
    expect(text(tree, 'infra/stacks/operations.ts')).toContain("id: 'Create'");
    expect(sortedPaths(tree).filter((path) => /ingest|accepted/.test(path))).toEqual([]);
  });

  it.each(kinds)('with --ingest $ingest, shows the 202 path and the consumer in the README', ({ ingest, action, label }) => {
    const readme = text(plan({ ingest, services: ['orders'] }), 'README.md');
    expect(readme).toContain(`ordersApi -->|"POST /orders<br/>${action}, 202"| ordersStore`);
    expect(readme).toContain(`ordersStore[("${label}")]`);
    expect(readme).toContain('ordersingest -->|"PutItem, once per id"| ordersTable');
    expect(readme).not.toContain('orderscreate');
    expect(readme).toMatch(new RegExp(`\\| \`POST\` \\| \`/orders\` \\| none: API Gateway calls ${label} \`${action}\`; \`services/orders/handlers/ingest.ts\` stores it later \\| 202, 400, `));
    expect(readme).toContain('## Storage first: accept now, store later');
    expect(readme).toContain(ingest === 'sqs' ? '## Watching the queue and its dead letters' : '## Watching the stream and its dead letters');
    expect(readme).toContain('| `services/<service>/handlers/ingest.ts` |');
  });

  it('combines with other answers: several services, a cache and throttling', () => {
    const tree = plan({ ingest: 'kinesis', services: ['orders', 'catalog'], cache: true, throttle: { rateLimit: 5, burstLimit: 10 } });
    expect(text(tree, 'infra/config.ts')).toContain("services: ['orders', 'catalog'],");
    expect(text(tree, 'README.md')).toContain('catalogApi -->|"POST /catalog<br/>PutRecord, 202"| catalogStore');
  });
});

describe('the auth plans', () => {
  const cognitoFiles = ['infra/stacks/auth-stack.ts', 'infra/constructs/user-directory.ts', 'test/infra/auth-stack.test.ts'];
  const lambdaFiles = ['authorizer/handler.ts', 'authorizer/authorize.ts', 'authorizer/policy.ts', 'authorizer/token-check.ts', 'infra/constructs/jwt-authorizer.ts', 'test/authorizer/authorizer.test.ts', 'test/support/jwt.ts'];
  const dependencies = (tree: ReturnType<typeof plan>) => (JSON.parse(text(tree, 'package.json')) as { dependencies: Record<string, string> }).dependencies;

  it('leaves a public API without auth files, config or stacks, and acknowledges its open methods', () => {
    const tree = plan();
    for (const path of [...cognitoFiles, ...lambdaFiles, 'infra/api-authorization.ts', 'test/infra/authorization.test.ts']) expect(tree.has(path), path).toBe(false);
    expect(text(tree, 'infra/config.ts')).not.toContain('auth:');
    expect(text(tree, 'infra/define-app.ts')).not.toMatch(/AuthStack|authorization/);
    expect(text(tree, 'infra/constructs/service-api.ts')).toContain("id: 'AwsSolutions-APIG4', reason: 'This API has no authorizer");
  });

  it('--auth cognito: a user pool stack whose pool guards every route, configured in infra/config.ts', () => {
    const tree = plan({ auth: 'cognito' });
    for (const path of cognitoFiles) expect(tree.has(path), path).toBe(true);
    for (const path of lambdaFiles) expect(tree.has(path), path).toBe(false);
    expect(text(tree, 'infra/api-authorization.ts')).toContain('new CognitoUserPoolsAuthorizer(');
    expect(text(tree, 'infra/define-app.ts')).toContain('const authorization = apiAuthorization(auth.users);');
    const config = text(tree, 'infra/config.ts');
    expect(config).toContain('selfSignUp: false,');
    // The SPA's dev server is a callback of development stages only: dev on, prod off.
    expect(config).toContain('callbackUrls: [],');
    expect(config.match(/localCallbacks: (true|false),/g)).toEqual(['localCallbacks: false,', 'localCallbacks: true,']);
    expect(config).not.toContain('jwtAuthorizer');
    expect(dependencies(tree)).not.toHaveProperty('aws-jwt-verify');
    expect(text(tree, 'README.md')).toContain('aws cognito-idp admin-create-user');
  });

  it('--auth lambda: a JWT authorizer for an issuer of your choice, with aws-jwt-verify pinned', () => {
    const tree = plan({ auth: 'lambda' });
    for (const path of lambdaFiles) expect(tree.has(path), path).toBe(true);
    for (const path of cognitoFiles) expect(tree.has(path), path).toBe(false);
    expect(text(tree, 'authorizer/token-check.ts')).toContain('JwtRsaVerifier.create(');
    expect(text(tree, 'infra/define-app.ts')).toContain('const authorization = apiAuthorization();');
    const config = text(tree, 'infra/config.ts');
    expect(config).toContain("audience: ['shop-api'],");
    // An issuer that accepts nothing is a placeholder the deploy's pre-check refuses by name, never a working-looking URL.
    expect(config).toContain("issuer: 'https://REPLACE_WITH_YOUR_ISSUER/',");
    expect(config).not.toContain('example.com');
    // Deploy's tooling is the toolkit's (serverless-pattern deploy), not the project's.
    for (const path of ['scripts/deploy.ts', 'scripts/aws-account.ts', 'infra/deploy-plan.ts', 'infra/kept-resources.ts']) expect(tree.has(path), path).toBe(false);
    expect(config).toContain('cacheTtlSeconds: 300,');
    expect(config).not.toContain('cognito:');
    expect(dependencies(tree)['aws-jwt-verify']).toBe(versions['aws-jwt-verify']);
    expect(text(tree, 'README.md')).toContain('## The Lambda authorizer');
  });

  it('--auth cognito,lambda: both, the Lambda authorizer verifying the same pool and a group on DELETE', () => {
    const tree = plan({ auth: 'cognito,lambda' });
    for (const path of [...cognitoFiles, ...lambdaFiles]) expect(tree.has(path), path).toBe(true);
    expect(text(tree, 'authorizer/token-check.ts')).toContain('CognitoJwtVerifier.create(');
    expect(text(tree, 'infra/api-authorization.ts')).toContain("route.method === 'DELETE'");
    expect(text(tree, 'infra/config.ts')).toContain("requiredGroup: 'admins',");
    expect(text(tree, 'infra/config-types.ts')).toContain('readonly jwtAuthorizer: JwtAuthorizerConfig;');
    expect(text(tree, 'README.md')).toContain('| `DELETE` | Lambda (`authorizer/`) |');
  });

  it.each(['cognito', 'lambda', 'cognito,lambda'] as const)('--auth %s leaves no template syntax behind', (auth) => {
    const tree = plan({ auth, services: ['orders', 'catalog'] });
    for (const path of sortedPaths(tree)) expect(withoutGithubExpressions(text(tree, path)), path).not.toMatch(/\{\{[^}]*\}\}/);
  });
});

describe('rendering', () => {
  it('is strict: a missing variable is an error, not an empty string', () => {
    expect(() => renderString('{{missing}}', {})).toThrow(/missing/);
  });

  it('does not HTML-escape code', () => {
    expect(renderString('{{value}}', { value: "a < b && c > 'd'" })).toBe("a < b && c > 'd'");
  });

  it('writes strings as single-quoted TypeScript literals, escaped', () => {
    expect(renderString('{{ts value}}', { value: ["it's", 'a\\b'] })).toBe("['it\\'s', 'a\\\\b']");
  });
});

describe('the operations the README describes', () => {
  it.each(['none', 'sqs', 'kinesis'] as const)('are the ones the generated CDK code routes to a function (--ingest %s)', async (ingest) => {
    const { functionOperations } = await import('../../src/plan/operations.js');
    const cdk = text(plan({ ingest }), 'infra/stacks/operations.ts');
    const routed = [...cdk.matchAll(/handler: '(\w+)', method: '(\w+)', on: '(\w+)'/g)].map(([, handler, method, on]) => `${method} ${on === 'item' ? '/x/{id}' : '/x'} ${handler}`);
    expect(routed).toEqual(functionOperations({ storageFirst: ingest !== 'none' }).map((op) => `${op.method} ${op.route('/x')} ${op.handler}`));
  });
});

describe('microservices', () => {
  it('puts each service in its own account and region, with a profile to fill in', () => {
    const config = text(
      plan({
        pattern: 'microservices',
        services: ['orders', 'catalog'],
        accounts: 'multi',
        serviceAccounts: [
          { service: 'orders', account: '111111111111' },
          { service: 'catalog', account: '222222222222', region: 'eu-west-1' },
        ],
      }),
      'infra/config.ts',
    );
    expect(config).toContain("    orders: {\n      account: '111111111111',\n      region: 'us-east-1',\n      // profile: 'orders',\n    },");
    expect(config).toContain("    catalog: {\n      account: '222222222222',\n      region: 'eu-west-1',");
    expect(config).not.toContain('apiDomain');
  });

  it('gives each service of a multi-account app its own domain, in a zone of its own account', () => {
    const config = text(
      plan({ services: ['orders', 'catalog'], accounts: 'multi', domain: 'api.example.com', serviceAccounts: [{ service: 'orders', account: '111111111111' }, { service: 'catalog', account: '222222222222' }] }),
      'infra/config.ts',
    );
    expect(config).toContain("domain: { name: 'orders.api.example.com', zoneName: 'orders.api.example.com', hostedZoneId: 'REPLACE_WITH_HOSTED_ZONE_ID' },");
  });

  it('serves every service of a single-account app under one domain, in the parent zone', () => {
    const config = text(plan({ services: ['orders', 'catalog'], domain: 'api.example.com' }), 'infra/config.ts');
    expect(config).toContain("apiDomain: { name: 'api.example.com', zoneName: 'example.com', hostedZoneId: 'REPLACE_WITH_HOSTED_ZONE_ID' },");
    expect(config).not.toContain('serviceTargets');
  });
});

describe('the SPA plans', () => {
  const spa = (apiAccess: Answers['apiAccess'], more: Partial<Answers> = {}) => plan({ pattern: 'spa', frontend: 'spa', apiAccess, ...more });

  it('add the frontend, the site stacks and the SPA fallback only when a SPA is chosen', () => {
    const tree = spa('direct');
    for (const path of ['frontend/src/App.tsx', 'frontend/vite.config.ts', 'frontend/.gitignore', 'infra/stacks/site-stack.ts', 'infra/stacks/site-content-stack.ts', 'edge/spa-fallback.js', 'test/infra/site-stack.test.ts']) {
      expect(tree.has(path), path).toBe(true);
    }
    expect(sortedPaths(plan()).some((path) => path.startsWith('frontend/') || path.includes('site'))).toBe(false);
    expect(text(tree, 'frontend/src/service.ts')).toContain("export const service = 'items';");
  });

  it('build the SPA in the build script and before deploying, and pin its packages', () => {
    const pkg = JSON.parse(text(spa('direct'), 'package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.scripts.build).toBe('tsc --noEmit && tsc --noEmit -p frontend && vite build frontend');
    // deploy runs build (which builds the SPA) before the toolkit's credential-checking deploy.
    expect(pkg.scripts.deploy).toBe('npm run build && serverless-pattern deploy');
    expect(pkg.scripts.test).toContain('--config frontend/vite.config.ts');
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version).toBe(versions[name as keyof typeof versions]);
    }
    expect(pkg.devDependencies).toHaveProperty('vite');
    expect(pkg.dependencies).toHaveProperty('react');
  });

  it.each([
    ['direct', 'EDGE'],
    ['cloudfront', 'REGIONAL'],
    ['same-origin', 'REGIONAL'],
  ] as const)('with --api-access %s, write the mode and a %s endpoint into infra/config.ts, with that mode\'s tests', (apiAccess, endpoint) => {
    const tree = spa(apiAccess);
    const config = text(tree, 'infra/config.ts');
    expect(config).toContain(`apiAccess: '${apiAccess}',`);
    expect(config).toContain(`endpointType: '${endpoint}',`);
    const preset = ({ direct: 'spa', cloudfront: 'spa-regional-api', 'same-origin': 'spa-same-origin' } as const)[apiAccess];
    expect(text(tree, 'test/infra/api-access.test.ts')).toContain(`(pattern ${presetOf(preset).number})`);
    expect(text(tree, 'README.md')).toContain(`## How the browser reaches the API (\`site.apiAccess: '${apiAccess}'\`)`);
  });

  it('draw the chosen topology in the README diagram', () => {
    const diagram = (apiAccess: Answers['apiAccess']) => text(spa(apiAccess), 'README.md');
    expect(diagram('direct')).toContain("client -->|\"HTTPS, CORS from the site's origin\"| itemsApi");
    expect(diagram('cloudfront')).toContain("client -->|\"HTTPS, CORS from the site's origin\"| itemsCdn");
    expect(diagram('cloudfront')).toContain('itemsCdn -->|"x-api-key"| itemsApi');
    expect(diagram('same-origin')).toContain('siteCdn -->|"/api/*, no CORS, x-api-key"| itemsApi');
    expect(diagram('same-origin')).toContain('itemsApi -->|"GET /api/items"| itemslist');
    for (const mode of ['direct', 'cloudfront', 'same-origin'] as const) expect(diagram(mode)).toContain('siteCdn -->|"/* via OAC"| siteBucket');
  });

  it('route the API under /api on a shared distribution, in the README too', () => {
    expect(text(spa('same-origin'), 'README.md')).toContain('| `GET` | `/api/items` | `services/items/handlers/list.ts` |');
    expect(text(spa('direct'), 'README.md')).toContain('| `GET` | `/items` | `services/items/handlers/list.ts` |');
  });

  it('give several services one /api/<service>* behavior each on a shared distribution', () => {
    const readme = text(spa('same-origin', { services: ['orders', 'catalog'] }), 'README.md');
    expect(readme).toContain('siteCdn -->|"/api/orders*, no CORS, x-api-key"| ordersApi');
    expect(readme).toContain('siteCdn -->|"/api/catalog*, no CORS, x-api-key"| catalogApi');
  });

  it('put a custom domain and its hosted zone into infra/config.ts, for the certificate stack', () => {
    const tree = spa('direct', { domain: 'app.example.com' });
    expect(text(tree, 'infra/config.ts')).toContain("domain: { name: 'app.example.com', zoneName: 'example.com', hostedZoneId: 'REPLACE_WITH_HOSTED_ZONE_ID' },");
    expect(text(tree, 'README.md')).toContain('client -->|"https://app.example.com"| siteCdn');
    expect(text(spa('direct', { domain: 'example.com' }), 'infra/config.ts')).toContain("zoneName: 'example.com'");
    expect(text(spa('direct'), 'infra/config.ts')).not.toContain('domain:');
  });

  it('leave no template syntax behind', () => {
    for (const mode of ['direct', 'cloudfront', 'same-origin'] as const) {
      const tree = spa(mode, { domain: 'app.example.com' });
      for (const path of sortedPaths(tree)) expect(withoutGithubExpressions(text(tree, path))).not.toMatch(/\{\{[^}]*\}\}/);
    }
  });
});
