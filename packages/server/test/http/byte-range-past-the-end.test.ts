/**
 * Regression: `bytes=N-` of an N-byte file read as the range N to N-1, judged "last before
 * first" and so ignored, and the whole file went out with a 200 instead of a 416. A download
 * client resuming a finished file would then append it to itself.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRange } from '../../src/http/byte-range.js';

describe('a Range starting at or past the end', () => {
  test('is unsatisfiable, open-ended or not', () => {
    assert.deepEqual(parseRange('bytes=1000-', 1000), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=1500-', 1000), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=1000-1999', 1000), { kind: 'unsatisfiable' });
  });

  test('while a last position before the first is still no range at all', () => {
    assert.deepEqual(parseRange('bytes=500-100', 1000), { kind: 'whole' });
    assert.deepEqual(parseRange('bytes=2000-1500', 1000), { kind: 'whole' });
  });

  test('and ranges inside the file are untouched', () => {
    assert.deepEqual(parseRange('bytes=999-', 1000), { kind: 'part', start: 999, end: 999 });
    assert.deepEqual(parseRange('bytes=0-5000', 1000), { kind: 'part', start: 0, end: 999 });
    assert.deepEqual(parseRange('bytes=-100', 1000), { kind: 'part', start: 900, end: 999 });
  });
});
