/**
 * One load run with autocannon, in the orchestrator's process: the load generator's CPU is
 * this process's, apart from the servers' (each its own process).
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  /** One URL per server instance; autocannon spreads the connections over them. */
  urls: readonly string[];
  connections: number;
  durationS: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Responses with a 2xx status. */
  ok: number;
  okPerSecond: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  durationS: number;
  /** CPU time the load generator (this process) spent, in microseconds. */
  loadgenCpuUs: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    // autocannon accepts several URLs and spreads connections over them; its types say string.
    url: (spec.urls.length === 1 ? spec.urls[0] : spec.urls) as unknown as string,
    connections: spec.connections,
    duration: spec.durationS,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    ...(spec.body !== undefined ? { body: spec.body } : {}),
  });
  const cpu = process.cpuUsage(cpuBefore);
  const ok = result['2xx'];
  return {
    ok,
    okPerSecond: ok / result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    durationS: result.duration,
    loadgenCpuUs: cpu.user + cpu.system,
  };
}
