import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/**
 * Something `cdk destroy` leaves in the account: a resource whose removal policy keeps it
 * (tables, buckets and user pools an app retains; the Lambda@Edge function; CDK's API
 * Gateway logging role), or a log group a Lambda function created for itself.
 */
export interface KeptResource {
  readonly stack: string;
  /** The resource whose physical id `command` needs (for a log group Lambda created: the function). */
  readonly logicalId: string;
  /** What it is and where it comes from, e.g. `DynamoDB table (deletion protection on): app-items/Table`. */
  readonly what: string;
  /** What to know before deleting it. */
  readonly note?: string;
  /** Why it outlives the stack: its removal policy, or Lambda created it outside the stack. */
  readonly keptBy: 'removal policy' | 'Lambda';
  /** The shell command that deletes it, given that physical id and where the stack was. */
  command(physicalId: string, where: Where): string;
}

/** Where a stack was deployed, and with which profile. */
export interface Where {
  /** Undefined: the region of the profile or environment. */
  readonly region?: string;
  readonly profile?: string;
}

/** The AWS CLI options that point a command at `where`. */
function at({ region, profile }: Where): string {
  return [region && `--region ${region}`, profile && `--profile ${profile}`].filter(Boolean).join(' ');
}

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly DeletionPolicy?: string;
  readonly Metadata?: Record<string, unknown>;
}

const kept = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** What destroying these stacks keeps, read from their synthesized templates. */
export function keptResources(stacks: readonly CloudFormationStackArtifact[]): KeptResource[] {
  return stacks.flatMap((stack) => {
    const resources: Record<string, Resource> = stack.template.Resources ?? {};
    const entries: KeptResource[] = [];
    for (const [logicalId, resource] of Object.entries(resources)) {
      const path = `${stack.stackName}/${pathOf(resource, logicalId)}`;
      const keep = (what: string, command: KeptResource['command'], note?: string, keptBy: KeptResource['keptBy'] = 'removal policy') =>
        entries.push({ stack: stack.stackName, logicalId, what: `${what}: ${path}`, note, keptBy, command });

      const edge = resource.Type === 'AWS::Lambda::Function' && isEdgeFunction(resource, resources);
      if (resource.Type === 'AWS::Lambda::Function') {
        if (edge) {
          // Lambda@Edge writes its logs in each region that ran it, as /aws/lambda/us-east-1.<name>.
          keep(
            'log groups of a Lambda@Edge function, one in each region that ran it',
            (name, where) =>
              `for region in $(aws ec2 describe-regions --query 'Regions[].RegionName' --output text ${at(where)}); do aws logs delete-log-group --log-group-name /aws/lambda/us-east-1.${name} ${at({ ...where, region: '"$region"' })} 2>/dev/null; done`,
            'their events expire after the function\'s log retention; the groups stay',
            'Lambda',
          );
        } else if (!hasOwnLogGroup(logicalId, resource, resources)) {
          keep(
            'log group Lambda created for a CDK helper function',
            (name, where) => `aws logs delete-log-group --log-group-name /aws/lambda/${name} ${at(where)}`,
            'it never expires; it exists once the function has run',
            'Lambda',
          );
        }
      }
      if (!kept.has(resource.DeletionPolicy ?? 'Delete')) continue;

      switch (resource.Type) {
        case 'AWS::DynamoDB::GlobalTable':
        case 'AWS::DynamoDB::Table': {
          const props = resource.Properties ?? {};
          const protectedTable = props.DeletionProtectionEnabled === true || (props.Replicas ?? []).some((replica: Record<string, unknown>) => replica.DeletionProtectionEnabled === true);
          if (protectedTable) {
            keep('DynamoDB table (deletion protection on)', (name, where) => `aws dynamodb update-table --table-name ${name} --no-deletion-protection-enabled ${at(where)} && aws dynamodb delete-table --table-name ${name} ${at(where)}`);
          } else {
            keep('DynamoDB table', (name, where) => `aws dynamodb delete-table --table-name ${name} ${at(where)}`);
          }
          break;
        }
        case 'AWS::Cognito::UserPool':
          if (resource.Properties?.DeletionProtection === 'ACTIVE') {
            keep(
              'Cognito user pool (deletion protection on)',
              (id, where) => `aws cognito-idp update-user-pool --user-pool-id ${id} --deletion-protection INACTIVE ${at(where)} && aws cognito-idp delete-user-pool --user-pool-id ${id} ${at(where)}`,
              'its users go with it',
            );
          } else {
            keep('Cognito user pool', (id, where) => `aws cognito-idp delete-user-pool --user-pool-id ${id} ${at(where)}`, 'its users go with it');
          }
          break;
        case 'AWS::S3::Bucket':
          keep('S3 bucket', (name, where) => `aws s3 rb s3://${name} --force ${at(where)}`);
          break;
        case 'AWS::Logs::LogGroup':
          keep('log group', (name, where) => `aws logs delete-log-group --log-group-name ${name} ${at(where)}`);
          break;
        case 'AWS::SQS::Queue':
          keep('SQS queue', (url, where) => `aws sqs delete-queue --queue-url ${url} ${at(where)}`, 'messages still in it go with it');
          break;
        case 'AWS::Kinesis::Stream':
          keep('Kinesis stream', (name, where) => `aws kinesis delete-stream --stream-name ${name} ${at(where)}`, 'billed by the hour until deleted');
          break;
        case 'AWS::IAM::Role': {
          const policies = managedPolicies(resource, stack.environment.region);
          // IAM is global: no region.
          const profile = (where: Where) => (where.profile ? ` --profile ${where.profile}` : '');
          const detach = (name: string, where: Where) => policies.map((arn) => `aws iam detach-role-policy --role-name ${name} --policy-arn ${arn}${profile(where)} && `).join('');
          const apiGatewayLogs = Object.values(resources).some((other) => other.Type === 'AWS::ApiGateway::Account' && JSON.stringify(other.Properties).includes(`"${logicalId}"`));
          keep(
            apiGatewayLogs ? 'IAM role API Gateway writes execution logs with' : 'IAM role',
            (name, where) => `${detach(name, where)}aws iam delete-role --role-name ${name}${profile(where)}`,
            apiGatewayLogs ? 'the account\'s API Gateway settings in this region may still name it: keep it while other REST APIs there write execution logs' : undefined,
          );
          break;
        }
        case 'AWS::Lambda::Function':
          keep(
            edge ? 'Lambda@Edge function, with its versions' : 'Lambda function, with its versions',
            (name, where) => `aws lambda delete-function --function-name ${name} ${at(where)}`,
            edge ? 'Lambda deletes it only once CloudFront has removed its copies at the edge, a few hours after the distribution is gone: run this then' : undefined,
          );
          break;
        // An account setting, not a resource: nothing to delete. Versions go with their function.
        case 'AWS::ApiGateway::Account':
        case 'AWS::Lambda::Version':
          break;
        default:
          keep(resource.Type, (id) => `# delete ${id} in the AWS console or with the AWS CLI`);
      }
    }
    return entries;
  });
}

function pathOf(resource: Resource, logicalId: string): string {
  const path = resource.Metadata?.['aws:cdk:path'];
  // `app-items/Api/Api/Resource` → `Api/Api`: the construct, not its CloudFormation resource.
  return typeof path === 'string' ? path.split('/').slice(1).filter((part) => part !== 'Resource').join('/') : logicalId;
}

/** A function whose role Lambda@Edge may assume. */
function isEdgeFunction(fn: Resource, resources: Record<string, Resource>): boolean {
  const roleId = fn.Properties?.Role?.['Fn::GetAtt']?.[0];
  const role = roleId ? resources[roleId] : undefined;
  return JSON.stringify(role?.Properties?.AssumeRolePolicyDocument ?? {}).includes('edgelambda.amazonaws.com');
}

/** Whether the function logs to a log group of the stack (its own, or the one CDK makes for it) rather than one Lambda creates. */
function hasOwnLogGroup(logicalId: string, fn: Resource, resources: Record<string, Resource>): boolean {
  if (fn.Properties?.LoggingConfig?.LogGroup) return true;
  return Object.values(resources).some((other) => other.Type === 'AWS::Logs::LogGroup' && JSON.stringify(other.Properties?.LogGroupName ?? '').includes(`{"Ref":"${logicalId}"}`));
}

/** The role's managed policy ARNs, with the partition filled in. */
function managedPolicies(role: Resource, region: string): string[] {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return join[1].map(resolve).join(join[0]);
    if ((value as { Ref?: string }).Ref === 'AWS::Partition') return partition;
    throw new Error(`Cannot read the managed policy ${JSON.stringify(value)}`);
  };
  return ((role.Properties?.ManagedPolicyArns ?? []) as unknown[]).map(resolve);
}
