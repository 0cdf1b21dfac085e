import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { type Credentials, createHarness, loginAs } from '../helpers/harness.js';
import { type Listening, listenHarness, raw } from '../helpers/listen.js';
import { listenHttps, selfSignedCertificate, type TestCertificate } from '../helpers/tls.js';
import { rawExchange } from './raw-socket.js';

const SECURITY = ['x-content-type-options', 'content-security-policy', 'x-frame-options'];

/** The API's error shape: JSON with exactly error, message, code (and details on 422). */
function assertErrorShape(
  reply: { status: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) {
  assert.equal(reply.status, status, reply.body);
  assert.match(String(reply.headers['content-type']), /^application\/json/);
  const body = JSON.parse(reply.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['code', 'error', 'message']);
  assert.equal(body.code, code);
  assert.equal(typeof body.message, 'string');
  for (const name of SECURITY) assert.ok(reply.headers[name], `${name} on ${status}`);
  assert.equal(reply.headers['cache-control'], 'no-store');
  assert.equal(reply.headers.etag, undefined);
}

describe('every error on /api/ has the JSON shape and the security headers', () => {
  let h: Listening;
  let owner: Credentials;
  before(async () => {
    h = await listenHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  it('bad percent-encoding in the path is a 400', async () => {
    assertErrorShape(await raw(`${h.studioUrl}/api/v1/clients/%E0%A4%A`), 400, 'bad_request');
  });

  it('an over-long path parameter or URL is a 414', async () => {
    const param = await raw(`${h.studioUrl}/api/v1/clients/${'a'.repeat(101)}`, {
      headers: { cookie: owner.cookie },
    });
    assertErrorShape(param, 414, 'uri_too_long');
    const url = await raw(`${h.studioUrl}/api/v1/clients/?q=${'a'.repeat(9000)}`, {
      headers: { cookie: owner.cookie },
    });
    assertErrorShape(url, 414, 'uri_too_long');
  });

  it('an oversized Cookie header is a 431 and malformed HTTP a 400, on the raw socket', async () => {
    const big = await rawExchange(h.studioUrl, [
      `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nCookie: a=${'b'.repeat(20_000)}\r\n\r\n`,
    ]);
    assertErrorShape(big, 431, 'headers_too_large');
    const garbage = await rawExchange(h.studioUrl, [
      'GET /api/v1/session HTTP/1.1\r\nHost x\r\n\r\n',
    ]);
    assertErrorShape(garbage, 400, 'bad_request');
    const notHttp = await rawExchange(h.studioUrl, ['\u0000\u0001\u0002 hello\r\n\r\n']);
    assertErrorShape(notHttp, 400, 'bad_request');
  });

  it('OPTIONS without preflight headers is a JSON 400', async () => {
    const res = await raw(`${h.studioUrl}/api/v1/clients/`, { method: 'OPTIONS' });
    assertErrorShape(res, 400, 'bad_request');
  });

  it('PUT and DELETE on a collection path are 405 with Allow', async () => {
    for (const [method, url, allow] of [
      ['PUT', `${h.studioUrl}/api/v1/clients/`, 'GET, HEAD, POST'],
      ['DELETE', `${h.studioUrl}/api/v1/clients/`, 'GET, HEAD, POST'],
      ['DELETE', `${h.studioUrl}/api/v1/clients`, 'GET, HEAD, POST'],
      ['PATCH', `${h.galleryUrl}/api/v1/collections`, 'GET, HEAD, POST'],
      ['POST', `${h.studioUrl}/api/v1/session`, 'GET, HEAD'],
    ] as const) {
      // Node's client sends a DELETE body without a length, which is not HTTP: no body there.
      const body = method === 'DELETE' ? {} : { body: '{"first_name":"x"}' };
      const res = await raw(url, {
        method,
        headers: { ...owner.headers, 'content-type': 'application/json' },
        ...body,
      });
      assertErrorShape(res, 405, 'method_not_allowed');
      assert.equal(res.headers.allow, allow, `${method} ${url}`);
    }
  });

  it('an unknown path is still a 404, and an empty ID on an item-only path too', async () => {
    assertErrorShape(
      await raw(`${h.studioUrl}/api/v1/nowhere`, { headers: { cookie: owner.cookie } }),
      404,
      'not_found',
    );
    const res = await raw(`${h.studioUrl}/api/v1/notifications//read`, {
      method: 'POST',
      headers: owner.headers,
    });
    assertErrorShape(res, 404, 'not_found');
  });

  it('a body in a content type the API does not take is a JSON 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
    ]) {
      const res = await raw(`${h.studioUrl}/api/v1/clients/`, {
        method: 'POST',
        headers: { ...owner.headers, 'content-type': type },
        body: 'first_name=a',
      });
      assert.ok([400, 415].includes(res.status), `${type}: ${res.status} ${res.body}`);
      const body = res.json<{ code: string }>();
      assert.ok(['unsupported_media_type', 'bad_request'].includes(body.code), type);
    }
  });
});

describe('errors over HTTPS carry HSTS', () => {
  let cert: TestCertificate;
  before(async () => {
    cert = await selfSignedCertificate();
  });
  after(() => cert.dispose());

  it('a 400 from the router and a 431 from the parser both send Strict-Transport-Security', async () => {
    const h = await createHarness();
    const tls = await listenHttps(h, cert);
    const get = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const req = httpsRequest(
          `${tls.studioUrl}${path}`,
          { rejectUnauthorized: false, headers, agent: false },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    try {
      const bad = await get('/api/v1/clients/%E0%A4%A');
      assert.equal(bad.status, 400);
      assert.ok(bad.headers['strict-transport-security']);
      const big = await get('/api/v1/session', { cookie: `a=${'b'.repeat(20_000)}` });
      assert.equal(big.status, 431);
      assert.ok(big.headers['strict-transport-security']);
    } finally {
      await tls.close();
      await h.close();
    }
  });
});
