/** The markdown report: how it was measured, the medians, and the verdicts. */
import { median } from './measure/median.js';
import type { GetSample } from './measure/scenarios.js';
import type { BenchOptions } from './options.js';
import type { SystemResults } from './results.js';
import type { Check } from './verdicts.js';

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function mb(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? '—' : `${fmt(bytes / 1024 / 1024)} MB`;
}

/** Code points, as Markdown formatters count a cell's width. */
function width(text: string): number {
  return [...text].length;
}

/** A Markdown table with aligned columns: readable in a terminal, and as Biome formats it. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? '') + ' '.repeat(w - width(cells[i] ?? ''))).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function med<T>(samples: readonly T[], pick: (s: T) => number): number {
  return median(samples.map(pick));
}

function failures(samples: readonly { failed: number }[]): number {
  return samples.reduce((n, s) => n + s.failed, 0);
}

function pathCell(samples: readonly GetSample[]): string {
  if (samples.length === 0) return '—';
  return `${fmt(med(samples, (s) => s.okPerSecond))} /s, ${fmt(
    med(samples, (s) => s.p50Ms),
    1,
  )} / ${fmt(
    med(samples, (s) => s.p99Ms),
    1,
  )} ms, ${fmt(med(samples, (s) => s.serverCpuUs))} µs, ${fmt(failures(samples))} failed`;
}

export interface ReportInput {
  options: BenchOptions;
  command: string;
  machine: string;
  startedAt: Date;
  elapsedS: number;
  results: readonly SystemResults[];
  checks: readonly Check[];
  pageN: number;
  searchTerm: string;
}

export function renderReport(input: ReportInput): string {
  const { options, results } = input;
  const measured = results.filter((r) => r.skipped === null);
  const out: string[] = [];
  out.push(`# Proofsheet benchmark — ${input.startedAt.toISOString()}`, '');
  out.push(`- Command: \`${input.command}\``);
  out.push(`- Machine: ${input.machine}`);
  out.push(
    `- Run: ${options.rounds} interleaved round(s) (A B C D E, A B C D E, …) of ${options.durationS} s per measure, medians reported; ${options.connections} connections for GETs, ${options.loginConnections} for sign-ins; ${fmt(input.elapsedS)} s in all.${options.quick ? ' **Quick run: indicative only.**' : ''}`,
  );
  out.push(
    '- Load generator: autocannon in the orchestrator process. Every server runs in its own child process and reports its own `process.cpuUsage()` and RSS over IPC before and after each measure, so server CPU per request excludes the load generator (whose CPU per request is shown apart). Both share the same cores: throughput and latency are bounded by the machine as a whole; CPU per request is the steadiest figure.',
  );
  out.push(
    '- Two instances (E): two server processes on the same PostgreSQL + Redis; autocannon spreads its connections over both URLs (client-side round-robin, no extra proxy hop).',
    '',
  );

  out.push('## Authenticated `GET /api/v1/clients/` (25 clients) and sign-in', '');
  out.push(
    table(
      [
        'Target',
        'GET req/s',
        'p50 ms',
        'p99 ms',
        'server CPU µs/GET',
        'loadgen CPU µs/GET',
        'session writes during GETs',
        'logins/s',
        'server CPU ms/login',
        'GET p50 / p99 ms during login storm',
        'logins/s in storm',
        'failed responses',
      ],
      results.map((r) => {
        const name = `${r.key}. ${r.name}`;
        if (r.skipped !== null) return [name, `skipped: ${r.skipped}`, ...Array(10).fill('')];
        return [
          name,
          fmt(med(r.get, (s) => s.okPerSecond)),
          fmt(
            med(r.get, (s) => s.p50Ms),
            1,
          ),
          fmt(
            med(r.get, (s) => s.p99Ms),
            1,
          ),
          fmt(med(r.get, (s) => s.serverCpuUs)),
          fmt(med(r.get, (s) => s.loadgenCpuUs)),
          `${r.get.reduce((n, s) => n + s.sessionWrites, 0)} / ${fmt(r.get.reduce((n, s) => n + s.ok, 0))}`,
          fmt(
            med(r.login, (s) => s.okPerSecond),
            1,
          ),
          fmt(med(r.login, (s) => s.serverCpuUs) / 1000, 1),
          `${fmt(
            med(r.storm, (s) => s.getP50Ms),
            1,
          )} / ${fmt(
            med(r.storm, (s) => s.getP99Ms),
            1,
          )}`,
          fmt(
            med(r.storm, (s) => s.loginOkPerSecond),
            1,
          ),
          fmt(failures([...r.get, ...r.login, ...r.storm])),
        ];
      }),
    ),
    '',
  );

  out.push('## Memory with many sessions', '');
  out.push(
    table(
      [
        'Target',
        'RSS idle (before any login)',
        'RSS before adding (after the logins)',
        'sessions added',
        'seeding took',
        'RSS after adding (after GC)',
        'RSS after GETs on top',
      ],
      measured.map((r) => [
        `${r.key}. ${r.name}`,
        mb(r.rssIdleBytes),
        mb(r.rssSessions?.beforeBytes),
        r.rssSessions ? fmt(r.rssSessions.count) : '—',
        r.rssSessions ? `${fmt(r.rssSessions.seedMs / 1000, 1)} s` : '—',
        mb(r.rssSessions?.seededBytes),
        mb(r.rssSessions?.loadedBytes),
      ]),
    ),
    '',
  );

  const paged = measured.filter((r) => r.firstPage.length > 0);
  if (paged.length > 0) {
    out.push(
      `## ${fmt(options.clients)} clients in the database (2xx/s, p50 / p99, server CPU per 2xx, failed responses in all rounds)`,
      '',
    );
    out.push(
      table(
        ['Target', 'first page', `?page=${input.pageN}`, `search?q=${input.searchTerm}`],
        paged.map((r) => [
          `${r.key}. ${r.name}`,
          pathCell(r.firstPage),
          pathCell(r.pageN),
          pathCell(r.search),
        ]),
      ),
      '',
    );
  }

  out.push('## Targets', '');
  out.push(
    table(
      ['Target', 'Check', 'Measured', 'Verdict'],
      input.checks.map((c) => [
        c.system,
        c.target,
        c.measured,
        c.pass === null ? 'n/a' : c.pass ? 'PASS' : 'FAIL',
      ]),
    ),
    '',
  );
  out.push('## Targets measured', '');
  for (const r of results) {
    out.push(`- ${r.key}. ${r.name}: ${r.skipped ?? r.description}`);
  }
  out.push('');
  return out.join('\n');
}
