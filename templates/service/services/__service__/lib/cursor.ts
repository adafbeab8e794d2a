import * as z from 'zod/mini';

/** A DynamoDB key, as LastEvaluatedKey and ExclusiveStartKey hold it. */
export type Key = Record<string, unknown>;

/** DynamoDB's LastEvaluatedKey, as an opaque URL-safe token the client passes back. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(token: string): Key | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return key && typeof key === 'object' && !Array.isArray(key) ? (key as Key) : undefined;
  } catch {
    return undefined;
  }
}

/** A cursor from the query string; a token this API did not hand out fails validation. */
export const cursor = z.pipe(
  z.string().check(z.maxLength(2048)),
  z.transform((token, ctx) => {
    const key = decodeCursor(token);
    if (key) return key;
    ctx.issues.push({ code: 'custom', message: 'Not a cursor returned by this API.', input: token });
    return z.NEVER;
  }),
);
