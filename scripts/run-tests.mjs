#!/usr/bin/env node
// Runs the compiled tests of every package with node's test runner, then the checks that read
// what the tests recorded. Files are listed here because Node 20's --test does not expand
// globs. Pass paths or substrings to run a subset.
//
// Phase 1 runs every `*.test.js`, concurrently. The server's test apps record each response
// they send into the directory named by PROOFSHEET_RECORD_RESPONSES (a fresh one, unless it is
// already set). Phase 2 runs every `*.check.js` once phase 1 is over: the coverage check, which
// needs every test's responses. It runs on a full run, or when a filter names it (with an
// existing PROOFSHEET_RECORD_RESPONSES, it checks the responses recorded there). The last line
// adds up both phases.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RECORD_ENV = 'PROOFSHEET_RECORD_RESPONSES';

function find(dir, suffix) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(find(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const matches = (f) => filters.length === 0 || filters.some((s) => f.includes(s));
const compiled = (suffix) =>
  readdirSync('packages')
    .flatMap((pkg) => find(join('packages', pkg, 'dist', 'test'), suffix))
    .sort();
const tests = compiled('.test.js').filter(matches);
const checks = compiled('.check.js').filter(matches);
if (tests.length === 0 && checks.length === 0) {
  console.error('No test files found: run `tsc -b` first.');
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'proofsheet-tests-'));
const recordDir = process.env[RECORD_ENV] || join(scratch, 'responses');
mkdirSync(recordDir, { recursive: true });
const env = { ...process.env, [RECORD_ENV]: recordDir };
const concurrency = process.env.TEST_CONCURRENCY ?? '2';

/** Runs one phase; its counts come from a TAP copy of the report. */
function run(phase, files, extra = []) {
  const tap = join(scratch, `${phase}.tap`);
  const result = spawnSync(
    process.execPath,
    [
      '--test',
      ...extra,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { stdio: 'inherit', env },
  );
  let report = '';
  try {
    report = readFileSync(tap, 'utf8');
  } catch {
    // The runner did not start: its status says so.
  }
  const count = (name) => Number(report.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  return {
    ok: result.status === 0,
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
}

const results = [];
try {
  if (tests.length > 0) {
    results.push(run('tests', tests, [`--test-concurrency=${concurrency}`]));
  }
  if (checks.length > 0) {
    console.log(`\nChecks over the responses the tests recorded in ${recordDir}:`);
    results.push(run('checks', checks));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
console.log(
  `\ntests: ${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`,
);
process.exit(results.every((r) => r.ok) ? 0 : 1);
