import type { Answers } from '../options/answers.js';
import { generatorVersion } from '../package-info.js';
import { type PackageManager, packageManagers } from '../steps/package-manager.js';
import { architectureDiagram } from './diagram.js';
import { operations } from './operations.js';
import { presets } from '../options/presets.js';
import type { Feature } from './features.js';

export interface PlanInput {
  readonly answers: Answers;
  readonly packageManager: PackageManager;
}

/**
 * What templates see: the answers plus values derived from them once, here, so templates
 * stay free of logic.
 */
export function renderContext({ answers, packageManager }: PlanInput, features: readonly Feature[]) {
  const preset = presets[answers.pattern];
  return {
    ...answers,
    generatorVersion,
    preset: { id: answers.pattern, ...preset },
    pm: { name: packageManager, ...packageManagers[packageManager] },
    endpointType: 'EDGE',
    firstService: answers.services[0],
    auth: authContext(answers.auth),
    diagram: architectureDiagram(answers),
    layout: features.flatMap((feature) => feature.layout ?? []),
    routes: answers.services.flatMap((service) =>
      operations.map((op) => ({ service, method: op.method, path: op.route(service), handler: op.handler, status: op.status })),
    ),
  };
}

export type RenderContext = ReturnType<typeof renderContext>;

/** Which authorizers guard the APIs, as flags templates can test (`{{#if auth.cognito}}`). */
export function authContext(mode: Answers['auth']) {
  const cognito = mode.includes('cognito');
  const lambda = mode.includes('lambda');
  return { mode, any: cognito || lambda, cognito, lambda, cognitoOnly: cognito && !lambda, lambdaOnly: lambda && !cognito, both: cognito && lambda };
}
