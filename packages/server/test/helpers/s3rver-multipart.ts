/**
 * The three multipart operations s3rver 3.7 lacks and @tus/s3-store needs: ListParts
 * (`GET /bucket/key?uploadId=`, answered 405 MethodNotAllowed), AbortMultipartUpload
 * (`DELETE /bucket/key?uploadId=`, 405) and ListMultipartUploads (`GET /bucket?uploads`, 501
 * NotImplemented). They are read off s3rver's own layout of an upload in progress
 * (`<bucket>/._S3rver_uploads/<uploadId>/{key,N,N.md5}`), so the parts s3rver's UploadPart wrote
 * and its CompleteMultipartUpload joins are the ones listed here. Test setup only: the server
 * under test talks plain S3 to it.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The subset of a Koa context this middleware reads and writes. */
interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

interface UploadDir {
  uploadId: string;
  key: string;
  dir: string;
  initiated: Date;
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

function xml(root: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</${root}>`;
}

function noSuchUpload(ctx: KoaContext, uploadId: string): void {
  ctx.status = 404;
  ctx.type = 'application/xml';
  ctx.body = xml(
    'Error',
    `<Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><UploadId>${xmlEscape(uploadId)}</UploadId>`,
  );
}

async function uploadsIn(root: string): Promise<UploadDir[]> {
  let ids: string[];
  try {
    ids = await readdir(root);
  } catch {
    return [];
  }
  const found: UploadDir[] = [];
  for (const uploadId of ids) {
    const dir = join(root, uploadId);
    try {
      const key = await readFile(join(dir, 'key'), 'utf8');
      found.push({ uploadId, key, dir, initiated: (await stat(join(dir, 'key'))).mtime });
    } catch {
      // Completed or aborted meanwhile.
    }
  }
  return found;
}

async function listParts(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((name) => /^\d+$/.test(name));
  const numbers = names.map(Number).sort((a, b) => a - b);
  const parts: string[] = [];
  for (const number of numbers) {
    const file = join(dir, String(number));
    const [md5, info] = await Promise.all([readFile(`${file}.md5`, 'utf8'), stat(file)]);
    parts.push(
      `<Part><PartNumber>${number}</PartNumber><LastModified>${info.mtime.toISOString()}</LastModified><ETag>"${md5}"</ETag><Size>${info.size}</Size></Part>`,
    );
  }
  return parts.join('');
}

/**
 * Koa middleware for s3rver: answers the three operations, passes everything else on.
 * `uploadsRoot(bucket)` is s3rver's directory of uploads in progress for that bucket.
 */
export function multipartOperations(uploadsRoot: (bucket: string) => string): Middleware {
  return async (ctx, next) => {
    const [, bucket = '', ...rest] = ctx.path.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const uploadId = typeof ctx.query.uploadId === 'string' ? ctx.query.uploadId : null;
    if (!bucket) return next();
    const root = uploadsRoot(bucket);
    if (key === '' && ctx.method === 'GET' && 'uploads' in ctx.query) {
      const uploads = await uploadsIn(root);
      ctx.status = 200;
      ctx.type = 'application/xml';
      ctx.body = xml(
        'ListMultipartUploadsResult',
        `<Bucket>${xmlEscape(bucket)}</Bucket><IsTruncated>false</IsTruncated>${uploads
          .map(
            (u) =>
              `<Upload><Key>${xmlEscape(u.key)}</Key><UploadId>${u.uploadId}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`,
          )
          .join('')}`,
      );
      return;
    }
    if (key === '' || uploadId === null || 'partNumber' in ctx.query) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'DELETE') return next();
    const upload = (await uploadsIn(root)).find((u) => u.uploadId === uploadId && u.key === key);
    if (!upload) return noSuchUpload(ctx, uploadId);
    if (ctx.method === 'DELETE') {
      await rm(upload.dir, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return;
    }
    ctx.status = 200;
    ctx.type = 'application/xml';
    ctx.body = xml(
      'ListPartsResult',
      `<Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>${await listParts(upload.dir)}`,
    );
  };
}
