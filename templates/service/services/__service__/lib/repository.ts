import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Key } from './cursor.js';
import { type Item, type ItemInput, itemInput } from './item.js';

// Created once per execution environment, at module scope, and reused by every invocation.
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const TableName = process.env.TABLE_NAME;

export interface Page {
  readonly items: Item[];
  /** Where the next page starts; absent on the last page. */
  readonly nextKey?: Key;
}

/** Stores a new item; false when an item with that id already exists. */
export async function createItem(item: Item): Promise<boolean> {
  return ifExpected(() =>
    client.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(id)' })),
  );
}

export async function getItem(id: string): Promise<Item | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName, Key: { id } }));
  return Item as Item | undefined;
}

export async function listItems(limit: number, startKey?: Key): Promise<Page> {
  const { Items = [], LastEvaluatedKey } = await client.send(
    new ScanCommand({ TableName, Limit: limit, ExclusiveStartKey: startKey }),
  );
  return { items: Items as Item[], nextKey: LastEvaluatedKey };
}

/** Replaces an existing item's fields, keeping its id and createdAt; undefined when there is no such item. */
export async function replaceItem(id: string, input: ItemInput, now: string): Promise<Item | undefined> {
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName,
        Key: { id },
        ConditionExpression: 'attribute_exists(id)',
        ReturnValues: 'ALL_NEW',
        ...replacement(input, now),
      }),
    );
    return Attributes as Item;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Deletes an item; false when there was none. */
export async function deleteItem(id: string): Promise<boolean> {
  return ifExpected(() =>
    client.send(new DeleteCommand({ TableName, Key: { id }, ConditionExpression: 'attribute_exists(id)' })),
  );
}

async function ifExpected(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * SET every field the input has and REMOVE the optional ones it leaves out, so a PUT
 * replaces the item. Derived from the schema: a field added there needs no change here.
 */
function replacement(input: ItemInput, now: string) {
  const fields = Object.keys(itemInput.shape) as (keyof ItemInput)[];
  const present = fields.filter((field) => input[field] !== undefined);
  const absent = fields.filter((field) => input[field] === undefined);
  const set = [...present.map((field) => `#${field} = :${field}`), '#updatedAt = :updatedAt'];
  return {
    UpdateExpression: `SET ${set.join(', ')}${absent.length ? ` REMOVE ${absent.map((field) => `#${field}`).join(', ')}` : ''}`,
    ExpressionAttributeNames: Object.fromEntries([...fields, 'updatedAt'].map((field) => [`#${field}`, field])),
    ExpressionAttributeValues: Object.fromEntries([
      ...present.map((field) => [`:${field}`, input[field]]),
      [':updatedAt', now],
    ]),
  };
}
