import { describe, expect, it } from 'vitest';
import { call, collections } from '../support/local-api.js';

// What API Gateway refuses before any route, authorizer or function sees it, and that the
// local server goes on serving after each: no request can stop `npm run dev`.
const [, collection, apiRoot] = collections[0]!;
const tenMegabytes = 10 * 1024 * 1024;

const stillServing = async () => expect((await fetch(`${apiRoot}/health`)).status).toBe(200);

describe('requests API Gateway refuses, running locally', () => {
  it.each(['%', '%E0%A4%A', '%zz'])('answers a path whose escapes do not decode (%s) with 400, and keeps serving', async (escape) => {
    expect(await call(`${collection}/${escape}`)).toMatchObject({ status: 400, body: { message: 'Bad Request' } });
    await stillServing();
  });

  it('answers a body over 10 MB with its 413 before reading it, whether the length is declared or not', async () => {
    const refused = 'HTTP content length exceeded 10485760 bytes.';
    const declared = await fetch(collection, { method: 'POST', body: Buffer.alloc(tenMegabytes + 1) });
    expect({ status: declared.status, body: await declared.text() }).toEqual({ status: 413, body: refused });
    const chunks = new ReadableStream({
      start(controller) {
        for (let sent = 0; sent <= tenMegabytes; sent += 1024 * 1024) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    const streamed = await fetch(collection, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
    expect({ status: streamed.status, body: await streamed.text() }).toEqual({ status: 413, body: refused });
    await stillServing();
  });

  it('takes a body of exactly 10 MB to the method (whose model refuses zeros)', async () => {
    const answer = await call(collection, { method: 'POST', body: Buffer.alloc(tenMegabytes) });
    expect(answer.status).not.toBe(413);
  });

  it('answers more than 10,240 bytes of headers with 431 rather than a reset connection, and keeps serving', async () => {
    expect((await fetch(`${apiRoot}/health`, { headers: { 'x-padding': 'a'.repeat(9_000) } })).status).toBe(200);
    for (const size of [11_000, 70_000]) {
      expect((await fetch(`${apiRoot}/health`, { headers: { 'x-padding': 'a'.repeat(size) } })).status).toBe(431);
    }
    await stillServing();
  });
});
