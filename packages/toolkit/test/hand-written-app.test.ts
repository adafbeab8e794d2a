import { createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../src/local/local-stack.js';
import { appDependencies, installedAppDependencies } from './support/app-dependencies.js';
import { type DevProcess, startDev } from './support/dev-process.js';

/**
 * The contract between the toolkit and a CDK app (README.md, "Running a CDK app you wrote"):
 * `dev` serves an app this generator never wrote, with no serverless-pattern metadata in it
 * (fixtures/hand-written-app: a RestApi with NodejsFunction proxy routes, a request model, a
 * Cognito authorizer, a table, a queue fed by a direct SQS integration and drained by a
 * NodejsFunction, a plain JavaScript function from a folder, a Python function and a state
 * machine, which nothing local runs; fixtures/hand-written-site: a plain Vite app).
 */
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/**
 * The app in a folder of its own, installed as its author would have it: its dependencies in
 * package.json, node_modules (linked to a cached install) and the lock file beside them;
 * with `site`, the Vite app in frontend/ too.
 */
function handWrittenApp({ site = false } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'hand-written-app-'));
  cpSync(join(fixtures, 'hand-written-app'), root, { recursive: true });
  if (site) cpSync(join(fixtures, 'hand-written-site'), root, { recursive: true });
  const installed = installedAppDependencies();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ ...manifest, dependencies: appDependencies }, null, 2)}\n`);
  symlinkSync(join(installed, 'node_modules'), join(root, 'node_modules'), 'dir');
  cpSync(join(installed, 'package-lock.json'), join(root, 'package-lock.json'));
  return root;
}

/** What GetNote signs a note with: the secret's local value, which it reads through Powertools Parameters and the local stack's SSM. */
const signed = (id: string) => createHmac('sha256', 'local-signing-key').update(id).digest('hex');

const endpointsOf = (root: string) => JSON.parse(readFileSync(join(root, '.dev', 'endpoints.json'), 'utf8')) as Endpoints;

describe('dev on a CDK app written by hand', () => {
  let root: string;
  let dev: DevProcess;
  let endpoints: Endpoints;
  let api: string;

  beforeAll(async () => {
    root = handWrittenApp();
    // One of the two secrets GetNote declares has a local value.
    writeFileSync(join(root, 'secrets.local.json'), JSON.stringify({ NOTES_SIGNING_KEY: 'local-signing-key' }));
    // Port 0: the APIs and the local issuer each on a free port, named in .dev/endpoints.json.
    dev = await startDev(root, ['--port', '0']);
    endpoints = endpointsOf(root);
    api = Object.values(endpoints.apis)[0]!;
  });

  afterAll(() => {
    dev?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown) => fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const signedIn = async () => {
    const { tokenEndpoint, user, password } = endpoints.auth!;
    const response = await fetch(tokenEndpoint, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: user, password }) });
    expect(response.status).toBe(200);
    const { id_token } = (await response.json()) as { id_token: string };
    return { authorization: `Bearer ${id_token}` };
  };

  it('names each REST API by its construct id, and the user pool’s sign-in, in .dev/endpoints.json', () => {
    expect(Object.keys(endpoints.apis)).toEqual(['notesapi']);
    expect(endpoints.auth).toMatchObject({ user: 'dev', issuer: expect.stringMatching(/^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9-]+_local\w+$/) });
  });

  it('names the resource type it does not run on a line of its own when it starts', () => {
    const named = dev.lines.filter((line) => line.includes('AWS::StepFunctions::StateMachine'));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(/^\s*Not emulated\s+AWS::StepFunctions::StateMachine \(1\): not emulated; calls to it fail locally$/);
  });

  it('names the declared secret that secrets.local.json lacks when it starts, and answers SSM GetParameter for the others from it', async () => {
    expect(dev.lines.filter((line) => line.includes('Secret missing'))).toEqual([
      expect.stringMatching(/^\s*Secret missing\s+NOTES_EXPORT_TOKEN: add it to secrets\.local\.json/),
    ]);
    const ssm = (Name: string) =>
      fetch(new URL(api).origin, { method: 'POST', headers: { 'x-amz-target': 'AmazonSSM.GetParameter', 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ Name, WithDecryption: true }) });
    const found = await ssm('/notes/dev/secrets/NOTES_SIGNING_KEY');
    expect(await found.json()).toMatchObject({ Parameter: { Name: '/notes/dev/secrets/NOTES_SIGNING_KEY', Type: 'SecureString', Value: 'local-signing-key' } });
    const missing = await ssm('/notes/dev/secrets/NOTES_EXPORT_TOKEN');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ __type: 'ParameterNotFound', message: 'Parameter /notes/dev/secrets/NOTES_EXPORT_TOKEN not found: add "NOTES_EXPORT_TOKEN" to secrets.local.json' });
  });

  it('names the function behind a route that it cannot run (Python) when it starts, and answers that route 501 saying so', async () => {
    const named = dev.lines.filter((line) => line.includes('Notes-LegacyExport'));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(/^\s*Not emulated\s+AWS::Lambda::Function \(1\): Notes-LegacyExport \(python3\.13\) not run locally: /);
    const exported = await fetch(`${api}/export`);
    expect(exported.status).toBe(501);
    expect(await exported.json()).toEqual({ message: 'Notes-LegacyExport does not run locally: only Node.js functions whose code the toolkit finds do' });
  });

  it('runs a Lambda proxy route, and the note it writes to the table reads back through another function behind the Cognito authorizer', async () => {
    const created = await post('/notes', { text: 'Buy milk' });
    expect(created.status).toBe(201);
    const note = (await created.json()) as { id: string; text: string };
    expect(note).toMatchObject({ id: expect.any(String), text: 'Buy milk', source: 'api' });

    const read = await fetch(`${api}/notes/${note.id}`, { headers: await signedIn() });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ ...note, signature: signed(note.id), readBy: 'dev' });
  });

  it('runs a function whose code is a plain asset folder, as it is', async () => {
    const health = await fetch(`${api}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });

  it('rejects a body its request model does not allow with 400, before the function runs', async () => {
    const refused = await post('/notes', { txt: 'no text field' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ message: 'Invalid request body' });
  });

  it('answers 401 on the Cognito-protected route without a token, and with a token it did not sign', async () => {
    expect((await fetch(`${api}/notes/any`)).status).toBe(401);
    expect((await fetch(`${api}/notes/any`, { headers: { authorization: 'Bearer not.a.token' } })).status).toBe(401);
  });

  it('queues a POST through the direct SQS integration, and the queue’s consumer writes it to the table', async () => {
    const accepted = await post('/imports', { id: 'imported-1', text: 'From the queue' });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ queued: true });

    // Drained: the consumer ran and the queue deleted the message (after the handler returned, so after its write).
    const waiting = async () => {
      const queues = (await (await fetch(`${new URL(api).origin}/__dev/queues`)).json()) as Record<string, { messages: unknown[] }>;
      return Object.values(queues).flatMap((queue) => queue.messages).length;
    };
    const deadline = Date.now() + 15_000;
    while ((await waiting()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await waiting()).toBe(0);

    const read = await fetch(`${api}/notes/imported-1`, { headers: await signedIn() });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ id: 'imported-1', text: 'From the queue', source: 'import', signature: signed('imported-1'), readBy: 'dev' });
  });

  it('stops on Ctrl-C with exit code 0, taking .dev/endpoints.json with it', async () => {
    expect(await dev.interrupt()).toBe(0);
    expect(existsSync(join(root, '.dev', 'endpoints.json'))).toBe(false);
  });
});

describe('dev on a CDK app written by hand, with a Vite app in frontend/', () => {
  let root: string;
  let dev: DevProcess;

  beforeAll(async () => {
    root = handWrittenApp({ site: true });
    dev = await startDev(root, ['--port', '0', '--site-port', '0']);
  });

  afterAll(() => {
    dev?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('serves the site on Vite’s dev server, its /config.json naming each API’s local URL (the app has no site-config metadata)', async () => {
    const { site, apis } = endpointsOf(root);
    const page = await fetch(site!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Notes, by hand</title>');

    const config = (await (await fetch(`${site}/config.json`)).json()) as { apis: Record<string, string> };
    expect(config).toEqual({ apis: { notesapi: apis.notesapi } });
    expect((await fetch(`${config.apis.notesapi}/health`)).status).toBe(200);
  });

  it('stops on Ctrl-C with exit code 0', async () => {
    expect(await dev.interrupt()).toBe(0);
  });
});
