import { Aws, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { experimental } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, type IVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { config } from '../config.js';
import { type Stage, stageOf } from '../stage.js';
import { EdgeFunctionLogs } from './edge-function-logs.js';

/** Where the stage's sign-in gate finds the user pool and its app client: an SSM parameter in the app's region (infra/site-sign-in.ts writes it). */
export function siteAuthParameterName(stage: Stage): string {
  return `/${stage.prefix}/site-auth/sign-in`;
}

const entry = fileURLToPath(new URL('../../edge/site-auth/handler.ts', import.meta.url));

/** Bundles edge/site-auth into `outputDir/index.js`: one CommonJS file, with the stage's settings written in. */
export function bundleSiteAuth(outputDir: string, stage: Stage) {
  buildSync({
    entryPoints: [entry],
    outfile: `${outputDir}/index.js`,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The Lambda runtime has AWS SDK v3; bundling it would only grow the package.
    external: ['@aws-sdk/*'],
    define: {
      SITE_AUTH_PARAMETER: JSON.stringify(siteAuthParameterName(stage)),
      SITE_AUTH_REGION: JSON.stringify(config.env.region),
      SITE_DOMAIN: JSON.stringify(stage.domain(config.site?.domain)?.name ?? ''),
    },
    logLevel: 'warning',
  });
}

/**
 * The site's sign-in gate: a Lambda@Edge function (CloudFront Functions cannot verify an
 * RS256 signature or call the token endpoint), associated with the bucket behavior in
 * constructs/site-edge.ts. Lambda@Edge functions live in us-east-1:
 * `experimental.EdgeFunction` puts it in the site stack when that is in us-east-1, and
 * otherwise in a stack of its own there (`<app>-site-auth`). It is bundled here with
 * esbuild: Lambda@Edge allows no environment variables, so the few values it needs are
 * written into the bundle.
 *
 * The function and its versions are kept when their stack is deleted: CloudFront removes
 * its copies at the edge only hours after the distribution is gone, and until then Lambda
 * refuses to delete them, which would fail `destroy` half-way. `npm run destroy` prints the
 * command that deletes the function later.
 */
export class SiteAuth extends Construct {
  /** The version CloudFront runs (Lambda@Edge takes versions, never $LATEST). */
  readonly functionVersion: IVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stage = stageOf(this);
    const fn = new experimental.EdgeFunction(this, 'Function', {
      // Outside us-east-1, the function's own stack there, named after the app (and stage).
      stackId: `${stage.prefix}-site-auth`,
      description: `${stage.prefix}: the site's sign-in gate (Lambda@Edge)`,
      // Lambda@Edge runs x86_64 only, on the runtimes it lists (Node.js 22 is the newest).
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.X86_64,
      handler: 'index.handler',
      // The most a viewer-request function may have.
      memorySize: 128,
      timeout: Duration.seconds(5),
      // Old versions stay too: CloudFront may still run them while a new one replicates.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
      code: Code.fromAsset(fileURLToPath(new URL('../../edge/site-auth', import.meta.url)), {
        bundling: {
          // Never used: local bundling always succeeds, so synth needs no Docker.
          image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
          local: {
            tryBundle(outputDir: string) {
              bundleSiteAuth(outputDir, stage);
              return true;
            },
          },
        },
      }),
    });
    fn.lambda.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // Its log groups in every region it runs in, with the stage's retention, beside it in us-east-1.
    new EdgeFunctionLogs(Stack.of(fn.lambda), 'SiteAuthLogs', { function: fn.lambda });
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [`arn:${Aws.PARTITION}:ssm:${config.env.region}:${Aws.ACCOUNT_ID}:parameter${siteAuthParameterName(stage)}`],
      }),
    );
    this.functionVersion = fn.currentVersion;

    Validations.of(fn.lambda).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'Lambda@Edge writes logs to CloudWatch in whichever region serves the request, creating the log group of a region EdgeFunctionLogs does not know; the managed policy grants exactly that.',
      },
      { id: 'AwsSolutions-L1', reason: 'Lambda@Edge supports Node.js 22 at the newest; the regional functions use Node.js 24.' },
    );
    // EdgeFunction reads the function's version ARN back from us-east-1 with a custom resource
    // of aws-cdk-lib's own, in this stack.
    const reader = Stack.of(this).node.tryFindChild('Custom::CrossRegionStringParameterReaderCustomResourceProvider');
    if (reader) {
      Validations.of(reader).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'aws-cdk-lib\'s provider that reads the Lambda@Edge version ARN from us-east-1 during deployments; the managed policy lets it write its logs.',
        },
        {
          id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:us-east-1:<AWS::AccountId>:parameter/cdk/EdgeFunctionArn/*]',
          reason: 'aws-cdk-lib\'s provider reads the parameters EdgeFunction writes under /cdk/EdgeFunctionArn/ in us-east-1, and only those.',
        },
        { id: 'AwsSolutions-L1', reason: 'The runtime of aws-cdk-lib\'s own custom resource provider moves with its releases.' },
      );
    }
  }
}
