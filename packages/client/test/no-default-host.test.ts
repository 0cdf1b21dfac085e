// Regression (security review, defect 13): without base URLs the client used to default to the
// public Pixieset hosts, so a self-hoster who forgot the URL sent a password to a third party.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ClientOptions, createClient, normalizeOptions } from '../src/index.js';
import { scriptedFetch } from './helpers/scripted-fetch.js';

const NO_DEFAULT = /there is no default host/;

describe('no default host', () => {
  test('a client without base URLs is refused at createClient(), naming both options', () => {
    const scripted = scriptedFetch([]);
    assert.throws(
      // @ts-expect-error: the types require both base URLs too.
      () => createClient({ fetch: scripted.fetch, credentials: { email: 'e', password: 'p' } }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.startsWith('studioUrl and galleryUrl are required') &&
        NO_DEFAULT.test(error.message),
    );
    assert.deepEqual(scripted.log, [], 'nothing was sent anywhere');
  });

  test('a missing galleryUrl alone is named alone', () => {
    const options = { studioUrl: 'http://127.0.0.1:3000' } as ClientOptions;
    assert.throws(() => createClient(options), /^TypeError: galleryUrl is required \(/);
  });

  test('an empty URL (an environment variable set to "") counts as missing', () => {
    assert.throws(
      () => createClient({ studioUrl: '', galleryUrl: 'http://127.0.0.1:3001' }),
      /^TypeError: studioUrl is required \(there is no default host\)/,
    );
  });

  test('plain JavaScript with no options at all gets the same message, not a crash', () => {
    const none = undefined as unknown as ClientOptions;
    assert.throws(() => createClient(none), /studioUrl and galleryUrl are required/);
    assert.throws(() => normalizeOptions(none), /studioUrl and galleryUrl are required/);
  });

  test('the given URLs are used as given, and extend() keeps them', () => {
    const client = createClient({
      studioUrl: 'https://studio.example.com/',
      galleryUrl: 'https://gallery.example.com',
    });
    const patient = client.extend({ timeoutMs: 120_000 });
    for (const c of [client, patient]) {
      assert.deepEqual(c.options.baseUrls, {
        studio: 'https://studio.example.com',
        gallery: 'https://gallery.example.com',
      });
    }
  });
});
