import type { AuditVerification } from '@deskside/shared';
import type { Db } from '../db/connect.js';
import { exportAuditEntries, verifyAuditChain } from '../modules/audit/index.js';

/** One line an operator (or a cron job's mail) can read: the count and head, or the first broken link. */
export function describeVerification(result: AuditVerification): string {
  return result.ok
    ? `Audit chain OK: ${result.count} entries, head ${result.headHash}`
    : `Audit chain BROKEN at seq ${result.brokenAt}: ${result.problem.replaceAll('_', ' ')} (${result.detail}); ${result.verified} entries verified before it`;
}

/** `deskside audit verify`: exit code 1 on a broken chain, so a scheduler can alert on it. */
export async function runAuditVerify(db: Db): Promise<void> {
  const result = await verifyAuditChain(db);
  process.stdout.write(`${describeVerification(result)}\n`);
  if (!result.ok) process.exitCode = 1;
}

/** `deskside audit export`: JSON lines on stdout, written no faster than the reader takes them. */
export async function runAuditExport(db: Db, opts: { since?: string; format?: string }, fail: (message: string) => never): Promise<void> {
  if ((opts.format ?? 'jsonl') !== 'jsonl') fail(`--format must be jsonl, not ${opts.format}`);
  const since = Number(opts.since ?? 0);
  if (!/^\d+$/.test(opts.since ?? '0') || !Number.isSafeInteger(since)) fail(`--since must be a seq (0 or more), not ${opts.since}`);
  for await (const line of exportAuditEntries(db, since)) {
    if (!process.stdout.write(line)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}
