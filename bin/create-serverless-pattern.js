#!/usr/bin/env node
import { main } from '../dist/cli.js';

// `... --dry-run | head` closes the pipe early: the reader is done, so the rest of the output
// is dropped and the run goes on to finish (and exit) as it would have.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
