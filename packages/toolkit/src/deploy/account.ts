import { CloudFormationClient, DescribeStacksCommand, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

export interface Target {
  readonly profile?: string;
  /** Undefined: the region of the profile or environment. */
  readonly region?: string;
}

export interface Identity {
  readonly account: string;
  readonly arn: string;
}

// One attempt, short timeouts: with no credentials the answer is "no" in seconds, not a hang.
const quick = { maxAttempts: 1, requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 } } as const;

/** Who the credentials for `target` belong to; throws a one-line error when there are none. */
export async function whoAmI(target: Target): Promise<Identity> {
  const sts = new STSClient({ ...quick, profile: target.profile, region: target.region });
  try {
    const { Account, Arn } = await sts.send(new GetCallerIdentityCommand({}));
    return { account: Account!, arn: Arn! };
  } catch (error) {
    const where = target.profile ? `profile "${target.profile}"` : 'the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO)';
    throw new Error(`No usable AWS credentials from ${where}: ${oneLine(error)}`);
  } finally {
    sts.destroy();
  }
}

/**
 * Whether `cdk bootstrap` has run in this account and region: its CDKToolkit stack exists and
 * its last operation completed. A stack in ROLLBACK_COMPLETE (its creation failed) or
 * UPDATE_ROLLBACK_COMPLETE (its last update failed) does not count: bootstrapping again
 * repairs it, or says why it cannot.
 */
export async function bootstrapStatus(target: Target): Promise<{ ready: boolean; status?: string }> {
  const cloudformation = new CloudFormationClient({ ...quick, profile: target.profile, region: target.region });
  try {
    const { Stacks = [] } = await cloudformation.send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }));
    const status = Stacks[0]?.StackStatus;
    const ready = status !== undefined && status.endsWith('_COMPLETE') && !status.includes('ROLLBACK') && status !== 'DELETE_COMPLETE';
    return { ready, status };
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return { ready: false };
    throw new Error(`Could not check the CDK bootstrap stack: ${oneLine(error)}`);
  } finally {
    cloudformation.destroy();
  }
}

/** The physical id of each resource of a deployed stack, by logical id; empty if the stack does not exist. */
export async function stackResources(target: Target, stackName: string): Promise<Map<string, string>> {
  const cloudformation = new CloudFormationClient({ ...quick, profile: target.profile, region: target.region });
  const ids = new Map<string, string>();
  try {
    for await (const page of paginateListStackResources({ client: cloudformation }, { StackName: stackName })) {
      for (const resource of page.StackResourceSummaries ?? []) {
        if (resource.LogicalResourceId && resource.PhysicalResourceId) ids.set(resource.LogicalResourceId, resource.PhysicalResourceId);
      }
    }
    return ids;
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return ids;
    throw new Error(`Could not list the resources of ${stackName}: ${oneLine(error)}`);
  } finally {
    cloudformation.destroy();
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
