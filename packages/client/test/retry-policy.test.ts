import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorBody } from '@proofsheet/protocol';
import {
  createClient,
  DEFAULT_RETRY_POLICY,
  isHttpError,
  isNetworkError,
  parseRetryAfter,
  retryDelay,
  shouldRetry,
} from '../src/index.js';
import { clientPage, clientRecord } from './helpers/bodies.js';
import {
  connectionRefused,
  fakeTime,
  fixedRandom,
  json,
  scriptedFetch,
} from './helpers/scripted-fetch.js';

const STUDIO = 'http://studio.test';
const PAGE = clientPage([]);

function clientWith(steps: Parameters<typeof scriptedFetch>[0], retry = {}) {
  const scripted = scriptedFetch(steps);
  const time = fakeTime();
  const client = createClient({
    studioUrl: STUDIO,
    galleryUrl: 'http://gallery.test',
    fetch: scripted.fetch,
    clock: time.clock,
    sleep: time.sleep,
    random: fixedRandom(128),
    retry,
    cache: false,
    validateResponses: true,
  });
  return { client, log: scripted.log, sleeps: time.sleeps };
}

describe('retry policy', () => {
  test('Retry-After in seconds is waited out exactly, with the injected clock', async () => {
    const { client, log, sleeps } = clientWith([
      json(429, errorBody('rate_limited', 'slow down'), { 'retry-after': '2' }),
      json(200, PAGE),
    ]);
    await client.studio.clients.list();
    assert.deepEqual(sleeps, [2000]);
    assert.equal(log.length, 2);
  });

  test('Retry-After as an HTTP date is measured against the injected clock', () => {
    const now = new Date('2026-01-15T10:00:00Z');
    assert.equal(parseRetryAfter('Thu, 15 Jan 2026 10:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Thu, 15 Jan 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
  });

  test('RateLimit-Reset is honoured on a 429 without Retry-After', () => {
    const headers = new Headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': '7' });
    const delay = retryDelay(1, { status: 429, headers }, DEFAULT_RETRY_POLICY, {
      now: new Date(),
      random: fixedRandom(0),
    });
    assert.equal(delay, 7000);
  });

  test('backoff is exponential with full jitter below the ceiling', () => {
    const env = { now: new Date(), random: fixedRandom(128) }; // draws 0.502
    const delays = [1, 2, 3, 4, 10].map((a) => retryDelay(a, null, DEFAULT_RETRY_POLICY, env));
    assert.deepEqual(delays, [150, 301, 602, 1204, 5019]);
    const zero = retryDelay(3, null, DEFAULT_RETRY_POLICY, {
      now: new Date(),
      random: fixedRandom(0),
    });
    assert.equal(zero, 0);
  });

  test('the attempt cap holds: four attempts, then the 503 is thrown', async () => {
    const busy = () => json(503, errorBody('service_unavailable', 'busy'));
    const { client, log, sleeps } = clientWith([busy(), busy(), busy(), busy(), busy()]);
    await assert.rejects(
      client.studio.clients.list(),
      (e: unknown) => isHttpError(e) && e.status === 503,
    );
    assert.equal(log.length, DEFAULT_RETRY_POLICY.limit);
    assert.deepEqual(sleeps, [150, 301, 602]);
  });

  test('the total-time cap holds: a Retry-After beyond it is not waited for', async () => {
    const { client, log, sleeps } = clientWith([
      json(429, errorBody('rate_limited', 'later'), { 'retry-after': '3600' }),
    ]);
    await assert.rejects(
      client.studio.clients.list(),
      (e: unknown) => isHttpError(e) && e.status === 429,
    );
    assert.equal(log.length, 1);
    assert.deepEqual(sleeps, []);
  });

  test('a POST is retried on 429 and 503: the server did not process it', async () => {
    const created = { data: clientRecord() };
    const { client, log } = clientWith([
      json(503, errorBody('service_unavailable', 'busy'), { 'retry-after': '1' }),
      json(429, errorBody('rate_limited', 'slow'), { 'retry-after': '1' }),
      json(201, created),
    ]);
    await client.studio.clients.create({ first_name: 'Ada' });
    assert.deepEqual(
      log.map((r) => r.method),
      ['POST', 'POST', 'POST'],
    );
  });

  test('a POST is not retried after a network error', async () => {
    const { client, log } = clientWith([connectionRefused(), json(201, { data: clientRecord() })]);
    await assert.rejects(client.studio.clients.create({ first_name: 'Ada' }), (e: unknown) => {
      assert.ok(isNetworkError(e));
      assert.match(e.message, /POST http:\/\/studio\.test\/api\/v1\/clients\/ \(ECONNREFUSED/);
      return true;
    });
    assert.equal(log.length, 1);
  });

  test('a POST marked idempotent is retried after a network error', async () => {
    const { client, log } = clientWith([connectionRefused(), json(200, { data: { marked: 0 } })]);
    await client.request('studio', 'POST', '/api/v1/notifications/read_all', { idempotent: true });
    assert.equal(log.length, 2);
  });

  test('a GET is retried after a network error and a 502', async () => {
    const { client, log } = clientWith([
      connectionRefused(),
      json(502, { error: 'Bad Gateway', message: 'upstream' }),
      json(200, PAGE),
    ]);
    await client.studio.clients.list();
    assert.equal(log.length, 3);
  });

  test('a 404 is not retried', async () => {
    const { client, log } = clientWith([json(404, errorBody('not_found', 'No client found'))]);
    await assert.rejects(client.studio.clients.get('cl_1'), (e: unknown) => {
      assert.ok(isHttpError(e));
      assert.equal(
        e.message,
        'Request failed with 404 Not Found: GET http://studio.test/api/v1/clients/cl_1 (No client found)',
      );
      assert.equal(e.serverMessage, 'No client found');
      return true;
    });
    assert.equal(log.length, 1);
  });

  test('shouldRetry refuses a POST after a 502: the server may have acted', () => {
    const state = {
      attempt: 1,
      method: 'POST',
      status: 502,
      idempotent: false,
      elapsedMs: 0,
      delayMs: 100,
    };
    assert.equal(shouldRetry(state, DEFAULT_RETRY_POLICY), false);
    assert.equal(shouldRetry({ ...state, method: 'PUT' }, DEFAULT_RETRY_POLICY), true);
  });
});
