import { App } from 'aws-cdk-lib';
import { defineApp } from '../../infra/define-app.js';

function build() {
  // The templates are what is under test, not the bundles: skip esbuild.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
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
