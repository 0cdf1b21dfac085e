/**
 * Runs after every test (scripts/run-tests.mjs, second phase), over the responses the tests'
 * apps sent (helpers/response-recorder.ts): every operation of both OpenAPI documents is
 * exercised by at least one test, and every response seen validates against the document (its
 * status is listed, its content type is documented, its JSON body matches the schema).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createTestStudio, type TestStudio } from '../../src/testing.js';
import {
  type Api,
  type DocumentedOperation,
  documentOf,
  type MediaObject,
  type OpenApiDoc,
  operationsOf,
  resolveResponse,
} from '../helpers/openapi.js';
import { RECORD_ENV, type ResponseRecord } from '../helpers/response-recorder.js';

function readRecords(dir: string): ResponseRecord[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as ResponseRecord),
    );
}

/** `/api/v1/clients/{id}` → `/api/v1/clients/:id`, the route pattern the records name. */
function routePattern(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** Whether a request's URL is an instance of a documented path: every parameter non-empty. */
function fitsPath(url: string, path: string): boolean {
  const raw = url.split(/[?#]/)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return false;
  }
  const segments = path.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${segments.join('[^/]+')}$`).test(decoded);
}

/** A schema with its `#/components/schemas/…` references replaced by what they name. */
function dereferenced(doc: OpenApiDoc, schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((s) => dereferenced(doc, s));
  if (typeof schema !== 'object' || schema === null) return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const target = doc.components.schemas?.[ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`${ref} is not in components.schemas`);
    return dereferenced(doc, target);
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, dereferenced(doc, value)]),
  );
}

interface Finding {
  where: string;
  problem: string;
}

describe('the OpenAPI documents against what the tests saw', () => {
  const dir = process.env[RECORD_ENV];
  let studio: TestStudio;
  const docs = {} as Record<Api, OpenApiDoc>;
  let operations: DocumentedOperation[] = [];
  let records: ResponseRecord[] = [];
  // Not strict: OpenAPI 3.0 keywords (`example`, `nullable` beside `type`) are not JSON Schema's.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const compiled = new Map<string, ValidateFunction>();

  before(async () => {
    studio = await createTestStudio();
    docs.studio = await documentOf(studio.studio);
    docs.gallery = await documentOf(studio.gallery);
    operations = [...operationsOf('studio', docs.studio), ...operationsOf('gallery', docs.gallery)];
    records = dir ? readRecords(dir) : [];
  });
  after(() => studio?.close());

  /** The documented operation a record belongs to, or undefined for a page, asset or /docs. */
  function operationOf(record: ResponseRecord): DocumentedOperation | undefined {
    if (record.route === null) return undefined;
    // HEAD is GET without the body: Fastify answers it from the GET route.
    const method = record.method === 'HEAD' ? 'GET' : record.method;
    const find = (route: string) =>
      operations.find(
        (o) => o.api === record.api && o.method === method && routePattern(o.path) === route,
      );
    // `/api/v1/clients` is the slash-less alias of the list: the document names it once.
    const op = find(record.route) ?? find(`${record.route}/`);
    // `PUT /api/v1/clients/` reaches the `:id` route with an empty ID, and the server answers
    // it as the path without a route it is (405): it is no instance of the operation.
    const path = op?.path.replace(/\/$/, '') ?? '';
    return op && (fitsPath(record.url, op.path) || fitsPath(record.url, path)) ? op : undefined;
  }

  function validatorFor(key: string, doc: OpenApiDoc, media: MediaObject): ValidateFunction {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(dereferenced(doc, media.schema ?? {}) as object);
      compiled.set(key, validate);
    }
    return validate;
  }

  /** What is wrong with a response, by the document; nothing when it matches. */
  function check(op: DocumentedOperation, record: ResponseRecord): string | null {
    const doc = docs[op.api];
    const raw = op.operation.responses[String(record.status)];
    if (!raw) return `answered ${record.status}, which the document does not list`;
    const response = resolveResponse(doc, raw);
    const content = response.content;
    if (!content) {
      return record.body ? `answered ${record.status} with a body it documents none for` : null;
    }
    const type = (record.contentType ?? '').split(';')[0]?.trim() ?? '';
    const media = content[type];
    if (!media) return `answered ${record.status} as ${type || 'no type'}, not as documented`;
    if (record.method === 'HEAD' || record.body === null || !type.endsWith('json')) return null;
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      return `answered ${record.status} with a body that is not JSON`;
    }
    const key = `${op.api} ${op.method} ${op.path} ${record.status} ${type}`;
    const validate = validatorFor(key, doc, media);
    if (validate(body)) return null;
    return `answered ${record.status} with a body the schema refuses: ${ajv.errorsText(validate.errors)}`;
  }

  it('the tests recorded their responses', () => {
    assert.ok(dir, `${RECORD_ENV} is not set: run the tests with scripts/run-tests.mjs`);
    assert.ok(records.length > 0, `no responses were recorded in ${dir}`);
  });

  it('every response the tests saw validates against the document', (t) => {
    const findings: Finding[] = [];
    let checked = 0;
    for (const record of records) {
      const op = operationOf(record);
      if (!op) continue;
      checked += 1;
      const problem = check(op, record);
      if (problem)
        findings.push({ where: `${op.api} ${record.method} ${op.path} (${record.file})`, problem });
    }
    t.diagnostic(`${checked} of ${records.length} responses were of documented operations`);
    const distinct = [...new Set(findings.map((f) => `${f.where}: ${f.problem}`))];
    assert.deepEqual(distinct.slice(0, 40), [], `${distinct.length} kinds of mismatch`);
  });

  it('every operation of both documents is exercised by at least one test', (t) => {
    const files = new Map<DocumentedOperation, Set<string>>();
    for (const record of records) {
      const op = operationOf(record);
      if (op) files.set(op, (files.get(op) ?? new Set()).add(record.file));
    }
    for (const api of ['studio', 'gallery'] as const) {
      const ops = operations.filter((o) => o.api === api);
      const covered = ops.filter((o) => files.has(o));
      t.diagnostic(`${api}: ${covered.length} of ${ops.length} operations exercised`);
    }
    const missing = operations
      .filter((o) => !files.has(o))
      .map((o) => `${o.api} ${o.operation.operationId} (${o.method} ${o.path})`);
    assert.deepEqual(missing, [], 'operations that no test exercises');
  });
});
