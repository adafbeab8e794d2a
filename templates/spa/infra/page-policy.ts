/** What the deployment writes to /config.json, which the SPA reads when it starts. */
export interface RuntimeConfig {
  /** The URL of each service's collection: an API's own address, or a path on the site. */
  readonly apis: Readonly<Record<string, string>>;
  /**
   * Where the SPA signs in (with --auth cognito): the user pool's issuer and its hosted sign-in
   * domain; with the site's sign-in gate, also the gate's path that signs out.
   */
  readonly auth?: { readonly authority: string; readonly clientId: string; readonly signInUrl: string; readonly signOutPath?: string };
}

/** The custom resource that writes the page's exact connect sources into the site's response headers policy. */
export const connectSourcesResourceType = 'Custom::SiteConnectSources';

/**
 * The origins the page calls besides its own: each API's (none for a path on the site's own
 * origin) and, to sign in, the user pool's and its sign-in domain's. `originOf` turns a URL
 * into its origin: at synth, where the URL is a token, it does that with CloudFormation.
 */
export function connectOrigins(config: RuntimeConfig, originOf: (url: string) => string): string[] {
  const urls = [...Object.values(config.apis), ...(config.auth ? [config.auth.authority, config.auth.signInUrl] : [])];
  return [...new Set(urls.filter((url) => !url.startsWith('/')).map(originOf))];
}

/**
 * A content security policy with its connect-src directive naming the page's own origin and
 * exactly `sources`, every other directive as it was: what the deployment writes into the
 * site's response headers policy once the APIs exist (infra/constructs/connect-sources.ts),
 * and what the local distribution serves.
 */
export function withConnectSources(policy: string, sources: readonly string[]): string {
  const connect = `connect-src ${["'self'", ...sources].join(' ')}`;
  const directives = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean);
  const at = directives.findIndex((directive) => directive.split(/\s+/)[0] === 'connect-src');
  if (at === -1) directives.push(connect);
  else directives[at] = connect;
  return directives.join('; ');
}
