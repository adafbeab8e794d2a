import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/**
 * A table in memory behind the mocked document client, honouring the one condition the
 * consumer uses (`attribute_not_exists(id)`), so tests can watch what a replay really does.
 * Ids in `failing` fail the way a throttled or unavailable table does, until removed.
 * `written` lists the id of every write that went through, in order: a replay stored twice
 * shows there.
 */
export function fakeTable(dynamo: AwsClientStub<DynamoDBDocumentClient>, failing: readonly string[] = []) {
  const items = new Map<string, Record<string, unknown>>();
  const written: string[] = [];
  const failingIds = new Set(failing);
  dynamo.on(PutCommand).callsFake((input: PutCommandInput) => {
    const item = input.Item as { id: string };
    if (failingIds.has(item.id)) throw new Error('ProvisionedThroughputExceededException');
    if (input.ConditionExpression === 'attribute_not_exists(id)' && items.has(item.id)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    items.set(item.id, item);
    written.push(item.id);
    return {};
  });
  return { items, written, failing: failingIds };
}
