import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.js';
import { type Listening, listenHarness } from '../helpers/listen.js';
import { rawExchange } from './raw-socket.js';

const HEADERS_TIMEOUT_MS = 600;
const REQUEST_TIMEOUT_MS = 1200;
const KEEP_ALIVE_TIMEOUT_MS = 800;
/** Node checks for expired requests on an interval; the cut comes at most this late. */
const SLACK_MS = 1500;

describe('slow clients are cut off', () => {
  let h: Listening;
  before(async () => {
    h = await listenHarness({
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: 20,
    });
  });
  after(() => h.close());

  it('headers trickled a byte at a time get a JSON 408 once the headers timeout passes', async () => {
    const request = `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(100)}`;
    const reply = await rawExchange(h.studioUrl, [...request], { gapMs: 50, limitMs: 10_000 });
    assert.equal(reply.status, 408);
    assert.equal(JSON.parse(reply.body).code, 'request_timeout');
    assert.ok(reply.headers['x-content-type-options'], 'security headers');
    assert.ok(reply.closedAfterMs >= HEADERS_TIMEOUT_MS - 50, `${reply.closedAfterMs} ms`);
    assert.ok(reply.closedAfterMs < HEADERS_TIMEOUT_MS + SLACK_MS, `${reply.closedAfterMs} ms`);
  });

  it('a body trickled a byte at a time is cut off once the request timeout passes', async () => {
    // The login form reads its body before anything else, as a slowloris would want.
    const body = `{"email":"owner@example.com","password":"${'a'.repeat(200)}"}`;
    const head =
      'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\n\r\n`;
    const reply = await rawExchange(h.studioUrl, [head, ...body], { gapMs: 100, limitMs: 10_000 });
    assert.equal(reply.status, 408, reply.body);
    assert.equal(JSON.parse(reply.body).code, 'request_timeout');
    assert.ok(reply.closedAfterMs >= REQUEST_TIMEOUT_MS - 50, `${reply.closedAfterMs} ms`);
    assert.ok(reply.closedAfterMs < REQUEST_TIMEOUT_MS + SLACK_MS, `${reply.closedAfterMs} ms`);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const reply = await rawExchange(h.studioUrl, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'], {
      limitMs: 10_000,
    });
    assert.equal(reply.status, 200);
    assert.ok(reply.closedAfterMs >= KEEP_ALIVE_TIMEOUT_MS - 50, `${reply.closedAfterMs} ms`);
    assert.ok(reply.closedAfterMs < KEEP_ALIVE_TIMEOUT_MS + SLACK_MS, `${reply.closedAfterMs} ms`);
  });

  it('connections past the cap are refused while the others stay open', async () => {
    const { hostname, port } = new URL(h.studioUrl);
    const open = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<ReturnType<typeof connect>>((resolve) => {
            const s = connect(Number(port), hostname, () => resolve(s));
          }),
      ),
    );
    try {
      const extra = await rawExchange(h.studioUrl, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'], {
        limitMs: 3000,
      });
      assert.equal(extra.status, 0, 'the 21st connection is closed without an answer');
    } finally {
      for (const s of open) s.destroy();
    }
  });
});

describe('timeout settings', () => {
  it('have defaults a reverse proxy would use, and refuse headers longer than the request', () => {
    const config = parseConfig({});
    assert.equal(config.headersTimeoutMs, 20_000);
    assert.equal(config.requestTimeoutMs, 60_000);
    assert.equal(config.keepAliveTimeoutMs, 72_000);
    assert.equal(config.maxConnections, 10_000);
    assert.throws(
      () => parseConfig({ PROOFSHEET_HEADERS_TIMEOUT: '2m', PROOFSHEET_REQUEST_TIMEOUT: '1m' }),
      /PROOFSHEET_HEADERS_TIMEOUT must not exceed PROOFSHEET_REQUEST_TIMEOUT/,
    );
  });
});
