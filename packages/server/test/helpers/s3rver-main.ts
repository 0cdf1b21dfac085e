/**
 * Runs s3rver (an S3-protocol server on the filesystem) as its own process for the S3 tests:
 * `node s3rver-main.js <directory> <bucket>` listens on a free loopback port, creates the
 * bucket, and prints `{"port":N}` on one line once it accepts requests. It stops on SIGTERM.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { multipartOperations } from './s3rver-multipart.js';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  /** Koa's middleware list: s3rver's router is the last one. */
  middleware: unknown[];
  store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

// s3rver ships CommonJS without types: the subset used here is typed above.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) {
  console.error('usage: s3rver-main.js <directory> <bucket>');
  process.exit(2);
}
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
// Before the router, after the XML encoder: see s3rver-multipart.ts for what s3rver lacks.
server.middleware.splice(
  server.middleware.length - 1,
  0,
  multipartOperations((name) => server.store.getResourcePath(name, undefined, 'uploads')),
);
const address = await server.run();
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
process.on('SIGTERM', () => {
  server.close().finally(() => process.exit(0));
});
