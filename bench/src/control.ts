/**
 * The control channel between the orchestrator and a target process (Node IPC): the target
 * reports its own CPU time, RSS and session-store writes, and seeds its store on request.
 */

/** A target's own accounting at one instant. */
export interface ProcessStats {
  /** `process.cpuUsage()`: user and system CPU time in microseconds. */
  cpuUserUs: number;
  cpuSystemUs: number;
  rssBytes: number;
  /** Session-store writes (create, touch, rotate or set) since the process started. */
  sessionWrites: number;
}

/** What an orchestrator asks. */
export type Command =
  | { id: number; type: 'stats'; gc?: boolean }
  | { id: number; type: 'seedSessions'; count: number }
  | { id: number; type: 'seedClients'; total: number }
  | { id: number; type: 'stop' };

/** What a target answers, or announces when it starts. */
export type Reply =
  | { type: 'ready'; port: number; description: string }
  | { type: 'skipped'; reason: string }
  | { id: number; type: 'stats'; stats: ProcessStats }
  | { id: number; type: 'seeded'; created: number; ms: number }
  | { id: number; type: 'error'; message: string };

/** A running target server, as its process sees it. */
export interface TargetServer {
  port: number;
  description: string;
  sessionWrites(): number;
  /** Adds `count` sessions to the store directly, without logging in. */
  seedSessions(count: number): Promise<number>;
  /** Fills the client table up to `total` clients; absent where the target has no database. */
  seedClients?(total: number): Promise<number>;
  close(): Promise<void>;
}

/** How the orchestrator tells a target process what to be. */
export type TargetKind = 'raw' | 'express' | 'proofsheet-sqlite' | 'proofsheet-postgres';

export const TARGET_KINDS: readonly TargetKind[] = [
  'raw',
  'express',
  'proofsheet-sqlite',
  'proofsheet-postgres',
];
