/**
 * `npm run bench`: starts each target in its own process, measures them in interleaved rounds
 * and prints a markdown report (also written to bench/results/latest.md). Progress goes to
 * stderr, the report to stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TargetKind } from './control.js';
import { SEARCH_TERM } from './fixtures.js';
import { describeMachine } from './machine.js';
import {
  CLIENTS_PATH,
  type LoadSettings,
  measureGet,
  measureLogin,
  measureStorm,
} from './measure/scenarios.js';
import { type BenchOptions, parseOptions } from './options.js';
import { checkSignedIn, type System, signIn } from './orchestrator/system.js';
import { TargetHandle } from './orchestrator/target-handle.js';
import { renderPhotoSection } from './photos/photo-report.js';
import { runPhotoSuite } from './photos/suite.js';
import { renderReport } from './report.js';
import { emptyResults, type SystemResults } from './results.js';
import { START_THREAD_POOL } from './server-modules.js';
import { evaluate } from './verdicts.js';

const RESULTS_DIR = fileURLToPath(new URL('../../results/', import.meta.url));

interface SystemPlan {
  key: string;
  name: string;
  kind: TargetKind;
  instances: number;
  pagedClients: boolean;
}

const PLANS: readonly SystemPlan[] = [
  { key: 'A', name: 'raw node:http (ceiling)', kind: 'raw', instances: 1, pagedClients: false },
  {
    key: 'B',
    name: 'Express + express-session + SQLite store',
    kind: 'express',
    instances: 1,
    pagedClients: false,
  },
  {
    key: 'C',
    name: 'Proofsheet, SQLite',
    kind: 'proofsheet-sqlite',
    instances: 1,
    pagedClients: true,
  },
  {
    key: 'D',
    name: 'Proofsheet, PostgreSQL + Redis, 1 instance',
    kind: 'proofsheet-postgres',
    instances: 1,
    pagedClients: true,
  },
  {
    key: 'E',
    name: 'Proofsheet, PostgreSQL + Redis, 2 instances',
    kind: 'proofsheet-postgres',
    instances: 2,
    pagedClients: true,
  },
];

const handles: TargetHandle[] = [];

function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

async function startSystem(
  plan: SystemPlan,
  options: BenchOptions,
): Promise<{ system: System | null; results: SystemResults }> {
  const mine: TargetHandle[] = [];
  const proofsheet = plan.kind.startsWith('proofsheet');
  const execArgv = [
    // As `proofsheet-server` starts; the baselines keep libuv's default pool, as they would.
    ...(proofsheet ? ['--require', START_THREAD_POOL] : []),
    ...(options.profile === plan.kind
      ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}profiles`]
      : []),
  ];
  for (let i = 0; i < plan.instances; i++) {
    // Only the first instance seeds; the second joins the storage it made.
    const env = {
      BENCH_SEED: i === 0 ? '1' : '0',
      // One PostgreSQL schema and Redis key prefix per system: D and E do not share rows.
      BENCH_PG_SCHEMA: `bench_${process.pid}_${plan.key.toLowerCase()}`,
      BENCH_REDIS_PREFIX: `proofsheet-bench:${process.pid}:${plan.key}:`,
    };
    const started = await TargetHandle.start(plan.kind, { env, execArgv });
    if (typeof started === 'string') {
      for (const h of mine) await h.stop();
      return { system: null, results: emptyResults(plan.key, plan.name, { skipped: started }) };
    }
    mine.push(started);
    handles.push(started);
  }
  const first = mine[0];
  if (!first) throw new Error('no instance started');
  const system: System = {
    key: plan.key,
    name: plan.name,
    description: first.description,
    handles: mine,
    cookie: await signIn(first.url),
    pagedClients: plan.pagedClients,
  };
  await checkSignedIn(system, CLIENTS_PATH);
  const results = emptyResults(plan.key, plan.name, {
    description: [
      first.description,
      ...(plan.instances > 1 ? [`${plan.instances} processes`] : []),
      ...(proofsheet ? ["libuv's pool started as proofsheet-server starts it"] : []),
    ].join(', '),
    instances: plan.instances,
    pagedClients: plan.pagedClients,
  });
  return { system, results };
}

/** The API suite (systems A–E): its whole report. */
async function runApiSuite(
  options: BenchOptions,
  command: string,
  machine: string,
  startedAt: Date,
): Promise<string> {
  const settings: LoadSettings = {
    durationS: options.durationS,
    connections: options.connections,
    loginConnections: options.loginConnections,
  };
  const systems: { system: System; results: SystemResults }[] = [];
  const all: SystemResults[] = [];
  for (const plan of PLANS.filter((p) => options.only.includes(p.key))) {
    progress(`starting ${plan.key}: ${plan.name}`);
    const { system, results } = await startSystem(plan, options);
    all.push(results);
    if (system) systems.push({ system, results });
    else progress(`${plan.key} skipped: ${results.skipped}`);
  }

  progress('warming up');
  for (const { system, results } of systems) {
    await measureGet(system, { ...settings, durationS: options.warmupS });
    const idle = await Promise.all(system.handles.map((h) => h.stats(true)));
    results.rssIdleBytes = Math.max(...idle.map((s) => s.rssBytes));
  }

  for (let round = 1; round <= options.rounds; round++) {
    for (const measure of ['get', 'login', 'storm'] as const) {
      for (const { system, results } of systems) {
        progress(`round ${round}/${options.rounds}: ${measure} on ${system.key}`);
        if (measure === 'get') results.get.push(await measureGet(system, settings));
        else if (measure === 'login') results.login.push(await measureLogin(system, settings));
        else results.storm.push(await measureStorm(system, settings));
      }
    }
  }

  for (const { system, results } of systems) {
    const first = system.handles[0];
    if (!first) continue;
    progress(`adding ${options.sessions.toLocaleString('en-US')} sessions to ${system.key}`);
    const before = await Promise.all(system.handles.map((h) => h.stats(true)));
    const started = performance.now();
    await first.seedSessions(options.sessions);
    const seedMs = performance.now() - started;
    const seeded = await Promise.all(system.handles.map((h) => h.stats(true)));
    await measureGet(system, settings);
    const loaded = await Promise.all(system.handles.map((h) => h.stats(true)));
    results.rssSessions = {
      count: options.sessions,
      seedMs,
      beforeBytes: Math.max(...before.map((s) => s.rssBytes)),
      seededBytes: Math.max(...seeded.map((s) => s.rssBytes)),
      loadedBytes: Math.max(...loaded.map((s) => s.rssBytes)),
    };
  }

  const paged = systems.filter(({ system }) => system.pagedClients);
  const pageN = Math.max(2, Math.floor(options.clients / 25 / 2));
  for (const { system, results } of paged) {
    const first = system.handles[0];
    if (!first) continue;
    progress(`adding clients to ${system.key} up to ${options.clients.toLocaleString('en-US')}`);
    const started = performance.now();
    await first.seedClients(options.clients);
    results.clientsSeedMs = performance.now() - started;
  }
  const searchPath = `/api/v1/clients/search?q=${encodeURIComponent(SEARCH_TERM)}`;
  for (let round = 1; round <= options.rounds; round++) {
    for (const [field, path] of [
      ['firstPage', CLIENTS_PATH],
      ['pageN', `${CLIENTS_PATH}?page=${pageN}`],
      ['search', searchPath],
    ] as const) {
      for (const { system, results } of paged) {
        progress(`round ${round}/${options.rounds}: ${path} on ${system.key}`);
        results[field].push(await measureGet(system, settings, path));
      }
    }
  }

  // Last started, first stopped: the seeding instance of a pair removes its namespace last.
  for (const h of [...handles].reverse()) await h.stop();
  return renderReport({
    options,
    command,
    machine,
    startedAt,
    elapsedS: (Date.now() - startedAt.getTime()) / 1000,
    results: all,
    checks: evaluate(all),
    pageN,
    searchTerm: SEARCH_TERM,
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const machine = describeMachine();
  const startedAt = new Date();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const parts: string[] = [];
  if (options.suite !== 'photos')
    parts.push(await runApiSuite(options, command, machine, startedAt));
  else {
    parts.push(
      `# Proofsheet benchmark — ${startedAt.toISOString()}`,
      '',
      `- Command: \`${command}\``,
      `- Machine: ${machine}`,
      `- Run: ${options.rounds} interleaved round(s) of ${options.durationS} s per load measure, medians reported.${options.quick ? ' **Quick run: indicative only.**' : ''}`,
      '',
    );
  }
  if (options.suite !== 'api') {
    progress('photo suite');
    const photos = await runPhotoSuite(options, progress);
    parts.push(renderPhotoSection(photos, options.quick));
    parts.push(
      '',
      `- Finished ${new Date().toISOString()} (${Math.round((Date.now() - startedAt.getTime()) / 1000)} s in all); ${describeMachine().replace(/.*; /, '')}.`,
    );
  }
  const report = parts.join('\n');
  process.stdout.write(`${report}\n`);
  writeFileSync(`${RESULTS_DIR}latest.md`, report);
  progress(`written to ${RESULTS_DIR}latest.md`);
}

function killAll(): void {
  for (const h of handles) h.kill();
}
process.on('SIGINT', () => {
  killAll();
  process.exit(130);
});

main().catch((error: unknown) => {
  killAll();
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
