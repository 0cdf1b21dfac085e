/** The photo suite's section of the markdown report. */
import { fmt, table } from '../report.js';
import type { PhotoResults } from './photo-results.js';

function verdict(pass: boolean | null, skipped: string | undefined): string {
  if (skipped) return pass === null ? `skipped: ${skipped}` : `FAIL (${skipped})`;
  if (pass === null) return '—';
  return pass ? 'PASS' : 'FAIL';
}

export function renderPhotoSection(results: PhotoResults, quick: boolean): string {
  const out = ['## Photos (issue #11)', ''];
  if (quick)
    out.push('Quick run: smaller sizes than the targets name (see below); indicative only.', '');
  out.push(
    table(
      ['Measure', 'Proofsheet', 'Baseline', 'Ratio', 'Target', 'Verdict'],
      results.rows.map((r) => [
        r.measure,
        r.measured,
        r.baseline,
        r.ratio === null ? '—' : `${fmt(r.ratio, 2)}×`,
        r.target,
        verdict(r.pass, r.skipped),
      ]),
    ),
    '',
  );
  for (const note of results.notes) out.push(`- ${note}`);
  return out.join('\n');
}
