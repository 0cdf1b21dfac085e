/** The bounded map behind the session, client-page and rendered-page caches. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LruMap } from '../../src/storage/lru-map.js';

test('holds at most max entries and tells of each one it drops', () => {
  const dropped: string[] = [];
  const map = new LruMap<string, number>(3, (key) => dropped.push(key));
  for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, i);
  assert.equal(map.size, 3);
  assert.deepEqual(dropped, ['a', 'b']);
  assert.equal(map.get('a'), undefined);
  assert.deepEqual([...map.values()], [2, 3, 4]);
});

test('an entry read since it was added survives the next eviction; an unread one goes', () => {
  const dropped: string[] = [];
  const map = new LruMap<string, number>(3, (key) => dropped.push(key));
  map.set('a', 1);
  map.set('b', 2);
  map.set('c', 3);
  assert.equal(map.get('a'), 1);
  map.set('d', 4);
  assert.deepEqual(dropped, ['b']);
  assert.equal(map.get('a'), 1);
  assert.equal(map.get('b'), undefined);
});

test('when every entry was read, each gets one second chance and the oldest then goes', () => {
  const dropped: string[] = [];
  const map = new LruMap<string, number>(3, (key) => dropped.push(key));
  map.set('a', 1);
  map.set('b', 2);
  map.set('c', 3);
  for (const key of ['a', 'b', 'c']) map.get(key);
  map.set('d', 4);
  assert.deepEqual(dropped, ['a']);
  assert.equal(map.size, 3);
});

test('set on an existing key replaces the value without growing the map', () => {
  const dropped: string[] = [];
  const map = new LruMap<string, string>(2, (key) => dropped.push(key));
  map.set('a', 'old');
  map.set('b', 'x');
  map.set('a', 'new');
  assert.equal(map.size, 2);
  assert.equal(map.get('a'), 'new');
  map.set('c', 'y');
  assert.deepEqual(dropped, ['b'], 'the replaced entry counts as used');
  map.delete('a');
  assert.equal(map.get('a'), undefined);
  map.clear();
  assert.equal(map.size, 0);
});
