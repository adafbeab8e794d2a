import { inject } from 'vitest';

/** The running local stack's URLs (.dev/endpoints.json). */
export const endpoints = inject('endpoints');

const apiRoots = inject('apiRoots');

/** The key each service's API requires, where it requires one: what its CloudFront distribution sends. */
export const apiKeys = inject('apiKeys');

/** Each service's collection URL (e.g. `http://localhost:41234/items`) and its API's root, where `GET /health` is. */
export const collections = Object.entries(endpoints.apis).map(([service, collection]) => [service, collection, apiRoots[service]!] as const);

/** The key CloudFront would add to a request for `url`: that of the service whose collection it is under. */
function apiKeyFor(url: string): string | undefined {
  const [service] = collections.filter(([, collection]) => url.startsWith(collection)).sort(([, a], [, b]) => b.length - a.length)[0] ?? [];
  return service && apiKeys[service];
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/**
 * A request to the local APIs as it arrives through CloudFront: with the dev user's bearer token
 * (when the app has sign-in) unless `token` says otherwise (null: none), and the API key where
 * the API requires one unless `apiKey` says otherwise (null: none).
 */
export async function call(url: string, init: RequestInit & { token?: string | null; apiKey?: string | null } = {}): Promise<Answer> {
  const { token = endpoints.auth ? await devToken() : null, apiKey = apiKeyFor(url), ...request } = init;
  const headers = new Headers(request.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (apiKey) headers.set('x-api-key', apiKey);
  if (request.body) headers.set('content-type', 'application/json');
  const response = await fetch(url, { ...request, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export const send = (url: string, method: string, body: unknown) => call(url, { method, body: JSON.stringify(body) });

const tokens = new Map<string, Promise<string>>();

/** An ID token from the local issuer, as `serverless-pattern token --user <user>` prints it. */
export function devToken(user = 'dev'): Promise<string> {
  const { auth } = endpoints;
  if (!auth) throw new Error('this app has no sign-in');
  let token = tokens.get(user);
  if (!token) {
    token = fetch(auth.tokenEndpoint, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username: user, password: auth.password }),
    }).then(async (response) => ((await response.json()) as { id_token: string }).id_token);
    tokens.set(user, token);
  }
  return token;
}
