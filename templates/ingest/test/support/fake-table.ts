import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/**
 * A table in memory behind the mocked document client, honouring the one condition the
 * consumer uses (`attribute_not_exists(id)`), so tests can watch what a replay really does.
 * Ids listed in `failing` fail the way a throttled or unavailable table does.
 */
export function fakeTable(dynamo: AwsClientStub<DynamoDBDocumentClient>, failing: readonly string[] = []) {
  const items = new Map<string, Record<string, unknown>>();
  dynamo.on(PutCommand).callsFake((input: PutCommandInput) => {
    const item = input.Item as { id: string };
    if (failing.includes(item.id)) throw new Error('ProvisionedThroughputExceededException');
    if (input.ConditionExpression === 'attribute_not_exists(id)' && items.has(item.id)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    items.set(item.id, item);
    return {};
  });
  return items;
}
