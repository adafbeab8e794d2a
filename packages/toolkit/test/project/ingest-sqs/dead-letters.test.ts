import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { awsCall, deadLetters, localQueue } from '../support/dead-letters.js';
import { collections } from '../support/local-api.js';
import { storeItem } from '../support/store-item.js';

describe.each(collections)('the %s queue, running locally', (service, collection) => {
  it('moves a message that can never be an item to the dead-letter queue at once, with the reason, and loses nothing else', async () => {
    // The API's model refuses such a body with 400, so it comes from another producer.
    const refused = JSON.stringify({ id: randomUUID(), item: { name: '   ' } });
    const before = await storeItem(collection, { name: 'Before' });
    const { url } = await localQueue(collection, service, 'Queue');
    await awsCall(collection, 'AmazonSQS.SendMessage', { QueueUrl: url, MessageBody: refused });
    const after = await storeItem(collection, { name: 'After' });

    const dead = await vi.waitFor(
      async () => {
        const messages = (await deadLetters(collection, service)).filter((message) => message.body === refused);
        expect(messages).toHaveLength(1);
        return messages[0]!;
      },
      { timeout: 10_000, interval: 100 },
    );
    // Sent there by the consumer on its first receive, with why; not redriven after maxReceiveCount (5)
    // failed receives, which would have taken five visibility timeouts deployed.
    expect(dead.attributes).toEqual({ reason: expect.stringMatching(/item\.name: Must not be blank/), messageId: expect.any(String) });
    expect([before.name, after.name]).toEqual(['Before', 'After']);
  });
});
