import { Readable } from 'node:stream';
import { type EndOptions, ZipFile } from 'yazl';
import { useNativeCrc32 } from './fast-crc32.js';

useNativeCrc32();

/** One file of an archive: its path inside, its exact size, and its fixed modification time. */
export interface ZipMember {
  path: string;
  size: number;
  mtime: Date;
}

/** The files of an archive, in order; `forceZip64` writes ZIP64 records even where not needed. */
export interface ZipLayout<M extends ZipMember> {
  members: readonly M[];
  forceZip64?: boolean;
}

/** Opens the bytes of one member, exactly `size` of them. */
export type OpenMember<M extends ZipMember> = (member: M) => Promise<Readable>;

/** Central directory record: 46 fixed bytes, the name, yazl's 9-byte timestamp field, and at
 * most 28 bytes of ZIP64 sizes. */
const CENTRAL_RECORD_MAX = 46 + 9 + 28;

/**
 * Whether the archive must carry the ZIP64 end records whatever its size. yazl 3.3.1 predicts
 * them for a central directory of 64 KiB or more (about 800 photos) but writes them only past
 * 4 GiB, so its predicted size would be 76 bytes too many and `Content-Length` would lie.
 * Forcing them makes the prediction and the bytes agree; ZIP64 readers take them at any size.
 */
function needsZip64End(layout: ZipLayout<ZipMember>): boolean {
  if (layout.forceZip64) return true;
  let directory = 0;
  for (const m of layout.members) directory += CENTRAL_RECORD_MAX + Buffer.byteLength(m.path);
  return directory >= 0xffff;
}

// @types/yazl declares `end` with a size callback that takes no size, and every option required.
type End = (options: Partial<EndOptions>, calculatedTotalSize: (size: number) => void) => void;

type Lazy = (cb: (error: Error | null, stream: Readable) => void) => void;

/**
 * A yazl archive of the layout, every member stored (never compressed: photos do not shrink,
 * and only stored sizes are known before the bytes are read), with the size yazl computes.
 */
function buildZip<M extends ZipMember>(
  layout: ZipLayout<M>,
  lazy: (member: M) => Lazy,
): { zip: ZipFile; size: number } {
  const zip = new ZipFile();
  const forceZip64Format = layout.forceZip64 === true;
  for (const member of layout.members) {
    zip.addReadStreamLazy(
      member.path,
      { compress: false, size: member.size, mtime: member.mtime, mode: 0o100644, forceZip64Format },
      lazy(member),
    );
  }
  let size = -1;
  (zip.end.bind(zip) as End)({ forceZip64Format: needsZip64End(layout) }, (total) => {
    size = total;
  });
  // With no `addFile` entries yazl calls back inside `end`; anything else is a broken promise.
  if (size < 0) throw new Error(`yazl did not compute the archive's size (got ${size})`);
  return { zip, size };
}

/** The exact size in bytes of the archive of `layout`; nothing is read. */
export function zipSize(layout: ZipLayout<ZipMember>): number {
  // The members are never opened: yazl asks for the first one's bytes, and is never answered.
  return buildZip(layout, () => () => {}).size;
}

/**
 * Bytes `start` to `end` (inclusive) of the archive, as they are written: no temporary file,
 * one member open at a time, and backpressure all the way to the member being read. Bytes
 * before `start` are produced and dropped (each member's CRC-32 must be read from its bytes),
 * so a resume from byte n reads the first n bytes of the members again, without sending them.
 * Destroying the stream (the client went away) closes the member being read and opens no other.
 */
export function zipStream<M extends ZipMember>(
  layout: ZipLayout<M>,
  range: { start: number; end: number },
  open: OpenMember<M>,
): Readable {
  return new ArchiveWindow(layout, range, open);
}

/** What the archive stream holds before it asks the member for more. */
const WINDOW_BUFFER_BYTES = 2 * 1024 * 1024;

class ArchiveWindow<M extends ZipMember> extends Readable {
  private readonly source: Readable;
  private readonly total: number;
  /** Archive bytes seen so far. */
  private at = 0;
  private member: Readable | null = null;
  private released = false;
  private ended = false;

  constructor(
    layout: ZipLayout<M>,
    private readonly range: { start: number; end: number },
    open: OpenMember<M>,
  ) {
    // Room for a member's read or two: at the default 16 KiB every chunk would stop the
    // flow from the member until the response had taken it.
    super({ highWaterMark: WINDOW_BUFFER_BYTES });
    const { zip, size } = buildZip(layout, (member) => (cb) => {
      if (this.released) return;
      open(member).then(
        (stream) => {
          if (this.released) {
            stream.destroy();
            return;
          }
          this.member = stream;
          stream.once('error', (error) => this.destroy(error));
          cb(null, stream);
        },
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    });
    this.total = size;
    zip.on('error', (error: Error) => this.destroy(error));
    // yazl's output is a PassThrough; typed as the older NodeJS.ReadableStream.
    this.source = zip.outputStream as Readable;
    this.source.on('data', (chunk: Buffer) => this.accept(chunk));
    this.source.on('end', () => this.sourceEnded());
    this.source.on('error', (error) => this.destroy(error));
    this.source.pause();
  }

  override _read(): void {
    this.source.resume();
  }

  private accept(chunk: Buffer): void {
    if (this.ended) return;
    const chunkStart = this.at;
    this.at += chunk.length;
    if (this.at > this.total) {
      this.destroy(new Error(`The archive grew past its announced ${this.total} bytes`));
      return;
    }
    const from = Math.max(0, this.range.start - chunkStart);
    const to = Math.min(chunk.length, this.range.end + 1 - chunkStart);
    let more = true;
    if (to > from) {
      more = this.push(from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to));
    }
    if (this.at > this.range.end) {
      this.finish();
      return;
    }
    if (!more) this.source.pause();
  }

  private sourceEnded(): void {
    if (this.ended) return;
    if (this.at !== this.total) {
      this.destroy(new Error(`The archive ended at ${this.at} of ${this.total} bytes`));
      return;
    }
    this.finish();
  }

  private finish(): void {
    this.ended = true;
    this.push(null);
    this.release();
  }

  /** Closes what is open and opens nothing more. */
  private release(): void {
    if (this.released) return;
    this.released = true;
    this.member?.destroy();
    this.member = null;
    this.source.destroy();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.release();
    callback(error);
  }
}
