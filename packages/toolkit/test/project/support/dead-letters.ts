export interface QueuedMessage {
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly receiveCount: number;
}

/** A service's queue (`Queue`, or `DeadLetters`), as the local stack shows it (`/__dev/queues`). */
export async function localQueue(collection: string, service: string, queue: 'Queue' | 'DeadLetters') {
  const queues = (await (await fetch(new URL('/__dev/queues', collection))).json()) as Record<string, { url: string; messages: QueuedMessage[] }>;
  const [, found] = Object.entries(queues).find(([name]) => name.endsWith(`-${service}-Ingest-${queue}`)) ?? [];
  if (!found) throw new Error(`No ${queue} queue for ${service} among ${Object.keys(queues).join(', ')}`);
  return found;
}

/** The messages waiting in a service's dead-letter queue. */
export async function deadLetters(collection: string, service: string): Promise<QueuedMessage[]> {
  return (await localQueue(collection, service, 'DeadLetters')).messages;
}

/**
 * Calls an AWS API of the local stack as the AWS SDK does (JSON, the operation in
 * X-Amz-Target): how another producer, or a replay by hand, reaches a queue or stream
 * without going through the API and its model.
 */
export async function awsCall(collection: string, operation: string, request: unknown): Promise<any> {
  const response = await fetch(new URL('/', collection), {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': operation },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`${operation}: ${response.status} ${await response.text()}`);
  return response.json();
}
