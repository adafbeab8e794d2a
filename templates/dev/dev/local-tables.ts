import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import type { LocalApp } from './local-app.js';

export interface LocalTables {
  /** Where DynamoDB answers (AWS_ENDPOINT_URL_DYNAMODB for the functions). */
  readonly endpoint: string;
  readonly names: readonly string[];
  close(): Promise<void>;
}

/**
 * DynamoDB on loopback (dynalite: the DynamoDB API over LevelDB, in memory unless `persist`
 * names a folder), with every table of the app created as its CDK definition says: keys,
 * attribute types and indexes.
 */
export async function startTables(app: LocalApp, persist?: string): Promise<LocalTables> {
  const server = dynalite({ path: persist, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
