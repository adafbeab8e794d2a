import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogRetention } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { stageOf } from '../stage.js';

/**
 * The regions with a CloudFront regional edge cache, where Lambda@Edge runs a function and
 * writes its logs (AWS lists the caches by city; these are their regions' codes). Add a
 * region when `aws logs describe-log-groups --region <region> --log-group-name-prefix
 * /aws/lambda/us-east-1.` finds a group of the function that is not made here.
 */
export const lambdaAtEdgeRegions = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
] as const;

/** The id aws-cdk-lib gives the one function in a stack that sets log groups' retention. */
const retentionProviderId = 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a';

export interface EdgeFunctionLogsProps {
  /** The Lambda@Edge function, in us-east-1. */
  readonly function: IFunction;
}

/**
 * The log groups of a Lambda@Edge function, made before it first runs so that they keep the
 * stage's `logRetention`. Lambda@Edge logs in the region of the regional edge cache that ran
 * the function, to `/aws/lambda/us-east-1.<function name>`, and would create that group itself
 * with no retention: its logs would be kept, and billed, forever. A stack deploys to one
 * region, so aws-cdk-lib's LogRetention custom resource creates each group from this one (or
 * sets the retention of a group already there), region by region.
 *
 * The groups stay when the stack is deleted, as the function does: CloudFront still holds
 * copies of it for hours, and a group deleted before they are gone could come back without
 * retention. `npm run destroy` prints the loop that deletes them.
 */
export class EdgeFunctionLogs extends Construct {
  constructor(scope: Construct, id: string, props: EdgeFunctionLogsProps) {
    super(scope, id);
    const logGroupName = `/aws/lambda/us-east-1.${props.function.functionName}`;
    for (const region of lambdaAtEdgeRegions) {
      new LogRetention(this, region, { logGroupName, logGroupRegion: region, retention: stageOf(this).logRetention, removalPolicy: RemovalPolicy.RETAIN });
    }

    const provider = Stack.of(this).node.tryFindChild(retentionProviderId);
    if (provider) {
      Validations.of(provider).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'aws-cdk-lib\'s function that creates the Lambda@Edge log groups in each region; the managed policy lets it write its own logs, which it keeps a day.',
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: 'aws-cdk-lib\'s LogRetention function sets the retention of log groups in other regions, created as it runs, so its policy cannot name them ahead.',
        },
        { id: 'AwsSolutions-L1', reason: 'The runtime of aws-cdk-lib\'s own LogRetention function moves with its releases.' },
      );
    }
  }
}
