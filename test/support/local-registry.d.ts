/** See local-registry.js. */
export const ourPackages: readonly string[];
export function writeVerdaccioConfig(dir: string): string;
export function npmUserEnvironment(registry: string, home: string, bins: readonly string[]): Record<string, string>;
export function networkSettings(): Record<string, string>;
