import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { devUser } from '../local/local-issuer.js';
import type { Endpoints } from '../local/local-stack.js';

/**
 * `serverless-pattern token [--user <name>]`: a bearer token the local APIs accept, for curl,
 * from the running `dev`. The dev user is in every group of the user pool; any other name is in none.
 */
export async function token(argv: string[]): Promise<number> {
  let user: string;
  try {
    // pnpm passes a `--` on to the script (npm and yarn drop it): it separates nothing here.
    const args = argv.filter((arg) => arg !== '--');
    user = parseArgs({ args, options: { user: { type: 'string', default: devUser.username } } }).values.user;
  } catch (error) {
    return fail(`${(error as Error).message}\nusage: serverless-pattern token [--user <name>]`, 2);
  }
  let endpoints: Endpoints;
  try {
    endpoints = JSON.parse(readFileSync(join(process.cwd(), '.dev', 'endpoints.json'), 'utf8')) as Endpoints;
  } catch {
    return fail('the local stack is not running: start it with `npm run dev`, then run this in another terminal', 1);
  }
  if (!endpoints.auth) return fail('this app has no sign-in: its APIs need no token', 1);

  const response = await fetch(endpoints.auth.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: user, password: devUser.password }),
  });
  if (!response.ok) return fail(`the local issuer refused: ${await response.text()}`, 1);
  const tokens = (await response.json()) as { id_token: string };
  console.log(tokens.id_token);
  console.error(`A token for ${user}, valid for an hour: curl -H "Authorization: Bearer $(npm run -s dev:token)" ${Object.values(endpoints.apis)[0]}`);
  return 0;
}

function fail(message: string, code: number): number {
  console.error(`error: ${message}`);
  return code;
}
