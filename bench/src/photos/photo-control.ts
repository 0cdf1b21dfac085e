/**
 * The IPC channel of the photo suite's processes: the Proofsheet gallery API with its photo
 * workers, and the two baselines (a `node:http` upload sink and `@fastify/static`).
 */

/** What a photo-suite process is. */
export type PhotoTargetKind = 'gallery' | 'sink' | 'static';

export const PHOTO_TARGET_KINDS: readonly PhotoTargetKind[] = ['gallery', 'sink', 'static'];

/** What the orchestrator asks. */
export type PhotoCommand =
  | { id: number; type: 'startWorkers' }
  | { id: number; type: 'processAll' }
  | { id: number; type: 'processing' }
  | { id: number; type: 'cpu' }
  | { id: number; type: 'stop' };

/** What a process answers, or announces when it is ready. */
export type PhotoReply =
  | {
      type: 'ready';
      port: number;
      /** Where the process keeps files: the blob store's root, the sink's or static's directory. */
      dir: string;
      description: string;
    }
  | { type: 'failed'; reason: string }
  | { id: number; type: 'done'; value: number }
  | { id: number; type: 'error'; message: string };
