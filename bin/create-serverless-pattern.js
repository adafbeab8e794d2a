#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code for the bundle between runs, so every start after
// the first skips parsing it. (Node 20 has no compile cache; there this does nothing.)
module.enableCompileCache?.();

const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
