import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CliBuild {
  ok: boolean;
  output: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cliBuild: CliBuild;
  }
}

/**
 * Compiles shared and server once per run so the CLI tests can spawn the real
 * `deskside` binary. A failed build fails those tests (with tsc's output), not the run.
 */
export default function setup(project: TestProject): void {
  const result = spawnSync('npx', ['tsc', '-b', 'packages/shared', 'packages/server'], { cwd: ROOT, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
  project.provide('cliBuild', { ok: result.status === 0, output });
}
