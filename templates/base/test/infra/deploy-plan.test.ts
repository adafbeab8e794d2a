import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { defineApp } from '../../infra/define-app.js';
import { deployPlan } from '../../infra/deploy-plan.js';

function app() {
  const cdkApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  defineApp(cdkApp);
  return cdkApp;
}

const stacksOf = (cdkApp: App) => cdkApp.node.children.filter(Stack.isStack);

describe('the deploy plan', () => {
  it('deploys every stack of the app exactly once', () => {
    const cdkApp = app();
    const planned = deployPlan(cdkApp).flatMap((group) => group.stacks);
    expect([...planned].sort()).toEqual(stacksOf(cdkApp).map((stack) => stack.stackName).sort());
  });

  it('deploys each stack after every stack it depends on', () => {
    const cdkApp = app();
    const order = deployPlan(cdkApp).flatMap((group) => group.stacks);
    for (const stack of stacksOf(cdkApp)) {
      for (const dependency of stack.dependencies) {
        expect(order.indexOf(dependency.stackName)).toBeLessThan(order.indexOf(stack.stackName));
      }
    }
  });

  it("uses each stack's own profile, and --profile for the others", () => {
    const cdkApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const { profiles } = defineApp(cdkApp);
    for (const group of deployPlan(cdkApp, { profile: 'team', profiles })) {
      for (const stack of group.stacks) expect(group.profile).toBe(profiles[stack] ?? 'team');
    }
  });

  it('deploys one stack, by its name or its last name part, with exactly what it depends on', () => {
    const cdkApp = app();
    for (const stack of stacksOf(cdkApp)) {
      const needed = new Set<string>();
      const visit = (s: Stack) => {
        needed.add(s.stackName);
        s.dependencies.forEach(visit);
      };
      visit(stack);
      const byName = deployPlan(cdkApp, { only: [stack.stackName] }).flatMap((group) => group.stacks);
      expect(new Set(byName)).toEqual(needed);
      expect(byName.at(-1)).toBe(stack.stackName);
    }
  });

  it('refuses a stack name the app does not have, listing the ones it has', () => {
    expect(() => deployPlan(app(), { only: ['nope'] })).toThrow(/No stack named nope; stacks: /);
  });
});
