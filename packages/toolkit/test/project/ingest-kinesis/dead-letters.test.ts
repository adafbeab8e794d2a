import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { awsCall, deadLetters } from '../support/dead-letters.js';
import { collections } from '../support/local-api.js';
import { storeItem } from '../support/store-item.js';

describe.each(collections)('the %s stream, running locally', (service, collection) => {
  it('puts a record that can never be an item in the dead-letter queue at once, with the reason, and stores the records around it', async () => {
    // The API's model refuses such a body with 400, so it comes from another producer.
    const refused = JSON.stringify({ id: randomUUID(), item: { name: '   ' } });
    const streams = (await (await fetch(new URL('/__dev/streams', collection))).json()) as Record<string, { arn: string }>;
    const [, stream] = Object.entries(streams).find(([name]) => name.endsWith(`-${service}-Ingest-Stream`))!;
    const before = await storeItem(collection, { name: 'Before' });
    const put = await awsCall(collection, 'Kinesis_20131202.PutRecord', { StreamARN: stream.arn, PartitionKey: randomUUID(), Data: Buffer.from(refused).toString('base64') });
    const after = await storeItem(collection, { name: 'After' });

    const dead = await vi.waitFor(
      async () => {
        const messages = (await deadLetters(collection, service)).filter((message) => message.body === refused);
        expect(messages).toHaveLength(1);
        return messages[0]!;
      },
      { timeout: 10_000, interval: 100 },
    );
    // Whole, with where it was: not retried, so it never held up its shard.
    expect(dead.attributes).toMatchObject({ shardId: put.ShardId, sequenceNumber: put.SequenceNumber, reason: expect.stringMatching(/item\.name: Must not be blank/) });
    expect([before.name, after.name]).toEqual(['Before', 'After']);
  });
});
