import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { defineApp } from '../../infra/define-app.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };

/**
 * An empty CDK app with the context `cdk synth` gives it from cdk.json (feature flags such as
 * weak cross-stack references), so tests assert what deploys. The templates are what is
 * under test, not the bundles: esbuild is skipped.
 */
export function newApp(): App {
  return new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
}

function build() {
  const app = newApp();
  return { app, ...defineApp(app) };
}

let built: ReturnType<typeof build> | undefined;

/** The whole app as `cdk synth` builds it, built (and synthesized) once per test file. */
export function testApp() {
  built ??= build();
  return built;
}

/** The stack a service deploys as. */
export function serviceStack(service: string) {
  const stack = testApp().services.find((candidate) => candidate.service === service);
  if (!stack) throw new Error(`No stack for service ${service}`);
  return stack;
}
