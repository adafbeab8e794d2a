// Runs Verdaccio with the configuration file given, on a free loopback port; prints
// `listening <port>` once it accepts requests. Started by registry.ts as a process of its
// own, so that stopping the registry is stopping that process.
import { runServer } from 'verdaccio';

const server = await runServer(process.argv[2]);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
