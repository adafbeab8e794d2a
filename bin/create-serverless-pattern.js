#!/usr/bin/env node
import module from 'node:module';

// `... --dry-run | head` closes the pipe early: the reader is done, so the rest of the output
// is dropped and the run goes on to finish (and exit) as it would have.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

// Node 22.1+ keeps V8's compiled code for the bundle between runs, so every start after
// the first skips parsing it. (Node 20 has no compile cache; there this does nothing.)
module.enableCompileCache?.();

const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
