/**
 * The construct metadata an app may add to its App (`app.node.addMetadata(key, value)`) to
 * tell the toolkit what it cannot infer; an app without it still runs (see README.md).
 */
export const metadataKeys = {
  /** `{ service, restApi, collectionPath }[]`: the name of each API's collection in .dev/endpoints.json, its RestApi's CfnResource path, and the collection's resource path. */
  services: 'serverless-pattern:services',
  /** The site's /config.json as deployed (tokens allowed): what `dev` and `preview` serve at /config.json. */
  siteConfig: 'serverless-pattern:site-config',
  /** On a function's CfnFunction: its handler's source file, relative to the project root, which `dev` bundles and rebuilds as it changes. */
  entry: 'serverless-pattern:entry',
} as const;
