/**
 * A target process: `node target-process.js <kind>`, started by the orchestrator with an IPC
 * channel. It runs one server, answers control commands and exits on `stop`. Environment:
 * `BENCH_SEED=0` joins storage another instance seeded (the second Postgres instance).
 */
import type { Command, Reply, TargetKind, TargetServer } from './control.js';
import { TARGET_KINDS } from './control.js';

function send(reply: Reply): void {
  process.send?.(reply);
}

async function start(kind: TargetKind, seed: boolean): Promise<TargetServer | string> {
  switch (kind) {
    case 'raw':
      return (await import('./targets/raw-node.js')).startRawNode();
    case 'express':
      return (await import('./targets/express-baseline.js')).startExpressBaseline();
    case 'proofsheet-sqlite':
      return (await import('./targets/proofsheet.js')).startProofsheet({ storage: 'sqlite', seed });
    case 'proofsheet-postgres':
      return (await import('./targets/proofsheet.js')).startProofsheet({
        storage: 'postgres',
        seed,
      });
  }
}

function stats(target: TargetServer, gc: boolean) {
  // Only with --expose-gc: measures live memory rather than garbage not yet collected.
  if (gc) globalThis.gc?.();
  const cpu = process.cpuUsage();
  return {
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    rssBytes: process.memoryUsage.rss(),
    sessionWrites: target.sessionWrites(),
  };
}

async function handle(target: TargetServer, command: Command): Promise<void> {
  try {
    switch (command.type) {
      case 'stats':
        send({ id: command.id, type: 'stats', stats: stats(target, command.gc === true) });
        return;
      case 'seedSessions':
      case 'seedClients': {
        const started = performance.now();
        const created =
          command.type === 'seedSessions'
            ? await target.seedSessions(command.count)
            : ((await target.seedClients?.(command.total)) ?? 0);
        send({ id: command.id, type: 'seeded', created, ms: performance.now() - started });
        return;
      }
      case 'stop':
        await target.close();
        process.exit(0);
    }
  } catch (error) {
    send({ id: command.id, type: 'error', message: String(error) });
  }
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (!TARGET_KINDS.includes(kind as TargetKind)) {
    throw new Error(`target kind must be one of ${TARGET_KINDS.join(', ')} (got "${kind}")`);
  }
  const started = await start(kind as TargetKind, process.env.BENCH_SEED !== '0');
  if (typeof started === 'string') {
    send({ type: 'skipped', reason: started });
    process.disconnect?.();
    return;
  }
  const target = started;
  process.on('message', (message) => void handle(target, message as Command));
  // The orchestrator went away: do not linger.
  process.on('disconnect', () => {
    void target.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', port: target.port, description: target.description });
}

main().catch((error: unknown) => {
  send({ type: 'skipped', reason: `failed to start: ${String(error)}` });
  process.exitCode = 1;
  process.disconnect?.();
});
