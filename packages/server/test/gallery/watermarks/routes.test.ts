import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection, CollectionWatermark, Watermark } from '@proofsheet/protocol';
import sharp from 'sharp';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection } from '../../helpers/resources.js';

describe('the studio watermark', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;
  let client: Credentials;
  let collection: Collection;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    assistant = await loginAs(h, 'assistant', h.gallery);
    client = await loginAs(h, 'gallery_client', h.gallery);
    collection = await createCollection(h, owner, {
      name: 'Harper Wedding',
      shared_with: [h.users.gallery_client.email],
    });
  });
  after(() => h.close());

  const read = (who: Credentials) =>
    h.gallery.inject({ url: '/api/v1/watermark', headers: who.headers });
  const change = (who: Credentials, payload: Record<string, unknown>) =>
    h.gallery.inject({ method: 'PUT', url: '/api/v1/watermark', headers: who.headers, payload });
  const uploadLogo = (who: Credentials, payload: Buffer | string, type: string) =>
    h.gallery.inject({
      method: 'PUT',
      url: '/api/v1/watermark/logo',
      headers: { ...who.headers, 'content-type': type },
      payload,
    });

  test('before any set-up it is the studio name, bottom right, never saved', async () => {
    const res = await read(assistant);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<{ data: Watermark }>().data, {
      kind: 'text',
      text: 'Test Studio',
      has_logo: false,
      opacity: 60,
      scale: 30,
      position: 'bottom-right',
      updated_at: null,
    });
  });

  test('the owner changes it; the assistant and clients may not', async () => {
    const res = await change(owner, { text: 'Lumen & Co', position: 'tiled', opacity: 35 });
    assert.equal(res.statusCode, 200, res.body);
    const mark = res.json<{ data: Watermark }>().data;
    assert.deepEqual([mark.text, mark.position, mark.opacity], ['Lumen & Co', 'tiled', 35]);
    assert.ok(mark.updated_at);
    assert.deepEqual((await read(owner)).json<{ data: Watermark }>().data, mark);
    assert.equal((await change(assistant, { opacity: 90 })).statusCode, 403);
    assert.equal((await read(client)).statusCode, 403);
    assert.equal((await change(owner, { opacity: 101 })).statusCode, 422);
    assert.equal((await change(owner, {})).statusCode, 422);
  });

  test('a logo watermark needs a logo first; the logo is judged by its bytes', async () => {
    const refused = await change(owner, { kind: 'logo' });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json<{ code: string }>().code, 'conflict');

    const notImage = await uploadLogo(owner, Buffer.from('GIF89a not really'), 'image/png');
    assert.equal(notImage.statusCode, 415, notImage.body);
    const wrongType = await uploadLogo(owner, 'hello', 'text/plain');
    assert.equal(wrongType.statusCode, 415);
    const huge = await uploadLogo(owner, Buffer.alloc(6 * 1024 * 1024, 1), 'image/png');
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json<{ code: string }>().code, 'payload_too_large');

    const png = await sharp({
      create: {
        width: 300,
        height: 120,
        channels: 4,
        background: { r: 255, g: 255, b: 255, alpha: 0.9 },
      },
    })
      .png()
      .toBuffer();
    assert.equal((await uploadLogo(assistant, png, 'image/png')).statusCode, 403);
    const uploaded = await uploadLogo(owner, png, 'image/png');
    assert.equal(uploaded.statusCode, 200, uploaded.body);
    assert.equal(uploaded.json<{ data: Watermark }>().data.has_logo, true);
    assert.equal((await change(owner, { kind: 'logo' })).statusCode, 200);
  });

  test('the preview is a JPEG with the mark drawn on it', async () => {
    const res = await h.gallery.inject({
      url: '/api/v1/watermark/preview.jpg',
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/jpeg');
    const { channels } = await sharp(res.rawPayload).stats();
    // The sample is flat grey: a mark is what makes its brightest pixel brighter.
    assert.ok(Math.max(...channels.map((c) => c.max)) > 0x7a + 40);
    assert.equal(
      (await h.gallery.inject({ url: '/api/v1/watermark/preview.jpg', headers: client.headers }))
        .statusCode,
      403,
    );
  });

  test('each collection turns it on or off; off by default', async () => {
    const url = `/api/v1/collections/${collection.id}/watermark`;
    const get = () => h.gallery.inject({ url, headers: assistant.headers });
    assert.deepEqual((await get()).json<{ data: CollectionWatermark }>().data, { enabled: false });
    const on = await h.gallery.inject({
      method: 'PUT',
      url,
      headers: assistant.headers,
      payload: { enabled: true },
    });
    assert.equal(on.statusCode, 200, on.body);
    assert.deepEqual((await get()).json<{ data: CollectionWatermark }>().data, { enabled: true });
    const byClient = await h.gallery.inject({
      method: 'PUT',
      url,
      headers: client.headers,
      payload: { enabled: false },
    });
    assert.equal(byClient.statusCode, 403);
    const missing = await h.gallery.inject({
      url: '/api/v1/collections/10000001/watermark',
      headers: owner.headers,
    });
    assert.equal(missing.statusCode, 404);
    const bad = await h.gallery.inject({
      method: 'PUT',
      url,
      headers: owner.headers,
      payload: { enabled: 'yes' },
    });
    assert.equal(bad.statusCode, 422);
  });
});
