/**
 * What every response must be, whatever was asked: never a 5xx, and every error that a client
 * reads as JSON exactly the error shape of the protocol, with a code whose status it has.
 */
import { ERRORS, reasonPhrase } from '@proofsheet/protocol';
import type { LightMyRequestResponse } from 'fastify';

const ERROR_KEYS = new Set(['error', 'message', 'code', 'details']);

/** The decoded path as the router judges it, else the raw one (its encoding is malformed). */
function routedPath(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** What is wrong with the error body `text` for `status`; empty when it is the shape. */
export function errorShapeProblems(status: number, text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`the error body is not JSON: ${JSON.stringify(text.slice(0, 200))}`];
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return ['the error body is not a JSON object'];
  }
  const problems: string[] = [];
  const fields = body as Record<string, unknown>;
  const extra = Object.keys(fields).filter((k) => !ERROR_KEYS.has(k));
  if (extra.length > 0) problems.push(`the error body has unknown keys ${extra.join(', ')}`);
  for (const key of ['error', 'message', 'code'] as const) {
    if (typeof fields[key] !== 'string' || fields[key] === '') {
      problems.push(`the error body's ${key} is not a non-empty string`);
    }
  }
  const code = fields.code;
  const definition =
    typeof code === 'string' && Object.hasOwn(ERRORS, code)
      ? ERRORS[code as keyof typeof ERRORS]
      : undefined;
  if (!definition) problems.push(`the code ${JSON.stringify(code)} is not in the protocol's table`);
  else if (definition.status !== status) {
    problems.push(`the code ${String(code)} belongs to ${definition.status}, not ${status}`);
  }
  if (fields.error !== reasonPhrase(status)) {
    problems.push(`error is ${JSON.stringify(fields.error)}, not "${reasonPhrase(status)}"`);
  }
  const details = fields.details;
  if (details !== undefined) {
    const valid =
      typeof details === 'object' &&
      details !== null &&
      !Array.isArray(details) &&
      Object.values(details).every(
        (v) => Array.isArray(v) && v.every((m) => typeof m === 'string'),
      );
    if (!valid) problems.push('details is not an object of string arrays');
  } else if (status === 422) {
    // A validation error names what failed; other errors may too (a malformed query's 400).
    problems.push('a 422 without details');
  }
  return problems;
}

/** Everything wrong with `response` to a request of `method` on `url` (as the server saw it). */
export function responseProblems(
  request: { method: string; url: string },
  response: LightMyRequestResponse,
): string[] {
  const status = response.statusCode;
  if (status >= 500) return [`answered ${status}`];
  if (status < 400) return [];
  const problems: string[] = [];
  const type = String(response.headers['content-type'] ?? '');
  const isJson = type.startsWith('application/json');
  // Errors are the JSON shape, whichever layer raised them; only pages outside the API may
  // answer a browser with an HTML page instead.
  const page = type.startsWith('text/html') && !routedPath(request.url).startsWith('/api/');
  if (!isJson && !page)
    problems.push(`a ${status} error as ${type || 'no content type'}, not JSON`);
  if (isJson && type !== 'application/json; charset=utf-8') {
    problems.push(`content type ${type}, not application/json; charset=utf-8`);
  }
  if (isJson && request.method !== 'HEAD')
    problems.push(...errorShapeProblems(status, response.body));
  if (status === 405) {
    const allow = String(response.headers.allow ?? '');
    if (allow === '' || allow.split(', ').includes(request.method)) {
      problems.push(`405 with Allow ${JSON.stringify(allow)}`);
    }
  }
  return problems;
}
