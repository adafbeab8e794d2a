import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Endpoints } from './local-stack.js';
import { devUser } from './local-issuer.js';

/**
 * `npm run dev:token [-- --user <name>]`: a bearer token the local APIs accept, for curl.
 * The dev user is in every group of the user pool; any other name is in none.
 */
// pnpm passes a `--` on to the script (npm and yarn drop it): it separates nothing here.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const { user } = parseArgs({ args, options: { user: { type: 'string', default: devUser.username } } }).values;

let endpoints: Endpoints;
try {
  endpoints = JSON.parse(readFileSync(join(process.cwd(), '.dev', 'endpoints.json'), 'utf8')) as Endpoints;
} catch {
  fail('the local stack is not running: start it with `npm run dev`, then run this in another terminal');
}
if (!endpoints.auth) fail('this app has no sign-in: its APIs need no token');

const response = await fetch(endpoints.auth.tokenEndpoint, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'password', username: user, password: devUser.password }),
});
if (!response.ok) fail(`the local issuer refused: ${await response.text()}`);
const tokens = (await response.json()) as { id_token: string };
console.log(tokens.id_token);
console.error(`A token for ${user}, valid for an hour: curl -H "Authorization: Bearer $(npm run -s dev:token)" ${Object.values(endpoints.apis)[0]}`);

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}
