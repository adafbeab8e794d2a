import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../infra/config.js';
import { bundleSiteAuth } from '../infra/constructs/site-auth.js';
import { stageNamed } from '../infra/stage.js';
import { listen } from './local-server.js';
import type { LocalStack } from './local-stack.js';

/**
 * The site's sign-in gate as the distribution runs it: edge/site-auth bundled exactly as for
 * deployment (infra/constructs/site-auth.ts, with its settings written in), in a worker like
 * every function, reading its SSM parameter from a local stand-in for SSM (SSM's JSON API,
 * GetParameter only) through AWS_ENDPOINT_URL_SSM.
 */
export async function startSiteAuth(root: string, stack: LocalStack) {
  const folder = join(root, '.dev', 'edge', 'site-auth');
  mkdirSync(folder, { recursive: true });
  bundleSiteAuth(folder, stageNamed(config.defaultStage));
  // The bundle is CommonJS in a project whose package.json says "type": "module".
  renameSync(join(folder, 'index.js'), join(folder, 'index.cjs'));

  const parameters = new Map(stack.app.ofType('AWS::SSM::Parameter').map((parameter) => [parameter.properties.Name as string, parameter.properties.Value as string]));
  const ssm = await listen(0);
  ssm.serve((request, response, body) => {
    const { Name } = JSON.parse(body || '{}') as { Name?: string };
    const value = Name === undefined ? undefined : parameters.get(Name);
    const json = (status: number, document: unknown) => response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(document));
    if (request.headers['x-amz-target'] !== 'AmazonSSM.GetParameter') json(400, { __type: 'InvalidAction', message: 'Only GetParameter is emulated' });
    else if (value === undefined) json(400, { __type: 'ParameterNotFound', message: `Parameter ${Name} not found.` });
    else json(200, { Parameter: { Name, Type: 'String', Value: value, Version: 1, DataType: 'text' } });
  });

  const name = 'site-auth';
  stack.functions.addBundled({
    name,
    entry: 'edge/site-auth/handler.ts',
    bundle: join(folder, 'index.cjs'),
    handler: 'handler',
    // Lambda@Edge has no environment variables of its own: these are the runtime's, pointing the SDK here.
    environment: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SSM: ssm.origin },
    timeoutSeconds: 5,
    memorySize: 128,
  });
  return {
    run: (event: CloudFrontRequestEvent) => stack.functions.invoke(name, event) as Promise<CloudFrontRequestResult>,
    close: () => ssm.close(),
  };
}
