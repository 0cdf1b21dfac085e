/** Marked renderings: made once per source and settings, made again when either changes. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { collectionMark, markedDerivative, markOf } from '../../../src/gallery/watermarks/marks.js';
import type { DerivativeRef } from '../../../src/storage/ports/photo-store.js';
import { createHarness, type Harness } from '../../helpers/harness.js';

describe('markedDerivative', () => {
  let h: Harness;
  let source: DerivativeRef;

  before(async () => {
    h = await createHarness();
    // The switch is kept for a collection of the studio only.
    await h.storage.collections.create({
      id: 12345678,
      accountId: h.accountId,
      name: 'Marked',
      description: null,
      passwordProtected: false,
      passwordHash: null,
      downloadable: true,
      expiryDate: null,
      sharedWith: [],
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    });
    const bytes = await sharp({
      create: { width: 1600, height: 1000, channels: 3, background: '#505a64' },
    })
      .jpeg()
      .toBuffer();
    const stored = await h.storage.blobs.put(bytes, { contentType: 'image/jpeg' });
    source = {
      size: 'preview',
      format: 'jpeg',
      sha256: stored.sha256,
      bytes: stored.size,
      width: 1600,
      height: 1000,
      contentType: 'image/jpeg',
    };
  });
  after(() => h.close());

  const account = () => ({ id: h.accountId, name: 'Test Studio' });

  test('a collection without the watermark turned on has no mark', async () => {
    assert.equal(await collectionMark(h.storage, account(), 12345678), null);
  });

  test('the first request renders and keeps it; the next one is served what was kept', async () => {
    await h.storage.watermarks.setEnabled(h.accountId, 12345678, true);
    const mark = await collectionMark(h.storage, account(), 12345678);
    assert.ok(mark);
    const ctx = { storage: h.storage, clock: h.clock };
    const first = await markedDerivative(ctx, mark, source);
    assert.ok(first);
    assert.notEqual(first.sha256, source.sha256);
    assert.equal(first.contentType, 'image/jpeg');
    const kept = await h.storage.watermarks.findVariant(source.sha256, mark.key);
    assert.deepEqual(kept, first);
    assert.deepEqual(await markedDerivative(ctx, mark, source), first);
    assert.ok((await h.storage.watermarks.referencedBlobs()).has(first.sha256));
  });

  test('other settings are another key and another rendering', async () => {
    const base = (await collectionMark(h.storage, account(), 12345678))?.key;
    const moved = markOf(h.storage, {
      accountId: h.accountId,
      kind: 'text',
      text: 'Test Studio',
      logoSha256: null,
      opacity: 60,
      scale: 30,
      position: 'top-left',
      updatedAt: h.clock.now(),
    });
    assert.notEqual(moved.key, base);
    const ctx = { storage: h.storage, clock: h.clock };
    const a = await markedDerivative(ctx, moved, source);
    const b = await h.storage.watermarks.findVariant(source.sha256, base ?? '');
    assert.ok(a && b);
    assert.notEqual(a.sha256, b.sha256);
  });

  test('a rendering whose blob has gone is made again', async () => {
    const mark = await collectionMark(h.storage, account(), 12345678);
    assert.ok(mark);
    const ctx = { storage: h.storage, clock: h.clock };
    const before = await markedDerivative(ctx, mark, source);
    assert.ok(before);
    await h.storage.blobs.delete(before.sha256);
    const again = await markedDerivative(ctx, mark, source);
    assert.ok(again && (await h.storage.blobs.head(again.sha256)));
  });
});
