/** Range, If-None-Match and If-Range as the image routes read them: pure functions. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { noneMatch, parseRange, rangeStillValid, strongEtag } from '../../src/http/byte-range.js';

describe('byte ranges', () => {
  test('one range: first-last, first-, and the last N bytes, cut at the end', () => {
    assert.deepEqual(parseRange('bytes=0-99', 1000), { kind: 'part', start: 0, end: 99 });
    assert.deepEqual(parseRange('bytes=500-', 1000), { kind: 'part', start: 500, end: 999 });
    assert.deepEqual(parseRange('bytes=-100', 1000), { kind: 'part', start: 900, end: 999 });
    assert.deepEqual(parseRange('bytes=-5000', 1000), { kind: 'part', start: 0, end: 999 });
    assert.deepEqual(parseRange('bytes=990-2000', 1000), { kind: 'part', start: 990, end: 999 });
    assert.deepEqual(parseRange('bytes=999-999', 1000), { kind: 'part', start: 999, end: 999 });
    assert.deepEqual(parseRange('BYTES= 3-4 ', 1000), { kind: 'part', start: 3, end: 4 });
  });

  test('a range starting at or past the end, or of no bytes, cannot be met', () => {
    for (const header of ['bytes=1000-', 'bytes=1000-1005', 'bytes=5000-', 'bytes=-0']) {
      assert.deepEqual(parseRange(header, 1000), { kind: 'unsatisfiable' }, header);
    }
    assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-10', 0), { kind: 'unsatisfiable' });
  });

  test('anything else is ignored: the whole file', () => {
    const ignored = [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'bytes=9-3',
      'bytes=a-b',
      'bytes=1.5-2',
      'bytes=0-1,5-6',
      'items=0-1',
      'bytes 0-1',
      'bytes=0x10-',
      `bytes=${'9'.repeat(16)}-`,
      `bytes=-${'9'.repeat(16)}`,
    ];
    for (const header of ignored) {
      assert.deepEqual(parseRange(header, 1000), { kind: 'whole' }, String(header));
    }
  });

  test('If-None-Match compares weakly, in lists, and * matches anything', () => {
    const etag = strongEtag('abc');
    assert.equal(etag, '"abc"');
    assert.equal(noneMatch('"abc"', etag), true);
    assert.equal(noneMatch('W/"abc"', etag), true);
    assert.equal(noneMatch('"x", "abc"', etag), true);
    assert.equal(noneMatch('*', etag), true);
    assert.equal(noneMatch('"abcd"', etag), false);
    assert.equal(noneMatch('abc', etag), false);
    assert.equal(noneMatch(undefined, etag), false);
  });

  test('If-Range keeps the range only for this strong ETag', () => {
    const etag = strongEtag('abc');
    assert.equal(rangeStillValid(undefined, etag), true);
    assert.equal(rangeStillValid('"abc"', etag), true);
    assert.equal(rangeStillValid('W/"abc"', etag), false);
    assert.equal(rangeStillValid('"old"', etag), false);
    assert.equal(rangeStillValid('Wed, 21 Oct 2015 07:28:00 GMT', etag), false);
  });
});
