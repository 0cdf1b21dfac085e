/**
 * Records every response the test apps send, for the coverage check that runs after the tests
 * (test/coverage/operations.check.ts). scripts/run-tests.mjs names a directory in
 * PROOFSHEET_RECORD_RESPONSES; each test process appends JSON lines to a file of its own there.
 * Only test helpers read the variable: the server is told through `observe`.
 */
import { appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ObservedResponse, ResponseObserver } from '../../src/http/response-observer.js';

export const RECORD_ENV = 'PROOFSHEET_RECORD_RESPONSES';

/** Bodies longer than this are recorded without their text (and so not validated). */
const MAX_BODY = 512 * 1024;
/** Records are written in batches of about this many bytes, and when the process exits. */
const BATCH = 256 * 1024;

/** A recorded response: what the server sent, and which test file made the request. */
export interface ResponseRecord extends ObservedResponse {
  file: string;
  /** The body was too long to record. */
  truncated?: true;
}

let observer: ResponseObserver | null | undefined;

function createObserver(dir: string): ResponseObserver {
  const file = join(dir, `${process.pid}.jsonl`);
  const testFile = basename(process.argv[1] ?? 'unknown');
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length === 0) return;
    appendFileSync(file, pending.join(''));
    pending = [];
    size = 0;
  };
  process.on('exit', flush);
  return (response) => {
    const long = response.body !== null && response.body.length > MAX_BODY;
    const record: ResponseRecord = {
      ...response,
      file: testFile,
      ...(long ? { body: null, truncated: true } : {}),
    };
    const line = `${JSON.stringify(record)}\n`;
    pending.push(line);
    size += line.length;
    if (size >= BATCH) flush();
  };
}

/** `{ observe }` for the apps a test builds when the run records responses, else nothing. */
export function recording(): { observe?: ResponseObserver } {
  if (observer === undefined) {
    const dir = process.env[RECORD_ENV];
    observer = dir ? createObserver(dir) : null;
  }
  return observer ? { observe: observer } : {};
}
