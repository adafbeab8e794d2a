import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { deadLetters } from '../support/dead-letters.js';
import { collections, send } from '../support/local-api.js';
import { storeItem } from '../support/store-item.js';

describe.each(collections)('the %s stream, running locally', (service, collection) => {
  it('names a record the consumer keeps refusing in the dead-letter queue, and stores the records around it', async () => {
    // The model lets a blank name through; the consumer's schema trims it and refuses it.
    const before = await storeItem(collection, { name: 'Before' });
    const accepted = await send(collection, 'POST', { id: randomUUID(), name: '   ' });
    expect(accepted.status).toBe(202);
    const after = await storeItem(collection, { name: 'After' });

    // Lambda sends the failure destination where the skipped record is (shard and sequence numbers), not the record.
    await vi.waitFor(
      async () => {
        const notes = (await deadLetters(collection, service)).map((message) => JSON.parse(message.body).KinesisBatchInfo);
        expect(notes).toContainEqual(
          expect.objectContaining({ shardId: accepted.body.shardId, startSequenceNumber: accepted.body.sequenceNumber, endSequenceNumber: accepted.body.sequenceNumber, batchSize: 1 }),
        );
      },
      { timeout: 20_000, interval: 250 },
    );
    expect([before.name, after.name]).toEqual(['Before', 'After']);
  });
});
