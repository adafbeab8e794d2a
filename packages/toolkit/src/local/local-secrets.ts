import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretNamePattern } from '../secrets/declared.js';
import type { LocalApp } from './local-app.js';

/**
 * The local values of the secrets the app's functions declare, from a git-ignored file at
 * the project root, `{ "NAME": "value" }`: what `secret set` stores in SSM for a deployed
 * stage. The functions read them as deployed, with SSM's GetParameter (or GetParameters),
 * which the local stack answers from here (AWS_ENDPOINT_URL_SSM).
 */
export const localSecretsFile = 'secrets.local.json';

export class LocalSecrets {
  /** Every parameter a function declares, by its full name: the secret's name. */
  private readonly declared = new Map<string, string>();
  private readonly values: Readonly<Record<string, string>>;

  constructor(app: LocalApp, root: string) {
    for (const fn of app.ofType('AWS::Lambda::Function')) {
      for (const name of fn.secrets?.names ?? []) this.declared.set(`${fn.secrets!.path}/${name}`, name);
    }
    this.values = readValues(join(root, localSecretsFile));
  }

  /** The declared names, each once, sorted. */
  get names(): string[] {
    return [...new Set(this.declared.values())].sort();
  }

  /** Declared names the local file has no value for: a function that reads one fails with ParameterNotFound. */
  get missing(): string[] {
    return this.names.filter((name) => this.values[name] === undefined);
  }

  /** SSM's JSON API for what Powertools' getParameter(s) sends, over the declared parameters. */
  readonly operations = {
    'AmazonSSM.GetParameter': ({ Name }: { Name?: string }) => {
      const parameter = this.parameter(Name);
      return parameter ? { status: 200, body: { Parameter: parameter } } : { status: 400, body: { __type: 'ParameterNotFound', message: this.notFound(Name) } };
    },
    'AmazonSSM.GetParameters': ({ Names = [] }: { Names?: string[] }) => {
      const found = Names.map((name) => this.parameter(name));
      return { status: 200, body: { Parameters: found.filter(Boolean), InvalidParameters: Names.filter((_, index) => !found[index]) } };
    },
  };

  private parameter(name: string | undefined) {
    const secret = name === undefined ? undefined : this.declared.get(name);
    const value = secret === undefined ? undefined : this.values[secret];
    return value === undefined ? undefined : { Name: name, Type: 'SecureString', Value: value, Version: 1, DataType: 'text' };
  }

  private notFound(name: string | undefined): string {
    const secret = name === undefined ? undefined : this.declared.get(name);
    return secret ? `Parameter ${name} not found: add "${secret}" to ${localSecretsFile}` : `Parameter ${name} not found: no function declares it`;
  }
}

/** The file's values; a file that is not `{ "NAME": "string" }` stops `dev` with a line naming what to fix. */
function readValues(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  let values: unknown;
  try {
    values = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${localSecretsFile}: not JSON (${(error as Error).message})`);
  }
  const entries = values !== null && typeof values === 'object' && !Array.isArray(values) ? Object.entries(values) : undefined;
  const wrong = entries === undefined ? values : entries.find(([name, value]) => !secretNamePattern.test(name) || typeof value !== 'string');
  if (entries === undefined || wrong) throw new Error(`${localSecretsFile}: must be { "NAME": "value", ... } with names in A-Z, 0-9 and _, not ${JSON.stringify(wrong)}`);
  return Object.fromEntries(entries) as Record<string, string>;
}
