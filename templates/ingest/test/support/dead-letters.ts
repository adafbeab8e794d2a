/** The messages waiting in a service's dead-letter queue, as the local stack shows them (`/__dev/queues`). */
export async function deadLetters(collection: string, service: string): Promise<{ body: string; receiveCount: number }[]> {
  const queues = (await (await fetch(new URL('/__dev/queues', collection))).json()) as Record<string, { messages: { body: string; receiveCount: number }[] }>;
  const [, queue] = Object.entries(queues).find(([name]) => name.endsWith(`-${service}-Ingest-DeadLetters`)) ?? [];
  if (!queue) throw new Error(`No dead-letter queue for ${service} among ${Object.keys(queues).join(', ')}`);
  return queue.messages;
}
