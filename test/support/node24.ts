import { delimiter, dirname, join } from 'node:path';
import { inject } from 'vitest';

/**
 * An environment whose `node` is Node 24, first on PATH (installed from npm by the e2e
 * project's globalSetup): generated projects need Node 22 or newer, and the end-to-end tests
 * build, run and test them on the Lambda runtime's Node, whatever Node runs the suite.
 * Whatever runs in it (the CLI through `node`, npm and its scripts, tsx, vitest) gets Node 24.
 */
export function onNode24<Env extends Record<string, string>>(env: Env, path: string = process.env.PATH ?? ''): Env & { PATH: string; CREATE_SERVERLESS_PATTERN_TOOLKIT: string } {
  const bin = inject('node24Bin');
  return {
    ...env,
    // The generator writes the toolkit as built here, not a published version, into the projects it makes.
    CREATE_SERVERLESS_PATTERN_TOOLKIT: `file:${inject('toolkitTarball')}`,
    PATH: `${bin}${delimiter}${path}`,
    // Left by the npm that started the suite (`npm test`) for its scripts, and read by every
    // npm below: `npm exec` (npx) puts its global prefix's bin first on PATH, which was the
    // suite's Node's folder. As npm sets them for Node 24 itself:
    npm_config_prefix: dirname(bin),
    npm_config_global_prefix: dirname(bin),
    npm_node_execpath: join(bin, 'node'),
    NODE: join(bin, 'node'),
  };
}
