/** What the deployment writes to /config.json: the URL of each service's collection. */
export interface RuntimeConfig {
  readonly apis: Readonly<Record<string, string>>;
}

/**
 * Reads /config.json, written next to the app at deploy time, so one build runs against any
 * deployment. Fails loudly: an app that guesses its API would call the wrong one.
 */
export async function loadConfig(fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchFn('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`Could not load /config.json (HTTP ${response.status}).`);
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (typeof config.apis !== 'object' || config.apis === null) throw new Error('/config.json has no "apis".');
  return config as RuntimeConfig;
}

export function apiUrl(config: RuntimeConfig, service: string): string {
  const url = config.apis[service];
  if (!url) throw new Error(`/config.json has no API for "${service}".`);
  return url;
}
