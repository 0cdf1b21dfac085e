import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ERRORS, type ErrorCode, errorBody } from '@proofsheet/protocol';
import {
  createClient,
  isHttpError,
  isProofsheetError,
  isResponseShapeError,
  normalizeOptions,
  RESPONSE_SCHEMAS,
  ResponseShapeError,
} from '../src/index.js';
import { clientPage, clientRecord, fakeId } from './helpers/bodies.js';
import { STUDIO, scriptedClient } from './helpers/scripted-client.js';
import { json, type Step } from './helpers/scripted-fetch.js';

function clientWith(steps: Step[], validateResponses = true) {
  return scriptedClient(steps, { cache: false, validateResponses });
}

/** Asserts a ResponseShapeError and returns it. */
async function shapeError(promise: Promise<unknown>): Promise<ResponseShapeError> {
  let caught: unknown = null;
  await promise.catch((error: unknown) => {
    caught = error;
  });
  assert.ok(isResponseShapeError(caught), `expected ResponseShapeError, got ${String(caught)}`);
  return caught;
}

function pageWith(index: number, changes: Record<string, unknown>) {
  const page = clientPage([1, 2, 3, 4].map((n) => clientRecord({ id: fakeId('cl', n) })));
  Object.assign(page.data[index] as object, changes);
  return page;
}

describe('response shapes', () => {
  test('a field of the wrong type is named with its path, the schema and what came', async () => {
    const { client } = await clientWith([json(200, pageWith(3, { email: 42 }))]);
    const error = await shapeError(client.studio.clients.list());
    assert.equal(
      error.message,
      'Response of GET /api/v1/clients/ does not match ClientPage: data.3.email must be string or null (got 42); check that the client and server versions agree',
    );
    assert.equal(error.method, 'GET');
    assert.equal(error.path, '/api/v1/clients/');
    assert.equal(error.url, 'http://studio.test/api/v1/clients/');
    assert.equal(error.field, 'data.3.email');
    assert.equal(error.schemaName, 'ClientPage');
    assert.equal(error.status, 200);
    assert.deepEqual(error.problems, [
      {
        field: 'data.3.email',
        pointer: '/data/3/email',
        message: 'data.3.email must be string or null (got 42)',
      },
    ]);
    assert.ok(error instanceof ResponseShapeError && isProofsheetError(error));
    assert.equal(error.name, 'ResponseShapeError');
  });

  test('a missing field is named, with what it must be', async () => {
    const client = clientRecord() as Partial<ReturnType<typeof clientRecord>>;
    delete client.type;
    const { client: api } = await clientWith([json(200, { data: client })]);
    const error = await shapeError(api.studio.clients.get(fakeId('cl')));
    assert.equal(error.field, 'data.type');
    assert.equal(error.schemaName, 'Envelope(Client)');
    assert.equal(error.path, `/api/v1/clients/${fakeId('cl')}`);
    assert.match(
      error.message,
      /^Response of GET \/api\/v1\/clients\/cl_0+1 does not match Envelope\(Client\): data\.type is missing \(must be one of "client", "lead", "other"\);/,
    );
    assert.equal(error.problems.length, 1, 'a missing field is one problem, not two');
  });

  test('an unknown extra field is a shape error too: every schema is closed', async () => {
    const { client } = await clientWith([json(200, pageWith(0, { nickname: 'Ada' }))]);
    const error = await shapeError(client.studio.clients.list({ page: 2 }));
    assert.equal(error.field, 'data.0.nickname');
    assert.equal(error.path, '/api/v1/clients/?page=2');
    assert.match(error.message, /: data\.0\.nickname is an unknown field \(got "Ada"\);/);
  });

  test('a bad field nested in an object is named down to the field', async () => {
    const bad = clientRecord();
    const body = { data: { ...bad, address_info: { ...bad.address_info, country_id: 'GB' } } };
    const { client } = await clientWith([json(200, body)]);
    const error = await shapeError(client.studio.clients.update(fakeId('cl'), { company: 'X' }));
    assert.equal(error.method, 'PUT');
    assert.equal(error.field, 'data.address_info.country_id');
    assert.match(
      error.message,
      /^Response of PUT \/api\/v1\/clients\/cl_0+1 does not match Envelope\(Client\): data\.address_info\.country_id must be integer or null \(got "GB"\);/,
    );
  });

  test('a string of the right type but the wrong form is reported by its rule', async () => {
    const { client } = await clientWith([json(200, pageWith(1, { id: 'cl_short' }))]);
    const error = await shapeError(client.studio.clients.list());
    assert.equal(error.field, 'data.1.id');
    assert.match(
      error.message,
      /data\.1\.id must match \^cl_\[A-Za-z0-9\]\{30\}\$ \(got "cl_short"\)/,
    );
  });

  test('every problem is listed and the message counts the rest', async () => {
    const { client } = await clientWith([
      json(200, pageWith(2, { email: 1, phone: 2, sample: 'no' })),
    ]);
    const error = await shapeError(client.studio.clients.list());
    assert.deepEqual(
      error.problems.map((p) => p.field),
      ['data.2.email', 'data.2.phone', 'data.2.sample'],
    );
    assert.match(error.message, /\(got 1\), and 2 more problems; check/);
  });

  test('an error body without its code is a shape error naming the field, not an HttpError', async () => {
    const { client } = await clientWith([
      json(404, { error: 'Not Found', message: 'No client found' }),
    ]);
    const error = await shapeError(client.studio.clients.get(fakeId('cl')));
    assert.equal(error.schemaName, 'ErrorBody');
    assert.equal(error.status, 404);
    assert.equal(error.field, 'code');
    assert.deepEqual(error.body, { error: 'Not Found', message: 'No client found' });
    assert.match(
      error.message,
      /^Response of GET \/api\/v1\/clients\/cl_0+1 does not match ErrorBody: code is missing \(must be string\);/,
    );
  });

  test('an error body with a field of the wrong type or an extra one is a shape error', async () => {
    const { client } = await clientWith([
      json(422, { ...errorBody('validation_failed'), details: { email: 'is required' } }),
      json(409, { ...errorBody('conflict'), stack: 'at handler (…)' }),
    ]);
    const bad = await shapeError(client.studio.clients.create({ first_name: 'Ada' }));
    assert.equal(bad.field, 'details.email');
    assert.match(bad.message, /details\.email must be array \(got "is required"\)/);
    const extra = await shapeError(client.studio.clients.create({ first_name: 'Ada' }));
    assert.equal(extra.field, 'stack');
  });

  test('a well-formed error body gives an HttpError carrying its code', async () => {
    const { client } = await clientWith([json(404, errorBody('not_found', 'No client found'))]);
    await assert.rejects(client.studio.clients.get(fakeId('cl')), (e: unknown) => {
      assert.ok(isHttpError(e));
      assert.equal(e.code, 'not_found');
      assert.equal(e.serverMessage, 'No client found');
      return true;
    });
  });

  test('a non-JSON error page is not checked: it stays an HttpError with its text', async () => {
    const page = new Response('<html>Bad Gateway</html>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });
    const { client } = await clientWith([page]);
    await assert.rejects(client.studio.clients.create({ first_name: 'Ada' }), (e: unknown) => {
      assert.ok(isHttpError(e));
      assert.equal(e.code, null);
      assert.equal(e.body, '<html>Bad Gateway</html>');
      return true;
    });
  });

  test('a success body that is not JSON is a shape error of the body', async () => {
    const { client } = await clientWith([
      new Response('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ]);
    const error = await shapeError(client.studio.clients.list());
    assert.equal(error.field, '');
    assert.match(error.message, /ClientPage: the body is not JSON \(got "<html>login<\/html>"\);/);
  });

  test('a request without a schema checks only error bodies', async () => {
    const { client } = await clientWith([
      json(200, { anything: true }),
      json(400, { error: 'Bad Request' }),
    ]);
    const ok = await client.request('studio', 'GET', '/api/v1/whatever');
    assert.deepEqual(ok.data, { anything: true });
    const error = await shapeError(client.request('studio', 'GET', '/api/v1/whatever'));
    assert.equal(error.schemaName, 'ErrorBody');
  });

  test('request() checks a schema it is given', async () => {
    const { client } = await clientWith([json(200, { data: [] })]);
    const error = await shapeError(
      client.request('studio', 'GET', '/api/v1/clients/', { schema: RESPONSE_SCHEMAS.clientPage }),
    );
    assert.equal(error.field, 'meta');
  });

  test('off by default: the same wrong body is returned as it came', async () => {
    const { client } = await clientWith([json(200, pageWith(3, { email: 42 }))], false);
    const page = await client.studio.clients.list();
    assert.equal(page.data[3]?.email, 42);
    assert.equal(
      normalizeOptions({ studioUrl: STUDIO, galleryUrl: STUDIO }).validateResponses,
      false,
    );
  });

  test('validateResponses must be a boolean', () => {
    assert.throws(
      () =>
        createClient({
          studioUrl: STUDIO,
          galleryUrl: STUDIO,
          validateResponses: '1' as unknown as boolean,
        }),
      /^TypeError: validateResponses must be true or false \(got "1"\)/,
    );
  });

  test("every code's body from the protocol matches ErrorBody", () => {
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      assert.deepEqual(RESPONSE_SCHEMAS.error.problems(errorBody(code)), [], code);
    }
    const details = errorBody('validation_failed', 'Bad', { email: ['is required'] });
    assert.deepEqual(RESPONSE_SCHEMAS.error.problems(details), []);
  });

  test('a date is checked as a calendar date, and a union reports the branch meant', () => {
    const size = { webp: '/a.webp', jpeg: '/a.jpg', width: 400, height: '300' };
    const cover = { photo_id: 4021583311, thumbhash: null, thumbnail: size, preview: size };
    const problems = RESPONSE_SCHEMAS.gallery.problems({ data: { cover_photo: cover } });
    assert.ok(
      problems.some(
        (p) => p.message === 'data.cover_photo.thumbnail.height must be integer (got "300")',
      ),
    );
    const collection = RESPONSE_SCHEMAS.collection.problems({
      data: { expiry_date: '2026-02-30' },
    });
    assert.ok(
      collection.some((p) => p.message === 'data.expiry_date must be a date (got "2026-02-30")'),
    );
  });
});
