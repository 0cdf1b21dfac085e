/** The bench's command-line options, resolved once. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  rounds: number;
  durationS: number;
  warmupS: number;
  connections: number;
  loginConnections: number;
  sessions: number;
  clients: number;
  /** Keys of the systems to run (A–E). */
  only: readonly string[];
  /** A target kind to run under `node --cpu-prof`, profiles written to bench/results/. */
  profile: string | null;
  /** Which measures: the API's (systems A–E), the photos' (issue #11), or both. */
  suite: 'api' | 'photos' | 'all';
  /** Which steps of the photo suite (1–5; 3 and 4 run together), all by default. */
  steps: readonly number[];
}

export const USAGE = `Usage: npm run bench -- [--quick] [--suite api|photos|all] [--rounds N] [--duration S]
       [--only A,C] [--steps 1,2,3,4,5] [--sessions N] [--clients N]
       [--profile raw|express|proofsheet-sqlite|proofsheet-postgres|gallery]`;

const SUITES = ['api', 'photos', 'all'] as const;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a whole number ≥ 1 (got "${text}")`);
  return n;
}

function photoSteps(text: string | undefined): number[] {
  if (text === undefined) return [1, 2, 3, 4, 5];
  const steps = text.split(',').map((s) => Number(s.trim()));
  if (steps.some((n) => !Number.isInteger(n) || n < 1 || n > 5))
    throw new Error(`--steps takes numbers from 1 to 5, separated by commas (got "${text}")`);
  return steps;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      only: { type: 'string' },
      steps: { type: 'string' },
      sessions: { type: 'string' },
      clients: { type: 'string' },
      profile: { type: 'string' },
      suite: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const quick = values.quick === true;
  const suite = values.suite ?? 'all';
  if (!(SUITES as readonly string[]).includes(suite)) {
    throw new Error(`--suite must be one of ${SUITES.join(', ')} (got "${suite}")`);
  }
  return {
    quick,
    rounds: positive('rounds', values.rounds, quick ? 1 : 3),
    durationS: positive('duration', values.duration, quick ? 2 : 5),
    warmupS: quick ? 1 : 2,
    connections: 64,
    loginConnections: 8,
    sessions: positive('sessions', values.sessions, 100_000),
    clients: positive('clients', values.clients, 100_000),
    only: (values.only ?? 'A,B,C,D,E').split(',').map((s) => s.trim().toUpperCase()),
    profile: values.profile ?? null,
    suite: suite as BenchOptions['suite'],
    steps: photoSteps(values.steps),
  };
}
