/**
 * The orchestrator's side of a target process: starts it with `fork`, and turns the IPC
 * channel into request/response calls.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { Command, ProcessStats, Reply, TargetKind } from '../control.js';

const TARGET_PROCESS = new URL('../target-process.js', import.meta.url);

/** Distributes `Omit` over a union, so each command keeps its own fields. */
type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never;

export class TargetHandle {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly description: string,
  ) {
    child.on('message', (message) => {
      const reply = message as Reply;
      if ('id' in reply) {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      }
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a target; resolves to a handle, or to the reason it skipped. */
  static start(
    kind: TargetKind,
    options: { env?: Record<string, string>; execArgv?: string[] } = {},
  ): Promise<TargetHandle | string> {
    const child = fork(TARGET_PROCESS, [kind], {
      env: { ...process.env, ...options.env },
      // --expose-gc: RSS is read after a collection, so it shows live memory.
      execArgv: ['--expose-gc', ...(options.execArgv ?? [])],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return new Promise((resolve) => {
      const onExit = (code: number | null) =>
        resolve(`exited with code ${code} before it was ready`);
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        const reply = message as Reply;
        if (reply.type === 'ready') resolve(new TargetHandle(child, reply.port, reply.description));
        else if (reply.type === 'skipped') {
          child.kill();
          resolve(reply.reason);
        } else resolve(`unexpected first message: ${JSON.stringify(reply)}`);
      });
    });
  }

  private call(command: CommandBody, timeoutMs: number): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`target did not answer ${command.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.type === 'error') reject(new Error(reply.message));
        else resolve(reply);
      });
      this.child.send({ ...command, id });
    });
  }

  async stats(gc = false): Promise<ProcessStats> {
    const reply = await this.call({ type: 'stats', gc }, 10_000);
    if (reply.type !== 'stats') throw new Error(`expected stats, got ${reply.type}`);
    return reply.stats;
  }

  async seedSessions(count: number): Promise<number> {
    const reply = await this.call({ type: 'seedSessions', count }, 300_000);
    return reply.type === 'seeded' ? reply.created : 0;
  }

  async seedClients(total: number): Promise<number> {
    const reply = await this.call({ type: 'seedClients', total }, 300_000);
    return reply.type === 'seeded' ? reply.created : 0;
  }

  /** Asks the target to close, and kills it if it has not exited within 60 s (dropping a namespace takes a while). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop', id: this.nextId++ });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
  }

  /** Kills at once, for an orchestrator that is itself going down. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
