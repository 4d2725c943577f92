/** Latency summary in milliseconds, rounded to two decimals as the report prints them. */
export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The q-quantile (0..1) of already sorted values, interpolating between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** p50/p95/p99/max of a set of timings. */
export function summarize(timingsMs: readonly number[]): LatencySummary {
  const sorted = [...timingsMs].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: round2(quantile(sorted, 0.5)),
    p95Ms: round2(quantile(sorted, 0.95)),
    p99Ms: round2(quantile(sorted, 0.99)),
    maxMs: round2(sorted[sorted.length - 1] ?? Number.NaN),
  };
}
