import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand, type StackStatus } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { bootstrapStatus, stackResources } from '../../src/deploy/account.js';

const cloudformation = mockClient(CloudFormationClient);
beforeEach(() => cloudformation.reset());

const toolkit = (status: StackStatus) =>
  cloudformation.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves({ Stacks: [{ StackName: 'CDKToolkit', StackStatus: status, CreationTime: new Date() }] });

describe('whether an account and region is bootstrapped', () => {
  it('is when the CDKToolkit stack was created or updated', async () => {
    for (const status of ['CREATE_COMPLETE', 'UPDATE_COMPLETE'] as const) {
      toolkit(status);
      expect(await bootstrapStatus({ region: 'eu-west-1' })).toEqual({ ready: true, status });
    }
  });

  it('is not when its last change failed or has not finished: bootstrapping again repairs it or says why', async () => {
    for (const status of ['ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'CREATE_IN_PROGRESS', 'UPDATE_ROLLBACK_FAILED', 'DELETE_COMPLETE', 'REVIEW_IN_PROGRESS'] as const) {
      toolkit(status);
      expect(await bootstrapStatus({ region: 'eu-west-1' })).toEqual({ ready: false, status });
    }
  });

  it('is not when there is no CDKToolkit stack', async () => {
    cloudformation.on(DescribeStacksCommand).rejects(new Error('Stack with id CDKToolkit does not exist'));
    expect(await bootstrapStatus({ region: 'eu-west-1' })).toEqual({ ready: false });
  });

  it('says so in one line when it cannot tell', async () => {
    cloudformation.on(DescribeStacksCommand).rejects(new Error('Access denied\nmore detail'));
    await expect(bootstrapStatus({ region: 'eu-west-1' })).rejects.toThrow(/^Could not check the CDK bootstrap stack: Access denied$/);
  });
});

describe('the resources of a deployed stack', () => {
  it('maps every logical id to its physical id, across pages', async () => {
    cloudformation
      .on(ListStackResourcesCommand)
      .resolvesOnce({ StackResourceSummaries: [{ LogicalResourceId: 'Table', PhysicalResourceId: 'app-items-Table-1', ResourceType: 'AWS::DynamoDB::GlobalTable', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() }], NextToken: 'next' })
      .resolvesOnce({ StackResourceSummaries: [{ LogicalResourceId: 'Logs', PhysicalResourceId: 'app-items-Logs-2', ResourceType: 'AWS::Logs::LogGroup', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() }] });
    expect(await stackResources({ region: 'eu-west-1' }, 'app-items')).toEqual(new Map([['Table', 'app-items-Table-1'], ['Logs', 'app-items-Logs-2']]));
  });

  it('is empty for a stack that was never deployed', async () => {
    cloudformation.on(ListStackResourcesCommand).rejects(new Error('Stack with id app-items does not exist'));
    expect((await stackResources({ region: 'eu-west-1' }, 'app-items')).size).toBe(0);
  });
});
