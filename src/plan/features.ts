import type { Answers } from '../options/answers.js';
import type { PackageName } from './versions.js';

export interface Feature {
  /** The folder under templates/ this feature renders. */
  readonly folder: string;
  readonly when: (answers: Answers) => boolean;
  readonly dependencies?: readonly PackageName[];
  readonly devDependencies?: readonly PackageName[];
  readonly scripts?: Readonly<Record<string, string>>;
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
    devDependencies: ['aws-cdk', 'esbuild', 'tsx', 'typescript', 'vitest', '@types/node'],
    scripts: {
      build: 'tsc --noEmit',
      test: 'vitest run',
      synth: 'cdk synth',
      diff: 'cdk diff --all',
      deploy: 'cdk deploy --all',
      destroy: 'cdk destroy --all',
      cdk: 'cdk',
    },
  },
  {
    folder: 'service',
    when: () => true,
    dependencies: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'zod'],
    devDependencies: ['@types/aws-lambda', 'aws-sdk-client-mock'],
  },
];

export function selectedFeatures(answers: Answers): Feature[] {
  return features.filter((feature) => feature.when(answers));
}
