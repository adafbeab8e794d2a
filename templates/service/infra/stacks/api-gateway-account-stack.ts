import { RemovalPolicy, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { sharedByStagesTag } from '../stage.js';

/**
 * API Gateway's one account-wide setting this app needs: the role it writes REST APIs'
 * execution logs with. There is one such setting per account and region, shared by every
 * REST API there, so it gets a stack of its own per environment, deployed before the
 * services, instead of one per service stack (where the last one deployed would own it, and
 * deleting any service would switch logging off for the others). Every stage deployed to that
 * account and region shares it: its template is the same in every stage (no stage tag), so
 * deploying it again from another stage changes nothing, and destroying a stage leaves it.
 */
export class ApiGatewayAccountStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    // A stack tag (in the cloud assembly, where deploy reads it), and no stage on its resources.
    super(scope, id, { ...props, tags: { ...props.tags, [sharedByStagesTag]: 'true' } });
    Tags.of(this).remove('stage');

    const role = new Role(this, 'CloudWatchRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway: writes the execution logs of the REST APIs in this account and region',
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs')],
    });
    // Deleting this stack leaves the account pointing at the role, for any other API's logs: keep it.
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    new CfnAccount(this, 'Account', { cloudWatchRoleArn: role.roleArn });

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'The account-level role API Gateway uses to write execution logs; AWS publishes this managed policy for exactly that.',
    });
  }
}
