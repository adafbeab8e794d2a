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
 * index.html with a content security policy of its own, naming exactly the origins the page
 * connects to. The response headers policy cannot name them: its stack deploys before the APIs
 * (they allow CORS from the site's address), so it bounds them by service and region
 * (`https://*.execute-api.<region>.amazonaws.com`), and this policy, written with config.json at
 * deploy time, narrows them; a browser enforces both. Without other origins it adds nothing.
 */
export function withConnectPolicy(html: string, origins: readonly string[]): string {
  if (origins.length === 0) return html;
  const policy = `<meta http-equiv="Content-Security-Policy" content="connect-src 'self' ${origins.join(' ')}" />`;
  // Right after the charset, before anything that could connect.
  return html.replace(/(<meta charset="[^"]*"\s*\/?>)/i, `$1\n    ${policy}`);
}
