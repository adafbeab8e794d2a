#!/usr/bin/env node
import module from 'node:module';

// V8's compiled code for the toolkit kept between runs: every `dev` after the first starts faster.
module.enableCompileCache?.();

const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
