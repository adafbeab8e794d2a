import { describe, expect, it } from 'vitest';
import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderString } from '../../src/plan/render.js';
import { sortedPaths } from '../../src/plan/tree.js';
import { versions } from '../../src/plan/versions.js';

const plan = (answers: Partial<Answers> = {}) =>
  buildPlan({ answers: { ...defaultAnswers(), name: 'shop', ...answers }, packageManager: 'npm' });
const text = (tree: ReturnType<typeof plan>, path: string) => tree.get(path)?.content ?? '';

describe('the api plan', () => {
  it('renders the whole project skeleton', () => {
    expect(sortedPaths(plan())).toMatchSnapshot();
  });

  it('renders one folder of handlers, lib and tests per service', () => {
    const tree = plan({ services: ['orders', 'catalog'] });
    for (const service of ['orders', 'catalog']) {
      for (const op of ['create', 'get', 'list', 'update', 'delete']) expect(tree.has(`services/${service}/handlers/${op}.ts`)).toBe(true);
      expect(text(tree, `test/services/${service}/handlers.test.ts`)).toContain(`'../../../services/${service}/handlers/create.js'`);
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
      expect(text(tree, path)).not.toMatch(/\{\{[^}]*\}\}/);
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
    expect(text(tree, 'README.md')).toContain('| `pnpm test` |');
  });

  it('is deterministic: the same answers render the same bytes', () => {
    const a = plan();
    const b = plan();
    expect(sortedPaths(a)).toEqual(sortedPaths(b));
    for (const path of sortedPaths(a)) expect(text(a, path)).toBe(text(b, path));
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
  it('are the ones the generated CDK code routes', async () => {
    const { operations } = await import('../../src/plan/operations.js');
    const cdk = text(plan(), 'infra/stacks/operations.ts');
    const routed = [...cdk.matchAll(/handler: '(\w+)', method: '(\w+)', on: '(\w+)'/g)].map(([, handler, method, on]) => `${method} ${on === 'item' ? '/x/{id}' : '/x'} ${handler}`);
    expect(routed).toEqual(operations.map((op) => `${op.method} ${op.route('x')} ${op.handler}`));
  });
});
