import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isId, isNumericId, newId, newNumericId, pageMeta } from '../src/index.js';

const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

describe('IDs', () => {
  it('prefixed IDs are the prefix and 30 alphanumerics', () => {
    const id = newId('client', bytes);
    assert.match(id, /^cl_[A-Za-z0-9]{30}$/);
    assert.ok(isId('client', id));
    assert.ok(!isId('client', id.slice(0, -1)));
    assert.ok(!isId('user', id));
    assert.ok(!isId('client', `${id.slice(0, -1)}!`));
  });

  it('draws characters without bias from bytes that are mostly rejected', () => {
    // Bytes ≥ 248 are skipped: an all-255 source must not hang or produce a short ID.
    let calls = 0;
    const mostlyHigh = (n: number) => {
      calls += 1;
      const out = new Uint8Array(n).fill(255);
      out[0] = calls;
      return out;
    };
    assert.match(newId('client', mostlyHigh), /^cl_[A-Za-z0-9]{30}$/);
  });

  it('numeric IDs have 8 digits for collections and 9 for galleries', () => {
    for (let i = 0; i < 200; i++) {
      assert.equal(String(newNumericId('collection', bytes)).length, 8);
      assert.equal(String(newNumericId('gallery', bytes)).length, 9);
    }
    assert.ok(isNumericId('collection', '90516387'));
    assert.ok(!isNumericId('collection', '129003127'));
    assert.ok(isNumericId('gallery', '129003127'));
    assert.ok(!isNumericId('collection', '9051638a'));
    assert.ok(!isNumericId('collection', '00000001'));
  });
});

describe('pagination meta', () => {
  it('matches the reference example', () => {
    assert.deepEqual(pageMeta(2, 50, 234), {
      current_page: 2,
      from: 51,
      last_page: 5,
      per_page: 50,
      to: 100,
      total: 234,
    });
  });
  it('the last page is partial', () => {
    assert.deepEqual(pageMeta(5, 50, 234), {
      current_page: 5,
      from: 201,
      last_page: 5,
      per_page: 50,
      to: 234,
      total: 234,
    });
  });
  it('a page past the end and an empty list have null from and to', () => {
    assert.deepEqual(pageMeta(9, 50, 234), {
      current_page: 9,
      from: null,
      last_page: 5,
      per_page: 50,
      to: null,
      total: 234,
    });
    assert.deepEqual(pageMeta(1, 25, 0), {
      current_page: 1,
      from: null,
      last_page: 1,
      per_page: 25,
      to: null,
      total: 0,
    });
  });
});
