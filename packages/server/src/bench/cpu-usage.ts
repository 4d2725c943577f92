import { readdirSync, readFileSync } from 'node:fs';

/** Where the CPU went during a phase: the server process vs this process driving the load, as % of one core. */
export interface PhaseCpu {
  serverPercentOfOneCore: number;
  benchClientPercentOfOneCore: number;
  serverCpuMsPerRequest: number;
  benchClientCpuMsPerRequest: number;
  /** PostgreSQL's own processes (all of them, so other users of that server count here too); 0 on SQLite. */
  postgresPercentOfOneCore: number;
  /** Everything else on the machine (other people's tests and servers), so perturbation is visible. */
  otherProcessesPercentOfOneCore: number;
}

// CPU ticks of every process whose command is `postgres` (the server and its backends).
function postgresTicks(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks;
}

// The first line of /proc/stat: jiffies per state summed over all cores (user nice system idle iowait
// irq softirq steal; guest time is already inside user). Idle and iowait are not busy.
function machineBusyTicks(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return fields.reduce((a, b) => a + b, 0) - fields[3]! - fields[4]!;
}

/** Runs a phase and reports the CPU each party used during it. */
export async function withCpu<T>(serverCpuSeconds: () => number, requests: number, work: () => Promise<T>): Promise<[T, PhaseCpu]> {
  const server0 = serverCpuSeconds();
  const client0 = process.cpuUsage();
  const machine0 = machineBusyTicks();
  const postgres0 = postgresTicks();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const serverMs = (serverCpuSeconds() - server0) * 1000;
  const client = process.cpuUsage(client0);
  const clientMs = (client.user + client.system) / 1000;
  const machineMs = (machineBusyTicks() - machine0) * 10;
  const postgresMs = Math.max(0, (postgresTicks() - postgres0) * 10);
  return [result, {
    serverPercentOfOneCore: Math.round((serverMs / wallMs) * 100),
    benchClientPercentOfOneCore: Math.round((clientMs / wallMs) * 100),
    serverCpuMsPerRequest: Math.round((serverMs / requests) * 100) / 100,
    benchClientCpuMsPerRequest: Math.round((clientMs / requests) * 100) / 100,
    // Other people's PostgreSQL backends that end during the phase take their ticks with them.
    postgresPercentOfOneCore: Math.max(0, Math.round((postgresMs / wallMs) * 100)),
    otherProcessesPercentOfOneCore: Math.max(0, Math.round(((machineMs - serverMs - clientMs - postgresMs) / wallMs) * 100)),
  }];
}
