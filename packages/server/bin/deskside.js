#!/usr/bin/env node
// Entry point for `npx deskside`: runs the compiled CLI (npm run build compiles it).
import { main } from '../dist/cli/main.js';
import { DomainError } from '../dist/errors.js';

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof DomainError ? error.message : (error?.stack ?? error)}\n`);
  process.exit(1);
});
