// Cold module initialization, measured inside a fresh process: the time `await import()`
// takes to load, link and evaluate one handler module (and everything it imports), with
// Node's own start-up excluded. Prints the milliseconds on stdout.
import { pathToFileURL } from 'node:url';

const start = performance.now();
await import(pathToFileURL(process.argv[2]).href);
process.stdout.write(String(performance.now() - start));
