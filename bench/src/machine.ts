import os from 'node:os';

/** The machine a run happened on, for the report. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${os.type()} ${os.release()} (${os.arch()}), ${cpus.length} × ${model}, ${gib} GiB RAM, Node ${process.version}; load average at start: ${load}`;
}
