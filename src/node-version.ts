/**
 * The Node.js a generated project needs: its `engines.node`, what its tools (jsdom, the
 * AWS SDK from January 2027, ...) support. Node 20 reached its end of life in April 2026;
 * Lambda runs the functions on nodejs24.x. This generator itself still runs on Node 20.19.
 */
export const projectNodeMajor = 22;

/** On an older Node, the one line that says so (create and upgrade print it once); otherwise nothing. */
export function olderNodeNotice(version: string = process.versions.node): string | undefined {
  if (Number(version.split('.')[0]) >= projectNodeMajor) return undefined;
  return `This is Node ${version}: it runs this generator, but the generated project needs Node ${projectNodeMajor} or newer (its engines field says so; Lambda runs Node 24). Use Node ${projectNodeMajor} or 24 to install, test and deploy it.`;
}
