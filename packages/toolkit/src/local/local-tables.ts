import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { LocalApp } from './local-app.js';

export interface LocalTables {
  /** Where DynamoDB answers (AWS_ENDPOINT_URL_DYNAMODB for the functions). */
  readonly endpoint: string;
  readonly names: readonly string[];
  close(): Promise<void>;
}

/**
 * dynalite on loopback, in a thread of its own: under load, the gateway's thread (HTTP, routing,
 * validation) and DynamoDB's are the busiest, and apart they use two cores, not one. Plain
 * JavaScript (no TypeScript loader in a worker), CommonJS; dynalite is the toolkit's own
 * dependency, so the thread is handed its path (the project need not have it).
 */
const dynamoDbThread = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require(workerData.dynalite)({ path: workerData.persist, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => server.close(() => parentPort.postMessage({ closed: true })));
`;

/**
 * DynamoDB on loopback (dynalite: the DynamoDB API over LevelDB, in memory unless `persist`
 * names a folder), with every table of the app created as its CDK definition says: keys,
 * attribute types and indexes.
 */
export async function startTables(app: LocalApp, persist?: string): Promise<LocalTables> {
  const thread = new Worker(dynamoDbThread, { eval: true, workerData: { persist, dynalite: createRequire(import.meta.url).resolve('dynalite') } });
  const [{ port }] = (await once(thread, 'message')) as [{ port: number }];
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const tables = [...app.ofType('AWS::DynamoDB::GlobalTable'), ...app.ofType('AWS::DynamoDB::Table')];
  for (const table of tables) {
    const { KeySchema, AttributeDefinitions, GlobalSecondaryIndexes, LocalSecondaryIndexes } = table.properties;
    const indexes = (list?: Record<string, unknown>[]) => list?.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }));
    try {
      await client.send(
        new CreateTableCommand({
          TableName: app.referenceTo(table),
          KeySchema,
          AttributeDefinitions,
          GlobalSecondaryIndexes: indexes(GlobalSecondaryIndexes),
          LocalSecondaryIndexes: indexes(LocalSecondaryIndexes),
          BillingMode: 'PAY_PER_REQUEST',
        } as ConstructorParameters<typeof CreateTableCommand>[0]),
      );
    } catch (error) {
      // Kept from an earlier run (--persist).
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  client.destroy();
  return {
    endpoint,
    names: tables.map((table) => app.referenceTo(table)),
    // Closed, not terminated: with --persist, LevelDB writes what it holds first.
    close: async () => {
      thread.postMessage('close');
      await once(thread, 'message');
      await thread.terminate();
    },
  };
}
