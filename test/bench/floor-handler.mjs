// The floor: the least a DynamoDB-backed handler can do at cold start. It creates the same
// client the generated repository creates, at module scope, and nothing else.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });
