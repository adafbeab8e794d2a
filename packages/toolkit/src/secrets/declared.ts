/**
 * How an app says which secrets a function reads: construct metadata on the function's
 * CfnFunction (`fn.node.defaultChild.node.addMetadata(key, { path, names })`), which `cdk
 * synth` writes into the cloud assembly and the local stack reads from the app. `secret`
 * stores values under `path`; `dev` answers the function's SSM GetParameter for
 * `<path>/<name>` from the local secrets file. The toolkit's README ("Secrets") documents it.
 */
export const secretsMetadataKey = 'serverless-pattern:secrets';

/** The SSM parameters a function reads its secrets from: `<path>/<name>`, SecureString. */
export interface DeclaredSecrets {
  /** `/<app>/<stage>/secrets` in a generated project: no trailing slash. */
  readonly path: string;
  readonly names: readonly string[];
}

/** Upper-case letters, digits and underscores, as an environment variable would be named. */
export const secretNamePattern = /^[A-Z][A-Z0-9_]*$/;

export const secretNameRule = 'upper-case letters, digits and underscores, starting with a letter (e.g. PAYMENT_API_KEY)';

/** The metadata's value, checked; `where` names the function in the error. */
export function declaredSecrets(data: unknown, where: string): DeclaredSecrets {
  const { path, names } = (data ?? {}) as Record<string, unknown>;
  const valid =
    typeof path === 'string' &&
    /^(\/[A-Za-z0-9_.-]+)+$/.test(path) &&
    Array.isArray(names) &&
    names.every((name) => typeof name === 'string' && secretNamePattern.test(name));
  if (!valid) throw new Error(`${where}: ${secretsMetadataKey} must be { path: "/<app>/<stage>/secrets", names: ["NAME", ...] }, not ${JSON.stringify(data)}`);
  return { path, names: names as string[] };
}
