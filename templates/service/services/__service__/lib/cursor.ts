import * as z from 'zod/mini';

/**
 * Where the next page starts, as an opaque URL-safe token: the id of the last item of this
 * page. Only the id, never the whole DynamoDB key, so a token cannot name a key this API
 * would not build itself.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

const cursorShape = z.strictObject({ after: z.uuid() });

function decodeCursor(token: string): string | undefined {
  try {
    const result = cursorShape.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return result.success ? result.data.after : undefined;
  } catch {
    return undefined;
  }
}

/** A cursor from the query string; anything but a token this API handed out fails validation (400). */
export const cursor = z.pipe(
  z.string().check(z.maxLength(256)),
  z.transform((token, ctx) => {
    const after = decodeCursor(token);
    if (after) return after;
    ctx.issues.push({ code: 'custom', message: 'Not a cursor returned by this API.', input: token });
    return z.NEVER;
  }),
);
