import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isId, isNumericId, newId, newNumericId } from '../src/index.js';

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
      assert.equal(String(newNumericId('photo', bytes)).length, 10);
    }
    assert.ok(isNumericId('photo', '4021583311'));
    assert.ok(!isNumericId('photo', '402158331'));
    assert.ok(isNumericId('collection', '90516387'));
    assert.ok(!isNumericId('collection', '129003127'));
    assert.ok(isNumericId('gallery', '129003127'));
    assert.ok(!isNumericId('collection', '9051638a'));
    assert.ok(!isNumericId('collection', '00000001'));
  });
});
