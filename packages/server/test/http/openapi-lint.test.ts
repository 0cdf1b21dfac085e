/**
 * Both OpenAPI documents pass Redocly's lint with the repository's redocly.yaml (`recommended`
 * with the checks we rely on raised to errors), run by the pinned @redocly/cli, offline.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createHarness, type Harness } from '../helpers/harness.js';
import { documentOf } from '../helpers/openapi.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const REDOCLY = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const CONFIG = join(ROOT, 'redocly.yaml');

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location?: unknown[] }[];
}

/** Runs `redocly lint` on one file; its exit code is 1 when it finds errors, which we read. */
async function lint(file: string): Promise<LintReport> {
  const run = promisify(execFile);
  const options = {
    cwd: tmpdir(),
    // No telemetry, no update check (both would reach the network), no colour in the output.
    env: {
      ...process.env,
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      NO_COLOR: '1',
    },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  };
  const args = [REDOCLY, 'lint', '--config', CONFIG, '--format=json', file];
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, args, options));
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    if (!failed.stdout) throw new Error(`redocly lint failed: ${failed.stderr ?? error}`);
    stdout = failed.stdout;
  }
  return JSON.parse(stdout) as LintReport;
}

describe('the OpenAPI documents pass redocly lint', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    h = await createHarness();
    dir = mkdtempSync(join(tmpdir(), 'proofsheet-openapi-'));
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const api of ['studio', 'gallery'] as const) {
    it(`the ${api} document has no errors`, async (t) => {
      const file = join(dir, `${api}.json`);
      writeFileSync(file, JSON.stringify(await documentOf(h[api]), null, 2));
      const report = await lint(file);
      const errors = report.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId}: ${p.message} at ${JSON.stringify(p.location)}`);
      assert.deepEqual(errors, []);
      assert.equal(report.totals.errors, 0);
      t.diagnostic(`${api}: ${report.totals.errors} errors, ${report.totals.warnings} warnings`);
      for (const p of report.problems) t.diagnostic(`${p.severity} ${p.ruleId}: ${p.message}`);
    });
  }

  it('the lint notices an operation without an operationId and an example that is wrong', async () => {
    const doc = await documentOf(h.studio);
    const get = doc.paths['/api/v1/clients/{id}']?.get;
    const media = get?.responses['200']?.content?.['application/json'];
    assert.ok(get && media);
    delete get.operationId;
    media.example = { data: { id: 42 } };
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(doc));
    const rules = (await lint(file)).problems.filter((p) => p.severity === 'error');
    assert.deepEqual([...new Set(rules.map((p) => p.ruleId))].sort(), [
      'no-invalid-media-type-examples',
      'operation-operationId',
    ]);
  });
});
