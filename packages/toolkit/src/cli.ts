/**
 * `serverless-pattern <command>`: what a project's scripts run (`npm run dev` →
 * `serverless-pattern dev`). Each command is loaded only when it runs.
 */
interface Command {
  readonly summary: string;
  /** Loads the command's module; the function it returns runs it with the arguments after its name, and gives the exit code. */
  readonly load: () => Promise<(args: string[]) => Promise<number>>;
}

/** deploy, diff and destroy share one module: synthesize once, plan from the assembly, check, then `cdk`. */
const deployCommand = (name: 'deploy' | 'diff' | 'destroy' | 'drift', summary: string): Command => ({
  summary,
  load: async () => {
    const { runDeployCommand } = await import('./deploy/command.js');
    return (args) => runDeployCommand(name, args);
  },
});

const commands: Readonly<Record<string, Command>> = {
  dev: { summary: 'the app on localhost: APIs, functions, tables, queues, sign-in, and the site on Vite', load: async () => (await import('./commands/dev.js')).dev },
  preview: { summary: 'the site built for production, served as its CloudFront distribution serves it', load: async () => (args) => import('./commands/dev.js').then(({ dev }) => dev(args, { preview: true })) },
  token: { summary: 'a bearer token the local APIs accept, from the running dev', load: async () => (await import('./commands/token.js')).token },
  deploy: deployCommand('deploy', 'synthesize once, check credentials, placeholders and bootstrap, then deploy every stack in order'),
  diff: deployCommand('diff', "what deploy would change, stack by stack, in deploy's order"),
  destroy: deployCommand('destroy', 'destroy the stacks in reverse order, and say what they keep and how to delete it'),
  drift: deployCommand('drift', 'whether any stack deploy deploys was changed outside the app (CloudFormation drift); exit 1 if so'),
  sandbox: { summary: 'your own stage in the cloud (sbx-<you>), then code changes hot-swapped into it as you save; --destroy removes it', load: async () => (await import('./sandbox/command.js')).sandbox },
  'ci-bootstrap': { summary: 'deploy the roles GitHub Actions deploys with (stacks tagged ci-bootstrap-only), once per account', load: async () => (await import('./ci/ci-bootstrap-command.js')).ciBootstrap },
  'ci-role': { summary: 'which role a GitHub Actions job assumes for a stage, written to $GITHUB_OUTPUT', load: async () => (await import('./ci/ci-role-command.js')).ciRole },
  secret: { summary: "a stage's secrets in SSM Parameter Store: set NAME (the value from stdin), list, remove NAME", load: async () => (await import('./secrets/command.js')).runSecretCommand },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    console.log(version);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`error: unknown command "${name}": use one of ${Object.keys(commands).join(', ')}`);
    return 2;
  }
  const run = await command.load();
  return run(args);
}

function usage(): string {
  const rows = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(12)}  ${summary}`);
  return ['usage: serverless-pattern <command> [options]', '', ...rows].join('\n');
}
