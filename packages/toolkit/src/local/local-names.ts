import { createHash } from 'node:crypto';
import type { AppResource } from './app-resources.js';

/** The account every local ARN names: no real account is involved. */
export const localAccount = '000000000000';

/** A readable local name from a construct path: `shop-items/Table/Resource` → `shop-items-Table`. */
export function localName(path: string): string {
  return path.replace(/\/(Resource|Default)$/, '').replaceAll('/', '-').replace(/[^A-Za-z0-9_.-]/g, '');
}

/** Cognito user pool ids look like `<region>_<id>`; aws-jwt-verify checks that shape. */
export function localUserPoolId(pool: AppResource): string {
  return `${pool.region}_local${shortHash(pool.path)}`;
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The function an integration or authorizer URI invokes: `…/functions/<function ARN>/invocations` → its name. */
export function functionFromUri(uri: string): string {
  const arn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? '';
  return arn.slice(arn.lastIndexOf(':') + 1);
}

/** The construct path a `«ref:<path>#<attribute>»` marker in `value` points at, if it is one. */
export function referencedPath(value: unknown): string | undefined {
  return typeof value === 'string' ? /^«ref:(.+?)#\w+»$/.exec(value)?.[1] : undefined;
}
