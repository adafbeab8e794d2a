import type { IConstruct } from 'constructs';
import { config } from './config.js';
import type { DomainConfig, StageSettings } from './config-types.js';

/** One deployment of the app (`prod`, `dev`, `pr-42`): its settings from infra/config.ts, and its names. */
export interface Stage extends StageSettings {
  readonly name: string;
  /**
   * What every name that must be unique in the account starts with: stack names, buckets,
   * the alarm topic, SSM parameters, the sign-in domain. The default stage keeps the app's
   * own name, so a deployment made before stages existed is never renamed (and replaced);
   * every other stage adds its name: `my-app-dev-items` next to `my-app-items`.
   */
  readonly prefix: string;
  /** Where the stage deploys: its own account if it names one, else `env.account`; the app's region. */
  readonly env: { readonly account?: string; readonly region: string };
  /** `prefix` cut to fit `maxLength` by shortening the app's name, never the stage's. */
  shortPrefix(maxLength: number): string;
  /**
   * A custom domain of infra/config.ts as this stage serves it: as configured for the default
   * stage, `<stage>.<name>` (in the same hosted zone) for the others, e.g. `dev.app.example.com`.
   */
  domain<D extends DomainConfig | undefined>(domain: D): D;
}

/**
 * The tag of a stack that every stage deployed to its account and region shares (API
 * Gateway's account-wide settings): no stage's `destroy` deletes it.
 */
export const sharedByStagesTag = 'shared-by-stages';

/**
 * The tag of a stack that a command of its own deploys, never `deploy` or `destroy`; its
 * value says which. `ci-bootstrap-only`: the roles GitHub Actions deploys with
 * (infra/stacks/ci-stack.ts), which a deploy from a workflow must not be able to change.
 */
export const deployOnlyByTag = 'serverless-pattern:deploy';
export const deployOnlyBy = { ciBootstrap: { [deployOnlyByTag]: 'ci-bootstrap-only' } } as const;

/** Lowercase letters, digits and single hyphens, short enough to fit in bucket names. */
const stageNamePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const maxStageNameLength = 12;

/** The stage called `name`; one not in `config.stages` takes dev's settings (a copy to throw away). */
export function stageNamed(name: string): Stage {
  if (!stageNamePattern.test(name) || name.length > maxStageNameLength) {
    throw new Error(`stage ${JSON.stringify(name)}: use up to ${maxStageNameLength} lowercase letters, digits and hyphens, starting with a letter (e.g. dev, prod, pr-42)`);
  }
  const settings = isListed(name) ? config.stages[name]! : config.stages.dev;
  const suffix = name === config.defaultStage ? '' : `-${name}`;
  const shortPrefix = (maxLength: number) => `${config.appName.slice(0, maxLength - suffix.length).replace(/-+$/, '')}${suffix}`;
  const env = { account: settings.account ?? config.env.account, region: config.env.region };
  const domain = <D extends DomainConfig | undefined>(configured: D): D => (configured && suffix ? { ...configured, name: `${name}.${configured.name}` } : configured);
  return { ...settings, name, env, prefix: `${config.appName}${suffix}`, shortPrefix, domain };
}

/** Whether infra/config.ts lists the stage (an own key: `constructor` is no stage of its). */
export function isListed(name: string): boolean {
  return Object.hasOwn(config.stages, name);
}

/**
 * The stage a construct belongs to: the CDK context value `stage` (`cdk synth -c stage=dev`,
 * `npm run deploy -- --stage dev`), else `config.defaultStage`.
 */
export function stageOf(scope: IConstruct): Stage {
  const name: unknown = scope.node.tryGetContext('stage') ?? config.defaultStage;
  return stageNamed(String(name));
}
