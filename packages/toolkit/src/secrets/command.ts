/**
 * A stage's secrets, in SSM Parameter Store (SecureString, the account's AWS-managed key):
 *
 *   serverless-pattern secret set <NAME> [--stage name] [--profile name]    the value from stdin
 *   serverless-pattern secret list [--stage name] [--profile name]          names and last change, never values
 *   serverless-pattern secret remove <NAME> [--stage name] [--profile name]
 *
 * Where they go comes from the app: it synthesizes the stage (`--stage` is the context value
 * `stage`, as for deploy) and reads which functions declare which secrets, and under which
 * path (declared.ts), from the cloud assembly; each region those functions deploy to gets
 * the value. `set` reads the value from stdin, never from the command line, so that it stays
 * out of the shell's history and the process list.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DeleteParameterCommand, paginateDescribeParameters, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { stackProfile, stageOf } from '../deploy/app-metadata.js';
import { UsageError } from '../deploy/arguments.js';
import { assemblyDir, cdk } from '../deploy/cdk.js';
import { declaredSecrets, secretNamePattern, secretNameRule, secretsMetadataKey } from './declared.js';

const actions = ['set', 'list', 'remove'] as const;
type Action = (typeof actions)[number];

const usage = 'serverless-pattern secret set|remove <NAME> | list [--stage name] [--profile name]';

interface SecretArguments {
  readonly action: Action;
  readonly name?: string;
  readonly stage?: string;
  readonly profile?: string;
}

/** Where a stage's secrets live: one path, in each account and region that runs a function declaring one. */
interface SecretStore {
  readonly path: string;
  readonly declared: ReadonlySet<string>;
  readonly targets: readonly { readonly profile?: string; readonly region?: string }[];
}

/** Runs the command in `project` (the folder with cdk.json); 2 for bad usage, 1 for any other failure. */
export async function runSecretCommand(args: readonly string[], project = process.cwd(), stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  try {
    const options = parseSecretArguments(args);
    // Bad usage stops here, before the synth.
    cdk(['synth', '--quiet', ...(options.stage ? ['--context', `stage=${options.stage}`] : [])], project);
    const store = secretStore(new CloudAssembly(join(project, assemblyDir)), options.profile);
    await actionsTable[options.action](store, options, stdin);
    return 0;
  } catch (error) {
    console.error(`error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

export function parseSecretArguments(args: readonly string[]): SecretArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: args.filter((arg) => arg !== '--'),
      allowPositionals: true,
      options: { stage: { type: 'string' }, profile: { type: 'string' } },
    });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('. ')[0]!.replace(/\.$/, '');
    throw new UsageError(`${reason}: usage: ${usage}`);
  }
  const { values, positionals } = parsed;
  const [action, name, ...rest] = positionals;
  if (!actions.includes(action as Action)) throw new UsageError(`${action === undefined ? 'no action' : `unknown action "${action}"`}: usage: ${usage}`);
  const takesName = action !== 'list';
  if (takesName && name === undefined) throw new UsageError(`secret ${action} needs a NAME: usage: ${usage}`);
  if (rest.length > 0 || (!takesName && name !== undefined)) {
    // The likely mistake: the value itself on the command line, where the shell's history keeps it.
    throw new UsageError(`unexpected argument "${takesName ? rest[0] : name}": ${action === 'set' ? 'set reads the value from stdin' : `usage: ${usage}`}`);
  }
  if (name !== undefined && !secretNamePattern.test(name)) throw new UsageError(`secret name "${name}": use ${secretNameRule}`);
  for (const flag of ['stage', 'profile'] as const) {
    if (values[flag] === '') throw new UsageError(`--${flag} needs a name: usage: ${usage}`);
  }
  return { action: action as Action, name, stage: values.stage, profile: values.profile };
}

/** The path and declared names the stage's functions read, and the account and region of each. */
function secretStore(assembly: CloudAssembly, profileFlag: string | undefined): SecretStore {
  const stage = stageOf(assembly);
  const profile = profileFlag ?? stage?.profile ?? process.env.AWS_PROFILE;
  const declarations = assembly.stacksRecursively.flatMap((stack) =>
    stack.findMetadataByType(secretsMetadataKey).map((entry) => ({ stack, secrets: declaredSecrets(entry.data, entry.path) })),
  );
  const paths = [...new Set(declarations.map(({ secrets }) => secrets.path))];
  if (paths.length === 0) throw new UsageError(`no function${stage ? ` of stage ${stage.name}` : ''} declares a secret: declare it first (${secretsMetadataKey}; in a generated project, ServiceFunction's \`secrets\`)`);
  if (paths.length > 1) throw new Error(`the app's functions read secrets under two paths (${secretsMetadataKey}): ${paths.join(', ')}`);
  const targets = new Map<string, { profile?: string; region?: string }>();
  for (const { stack } of declarations) {
    const target = { profile: stackProfile(stack) ?? profile, region: stack.environment.region === 'unknown-region' ? undefined : stack.environment.region };
    targets.set(JSON.stringify(target), target);
  }
  return { path: paths[0]!, declared: new Set(declarations.flatMap(({ secrets }) => secrets.names)), targets: [...targets.values()] };
}

type Run = (store: SecretStore, options: SecretArguments, stdin: NodeJS.ReadableStream) => Promise<void>;

const actionsTable: Record<Action, Run> = {
  async set(store, { name }, stdin) {
    if (!store.declared.has(name!)) throw new UsageError(`no function declares ${name}: declared are ${[...store.declared].join(', ')}`);
    const value = await readValue(stdin, name!);
    await eachTarget(store, (ssm) => ssm.send(new PutParameterCommand({ Name: `${store.path}/${name}`, Value: value, Type: 'SecureString', Overwrite: true })));
    console.log(`${store.path}/${name} set (SecureString)`);
  },
  async list(store) {
    await eachTarget(store, async (ssm, where) => {
      const found = new Map<string, Date | undefined>();
      const pages = paginateDescribeParameters({ client: ssm }, { ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: [store.path] }] });
      for await (const page of pages) {
        for (const parameter of page.Parameters ?? []) found.set(parameter.Name!.slice(store.path.length + 1), parameter.LastModifiedDate);
      }
      console.log(`${store.path}${where}:`);
      for (const name of [...new Set([...store.declared, ...found.keys()])].sort()) {
        const modified = found.get(name);
        const state = !found.has(name) ? 'not set' : `set ${modified?.toISOString() ?? ''}`.trim();
        console.log(`  ${name.padEnd(24)}  ${state}${store.declared.has(name) ? '' : ' (no function declares it)'}`);
      }
    });
  },
  async remove(store, { name }) {
    await eachTarget(store, async (ssm, where) => {
      try {
        await ssm.send(new DeleteParameterCommand({ Name: `${store.path}/${name}` }));
      } catch (error) {
        if (error instanceof ParameterNotFound) throw new Error(`${store.path}/${name} is not set${where}`);
        throw error;
      }
    });
    console.log(`${store.path}/${name} removed`);
  },
};

/** Runs `call` with a client for each account and region, naming them in what it prints when there are several. */
async function eachTarget(store: SecretStore, call: (ssm: SSMClient, where: string) => Promise<unknown>) {
  for (const target of store.targets) {
    const ssm = new SSMClient({ maxAttempts: 2, profile: target.profile, region: target.region });
    const where = store.targets.length > 1 ? ` (${target.region ?? 'default region'}${target.profile ? `, profile ${target.profile}` : ''})` : '';
    try {
      await call(ssm, where);
    } finally {
      ssm.destroy();
    }
  }
}

/** All of stdin, less the one line break `echo` or a typed Enter adds. */
async function readValue(stdin: NodeJS.ReadableStream, name: string): Promise<string> {
  if ((stdin as { isTTY?: boolean }).isTTY) console.error(`The value of ${name}, then Enter and Ctrl-D:`);
  let value = '';
  for await (const chunk of stdin) value += String(chunk);
  value = value.replace(/\r?\n$/, '');
  if (value === '') throw new UsageError(`no value for ${name} on stdin: e.g. pbpaste | serverless-pattern secret set ${name}`);
  return value;
}
