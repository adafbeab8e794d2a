/**
 * The app a generated `api` project deploys into moto, as infra/app.ts. moto deploys Lambda
 * functions (and IAM roles), but not the rest of a service stack (metric-math alarms, a REST
 * API's deployment before its methods), so this app is the service's functions alone, each
 * built by the project's own ServiceFunction as the service stack builds it, each named in an
 * output (what a preview's comment lists), plus the project's CI stacks (`--ci github`); the
 * scripts, the toolkit, the bootstrap and the `cdk` calls are the project's. Also used by
 * `npm run bench` (plain JavaScript for that).
 */
export const functionsOnlyApp = ({ ci = true } = {}) => `import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { readdirSync } from 'node:fs';
${ci ? "import { addCiStacks } from './ci.js';\n" : ''}import { ServiceFunction } from './constructs/service-function.js';
import { stageOf } from './stage.js';

const app = new App();
const stage = stageOf(app);
const stack = new Stack(app, \`\${stage.prefix}-functions\`, { env: stage.env });
for (const file of readdirSync('services/items/handlers')) {
  const id = file.replace(/\\.ts$/, '');
  const { function: fn } = new ServiceFunction(stack, id, { entry: \`services/items/handlers/\${file}\`, description: file });
  new CfnOutput(stack, \`\${id}FunctionName\`, { value: fn.functionName });
}
${ci ? 'addCiStacks(app);\n' : ''}`;
