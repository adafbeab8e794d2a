import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDescription, AppResource } from './app-resources.js';
import { referencedPath } from './local-names.js';
import { listen } from './local-server.js';
import type { LocalStack } from './local-stack.js';

/**
 * The Lambda@Edge function a distribution runs at viewer request, as deployed: its bundle (an
 * asset folder, or what its local bundling wrote) in a worker like every function, reading
 * its SSM parameters from a local stand-in for SSM (SSM's JSON API, GetParameter only)
 * through AWS_ENDPOINT_URL_SSM. Undefined when no distribution has one.
 */
export async function startEdgeFunction(root: string, stack: LocalStack) {
  const fn = viewerRequestFunction(stack.app.description);
  const code = fn?.code;
  if (!fn || code?.kind !== 'folder') return undefined;
  const [file, handler] = String(fn.properties.Handler ?? 'index.handler').split('.') as [string, string];
  const bundle = ['.js', '.mjs', '.cjs'].map((extension) => join(root, code.folder, `${file}${extension}`)).find(existsSync);
  if (!bundle) return undefined;

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

  const name = 'viewer-request';
  stack.functions.addBundled({
    name,
    entry: bundle,
    bundle,
    handler,
    // Lambda@Edge has no environment variables of its own: these are the runtime's, pointing the SDK here.
    environment: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SSM: ssm.origin },
    timeoutSeconds: Number(fn.properties.Timeout ?? 5),
    memorySize: Number(fn.properties.MemorySize ?? 128),
  });
  return {
    run: (event: CloudFrontRequestEvent) => stack.functions.invoke(name, event) as Promise<CloudFrontRequestResult>,
    close: () => ssm.close(),
  };
}

/**
 * The function behind the first viewer-request association of any distribution: the
 * association names a version (or, for an EdgeFunction outside us-east-1, a custom resource
 * that reads the version's ARN from an SSM parameter in us-east-1), the version its function.
 */
function viewerRequestFunction(description: AppDescription): AppResource | undefined {
  const byPath = new Map(description.resources.map((resource) => [resource.path, resource]));
  const target = (value: unknown) => byPath.get(referencedPath(value) ?? '');
  for (const distribution of description.resources.filter((resource) => resource.type === 'AWS::CloudFront::Distribution')) {
    const config = distribution.properties.DistributionConfig as { DefaultCacheBehavior?: { LambdaFunctionAssociations?: { EventType: string; LambdaFunctionARN: unknown }[] } };
    const association = config.DefaultCacheBehavior?.LambdaFunctionAssociations?.find((candidate) => candidate.EventType === 'viewer-request');
    let resource = association && target(association.LambdaFunctionARN);
    // EdgeFunction's reader (Custom::CrossRegionStringParameterReader) names the parameter at the top level.
    const parameterName = (resource?.properties.ParameterName ?? (resource?.properties.ReaderProps as { parameterName?: string } | undefined)?.parameterName) as string | undefined;
    if (parameterName) resource = target(description.resources.find((candidate) => candidate.type === 'AWS::SSM::Parameter' && candidate.properties.Name === parameterName)?.properties.Value);
    if (resource?.type === 'AWS::Lambda::Version') resource = target(resource.properties.FunctionName);
    if (resource?.type === 'AWS::Lambda::Function') return resource;
  }
  return undefined;
}
