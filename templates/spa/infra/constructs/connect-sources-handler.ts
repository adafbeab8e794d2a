import { CloudFrontClient, GetResponseHeadersPolicyConfigCommand, UpdateResponseHeadersPolicyCommand } from '@aws-sdk/client-cloudfront';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { withConnectSources } from '../page-policy.js';

const cloudFront = new CloudFrontClient({});

/** What the custom resource says (infra/constructs/connect-sources.ts). */
interface Properties {
  readonly PolicyId: string;
  readonly ConnectSources: readonly string[];
}

/**
 * The custom resource that writes the exact origins the page connects to into the site's
 * response headers policy, when it is created and whenever they change. A deletion changes
 * nothing: the policy goes with the site stack, or keeps origins that are then unused.
 */
export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<void> {
  const { PolicyId, ConnectSources } = event.ResourceProperties as unknown as Properties;
  let failure: string | undefined;
  try {
    if (event.RequestType !== 'Delete') await writeConnectSources(cloudFront, PolicyId, ConnectSources);
  } catch (error) {
    console.error(JSON.stringify({ message: 'Could not write the connect sources', policyId: PolicyId, error: String(error) }));
    failure = String(error);
  }
  // CloudFormation waits for this answer at the presigned address it gave, signed without a content type.
  const answer = await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '' },
    body: JSON.stringify({
      Status: failure ? 'FAILED' : 'SUCCESS',
      Reason: failure ?? `See ${context.logGroupName} ${context.logStreamName}`,
      PhysicalResourceId: PolicyId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    }),
  });
  if (!answer.ok) throw new Error(`CloudFormation did not take the answer: ${answer.status}`);
}

/**
 * Replaces the policy's connect-src, nothing else. CloudFront replaces a policy whole, so its
 * configuration is read first, and written back only if its version (ETag) is still the one read.
 */
export async function writeConnectSources(client: CloudFrontClient, id: string, sources: readonly string[]): Promise<void> {
  const { ResponseHeadersPolicyConfig: config, ETag } = await client.send(new GetResponseHeadersPolicyConfigCommand({ Id: id }));
  const csp = config?.SecurityHeadersConfig?.ContentSecurityPolicy;
  if (!config || !csp?.ContentSecurityPolicy) throw new Error(`Response headers policy ${id} has no content security policy`);
  const policy = withConnectSources(csp.ContentSecurityPolicy, sources);
  if (policy === csp.ContentSecurityPolicy) return;
  const securityHeaders = { ...config.SecurityHeadersConfig, ContentSecurityPolicy: { ...csp, ContentSecurityPolicy: policy } };
  await client.send(new UpdateResponseHeadersPolicyCommand({ Id: id, IfMatch: ETag, ResponseHeadersPolicyConfig: { ...config, SecurityHeadersConfig: securityHeaders } }));
}
