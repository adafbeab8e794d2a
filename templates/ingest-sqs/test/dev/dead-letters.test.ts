import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { deadLetters } from '../support/dead-letters.js';
import { collections, send } from '../support/local-api.js';
import { storeItem } from '../support/store-item.js';

describe.each(collections)('the %s queue, running locally', (service, collection) => {
  it('moves a message the consumer keeps refusing to the dead-letter queue, and loses nothing else', async () => {
    // The model lets a blank name through; the consumer's schema trims it and refuses it.
    const refused = JSON.stringify({ id: randomUUID(), name: '   ' });
    const before = await storeItem(collection, { name: 'Before' });
    expect((await send(collection, 'POST', JSON.parse(refused))).status).toBe(202);
    const after = await storeItem(collection, { name: 'After' });

    const dead = await vi.waitFor(
      async () => {
        const messages = (await deadLetters(collection, service)).filter((message) => message.body === refused);
        expect(messages).toHaveLength(1);
        return messages[0]!;
      },
      { timeout: 20_000, interval: 250 },
    );
    // Received maxReceiveCount (5) times before it moved.
    expect(dead.receiveCount).toBe(5);
    expect([before.name, after.name]).toEqual(['Before', 'After']);
  });
});
