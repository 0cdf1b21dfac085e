/**
 * The targets as ratios against the raw ceiling (A) or the Express baseline (B)
 * measured in the same run, evaluated on medians. Pure: results in, verdicts out.
 */
import { median } from './measure/median.js';
import type { SystemResults } from './results.js';

export interface Check {
  system: string;
  target: string;
  measured: string;
  pass: boolean | null;
}

const RSS_LIMIT_BYTES = 200 * 1024 * 1024;
/** "Zero writes per request": fewer than one write per thousand requests. */
const WRITES_PER_REQUEST_LIMIT = 0.001;

function m<T>(samples: readonly T[], pick: (s: T) => number): number {
  return median(samples.map(pick));
}

function ratio(
  system: string,
  target: string,
  value: number,
  reference: number,
  limit: number,
  atLeast: boolean,
): Check {
  const r = value / reference;
  const ok = Number.isFinite(r) ? (atLeast ? r >= limit : r <= limit) : null;
  return { system, target, measured: Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a', pass: ok };
}

/** Checks for every Proofsheet system (key C and after) that was measured. */
export function evaluate(results: readonly SystemResults[]): Check[] {
  const raw = results.find((r) => r.key === 'A' && r.skipped === null);
  const express = results.find((r) => r.key === 'B' && r.skipped === null);
  const checks: Check[] = [];
  for (const r of results) {
    if (r.key < 'C' || r.skipped !== null) continue;
    const name = `${r.key} ${r.name}`;
    const rps = m(r.get, (s) => s.okPerSecond);
    const p50 = m(r.get, (s) => s.p50Ms);
    if (raw) {
      checks.push(
        ratio(
          name,
          'GET req/s ≥ 0.70x ceiling (A)',
          rps,
          m(raw.get, (s) => s.okPerSecond),
          0.7,
          true,
        ),
      );
    }
    if (express) {
      checks.push(
        ratio(
          name,
          'GET req/s ≥ 4x Express (B)',
          rps,
          m(express.get, (s) => s.okPerSecond),
          4,
          true,
        ),
      );
    }
    if (raw) {
      checks.push(
        ratio(
          name,
          'server CPU per GET ≤ 1.4x ceiling',
          m(r.get, (s) => s.serverCpuUs),
          m(raw.get, (s) => s.serverCpuUs),
          1.4,
          false,
        ),
      );
      checks.push(
        ratio(
          name,
          'GET p50 ≤ 1.5x ceiling',
          p50,
          m(raw.get, (s) => s.p50Ms),
          1.5,
          false,
        ),
      );
      checks.push(
        ratio(
          name,
          'GET p99 ≤ 1.5x ceiling',
          m(r.get, (s) => s.p99Ms),
          m(raw.get, (s) => s.p99Ms),
          1.5,
          false,
        ),
      );
    }
    checks.push(
      ratio(
        name,
        'GET p50 during login storm ≤ 2x without',
        m(r.storm, (s) => s.getP50Ms),
        p50,
        2,
        false,
      ),
    );

    const getRuns = [...r.get, ...r.firstPage, ...r.pageN, ...r.search];
    const writes = getRuns.reduce((n, s) => n + s.sessionWrites, 0);
    const requests = getRuns.reduce((n, s) => n + s.ok, 0);
    checks.push({
      system: name,
      target: 'zero session writes per GET',
      measured: `${writes} writes / ${requests.toLocaleString('en-US')} GETs`,
      pass: requests > 0 ? writes / requests < WRITES_PER_REQUEST_LIMIT : null,
    });

    if (r.rssSessions) {
      const rss = Math.max(r.rssSessions.seededBytes, r.rssSessions.loadedBytes);
      checks.push({
        system: name,
        target: `RSS < 200 MB with ${r.rssSessions.count.toLocaleString('en-US')} sessions added`,
        measured: `${(rss / 1024 / 1024).toFixed(0)} MB`,
        pass: rss < RSS_LIMIT_BYTES,
      });
    }
    if (r.firstPage.length > 0) {
      const first = m(r.firstPage, (s) => s.p50Ms);
      checks.push(
        ratio(
          name,
          'page N p50 ≤ 2x first page',
          m(r.pageN, (s) => s.p50Ms),
          first,
          2,
          false,
        ),
      );
      checks.push(
        ratio(
          name,
          'search p50 ≤ 2x first page',
          m(r.search, (s) => s.p50Ms),
          first,
          2,
          false,
        ),
      );
    }
  }
  return checks;
}
