// `npm test`: every Vitest project (unit, server, e2e). Extra arguments pass through, e.g.
// `npm test -- --project server`. Under CI=true a suite whose database or browser is
// missing fails instead of skipping; the suites themselves enforce that.
import { spawn } from 'node:child_process';

const child = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  console.error(`Could not start vitest: ${error.message}`);
  process.exit(1);
});
