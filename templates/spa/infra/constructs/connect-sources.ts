import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { connectSourcesResourceType } from '../page-policy.js';
import { stageOf } from '../stage.js';
import { FunctionBundles } from './function-bundles.js';
import { removalPolicy } from './removal-policy.js';
import type { SecurityHeaders } from './security-headers.js';

export interface ConnectSourcesProps {
  /** The site's response headers (SiteStack). */
  readonly headers: SecurityHeaders;
  /** The exact origins the page connects to besides its own (page-policy.ts's connectOrigins). */
  readonly sources: readonly string[];
}

/**
 * Names the exact origins the page connects to in the connect-src of the site's content
 * security policy header, once they exist. The site stack, with its response headers policy,
 * deploys before the APIs: they allow CORS from the distribution's address, which exists only
 * once the distribution does, so the policy cannot name their addresses, and CloudFormation
 * cannot resolve a reference each way. This custom resource, in the last stack, writes them
 * into the policy (a function that reads the policy and writes it back with that one directive
 * changed), on the first deploy and whenever they change.
 *
 * The site stack's own connect-src names the sign-in hosts only, so until this runs on the
 * first deploy (with nothing served yet), and for the minutes between the site stack's update
 * and this stack's in a deploy that changes the site's headers, the page may not call the
 * APIs. Drift detection shows the directive as changed outside CloudFormation: it was.
 */
export class ConnectSources extends Construct {
  constructor(scope: Construct, id: string, props: ConnectSourcesProps) {
    super(scope, id);
    const stage = stageOf(this);
    const { account, partition } = Stack.of(this);
    const policyId = props.headers.policy.responseHeadersPolicyId;

    const logGroup = new LogGroup(this, 'Logs', { retention: stage.logRetention, removalPolicy: removalPolicy(this) });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Writes the page's exact connect sources into the site's response headers policy",
    });
    logGroup.grantWrite(role);
    role.addToPolicy(
      new PolicyStatement({
        actions: ['cloudfront:GetResponseHeadersPolicyConfig', 'cloudfront:UpdateResponseHeadersPolicy'],
        resources: [`arn:${partition}:cloudfront::${account}:response-headers-policy/${policyId}`],
      }),
    );

    const writer = new Function(this, 'Function', {
      code: FunctionBundles.of(this).code('infra/constructs/connect-sources-handler.ts'),
      handler: 'index.handler',
      description: "Writes the page's exact connect sources into the site's response headers policy (at deploy time)",
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(1),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
    });

    new CustomResource(this, 'Resource', {
      serviceToken: writer.functionArn,
      resourceType: connectSourcesResourceType,
      properties: {
        PolicyId: policyId,
        ConnectSources: [...props.sources],
        // Unused by the function: when the site stack changes its policy, CloudFormation writes it
        // back whole, connect-src included, and this change makes the resource write it again.
        SitePolicy: props.headers.contentSecurityPolicy,
      },
    });
  }
}
