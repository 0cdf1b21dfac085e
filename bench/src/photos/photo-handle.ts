/**
 * The orchestrator's side of a photo-suite process: fork, request/response over IPC, and the
 * process's memory read from `/proc/<pid>/status` (VmRSS now, VmHWM its peak), from outside,
 * so that reading it costs the server nothing.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { PhotoCommand, PhotoReply, PhotoTargetKind } from './photo-control.js';

const PHOTO_TARGET = new URL('./photo-target.js', import.meta.url);

/** A field of `/proc/<pid>/status` in bytes (the kernel writes kB), or null off Linux. */
export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's VmRSS every `everyMs` until stopped; the peak and the first sample. */
export function sampleRss(
  pid: number,
  everyMs = 50,
): () => { firstBytes: number; peakBytes: number } {
  const first = procStatusBytes(pid, 'VmRSS') ?? 0;
  let peak = first;
  const timer = setInterval(() => {
    peak = Math.max(peak, procStatusBytes(pid, 'VmRSS') ?? 0);
  }, everyMs);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, procStatusBytes(pid, 'VmRSS') ?? 0);
    return { firstBytes: first, peakBytes: peak };
  };
}

export class PhotoHandle {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: PhotoReply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly dir: string,
    readonly description: string,
  ) {
    child.on('message', (message) => {
      const reply = message as PhotoReply;
      if ('id' in reply) {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      }
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static start(kind: PhotoTargetKind, execArgv: string[] = []): Promise<PhotoHandle> {
    const child = fork(PHOTO_TARGET, [kind], {
      execArgv,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`${kind} exited with code ${code} before it was ready`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        const reply = message as PhotoReply;
        if (reply.type === 'ready') {
          resolve(new PhotoHandle(child, reply.port, reply.dir, reply.description));
        } else {
          child.kill();
          reject(new Error(reply.type === 'failed' ? reply.reason : `unexpected ${reply.type}`));
        }
      });
    });
  }

  /** Asks for one command's number (`processAll` may take minutes). */
  call(type: Exclude<PhotoCommand['type'], 'stop'>, timeoutMs = 1_800_000): Promise<number> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${type} was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.type === 'done') resolve(reply.value);
        else reject(new Error(reply.type === 'error' ? reply.message : `unexpected ${reply.type}`));
      });
      this.child.send({ type, id } satisfies PhotoCommand);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop', id: this.nextId++ } satisfies PhotoCommand);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
