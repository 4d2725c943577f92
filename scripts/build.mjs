// Builds what is out of date: the server (tsc -b is incremental) and the web app
// (rebuilt only when its sources or the shared contracts changed since the last build).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(cmd, args, cwd = root) {
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

run(bin('tsc'), ['-b', 'packages/shared', 'packages/server']);

const web = join(root, 'packages/web');
const builtAt = newestMtime(join(web, 'dist/index.html'));
const sources = ['src', 'index.html', 'vite.config.ts', 'public'].map((p) => join(web, p)).concat(join(root, 'packages/shared/src'));
if (builtAt === 0 || sources.some((p) => newestMtime(p) > builtAt)) {
  process.stderr.write('Building the web app…\n');
  run(bin('vite'), ['build', '--logLevel', 'warn'], web);
}
