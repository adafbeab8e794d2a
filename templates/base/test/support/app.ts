import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { config } from '../../infra/config.js';
import { defineApp } from '../../infra/define-app.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };

/**
 * An empty CDK app with the context `cdk synth` gives it from cdk.json (feature flags such as
 * weak cross-stack references), so tests assert what deploys. The templates are what is
 * under test, not the bundles: esbuild is skipped. So are CDK's built-in CloudFormation rules,
 * which `npm run synth` and every deploy run on the same templates (cdk-nag, the app's own
 * check, stays): here each app a test synthesizes would run them again, most of the tests' time.
 */
export function newApp(stage?: string): App {
  return new App({ builtinCloudFormationValidation: false, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...(stage && { stage }) } });
}

/** A new app of one stage (`cdk synth -c stage=<name>`); no name: the default stage, as `cdk synth` without one. */
export function build(stage?: string) {
  const app = newApp(stage);
  return { app, ...defineApp(app) };
}

const built = new Map<string, ReturnType<typeof build>>();

/** The whole app of a stage (default: the default stage) as `cdk synth` builds it, built once per test run. */
export function testApp(stage: string = config.defaultStage) {
  let app = built.get(stage);
  if (!app) built.set(stage, (app = build(stage)));
  return app;
}

/** The stack a service deploys as. */
export function serviceStack(service: string) {
  const stack = testApp().services.find((candidate) => candidate.service === service);
  if (!stack) throw new Error(`No stack for service ${service}`);
  return stack;
}
