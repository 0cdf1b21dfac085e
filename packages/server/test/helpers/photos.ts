/**
 * Photos for tests: JPEGs generated with sharp (any size and colour, with EXIF and GPS when
 * asked), and ready photos put straight into a studio's storage (blob, row, processing), so
 * that tests of reading, serving and proofing need no upload route.
 */
import type { MediaKind } from '@proofsheet/protocol';
import sharp, { type Color } from 'sharp';
import { type Clock, type Random, systemRandom } from '../../src/deps.js';
import { processStoredPhoto } from '../../src/gallery/photos/processing.js';
import { sniffImageType } from '../../src/photos/index.js';
import { createWithFreshId } from '../../src/storage/fresh-id.js';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';

/** A GPS position, in decimal degrees (negative: south, west). */
export interface GpsPosition {
  latitude: number;
  longitude: number;
}

/** What {@link makeJpeg} writes into the image's EXIF. Every field is optional. */
export interface JpegExif {
  make?: string;
  model?: string;
  lens?: string;
  /** Capture time as EXIF writes it: local, no zone (`2026-05-02T10:15:00`). */
  takenAt?: string;
  /** EXIF Orientation, 1 to 8 (6: rotate 90° clockwise to display). */
  orientation?: number;
  gps?: GpsPosition;
}

export interface JpegOptions {
  /** @default 800 */
  width?: number;
  /** @default 600 */
  height?: number;
  /** @default '#4060a0' */
  color?: Color;
  /** @default 85 */
  quality?: number;
  exif?: JpegExif;
}

/** Degrees as EXIF rationals, `d/1 m/1 s/100`. */
function rationalDegrees(value: number): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutesFull = (abs - degrees) * 60;
  const minutes = Math.floor(minutesFull);
  const hundredthsOfSeconds = Math.round((minutesFull - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${hundredthsOfSeconds}/100`;
}

/** The IFDs sharp's `withExif` takes (string values, as libvips wants them). */
function exifIfds(exif: JpegExif): Record<string, Record<string, string>> {
  const ifd0: Record<string, string> = {};
  const ifd2: Record<string, string> = {};
  if (exif.make) ifd0.Make = exif.make;
  if (exif.model) ifd0.Model = exif.model;
  if (exif.orientation !== undefined) ifd0.Orientation = String(exif.orientation);
  if (exif.lens) ifd2.LensModel = exif.lens;
  if (exif.takenAt) {
    ifd2.DateTimeOriginal = exif.takenAt.replace('T', ' ').replace(/^(\d+)-(\d+)-/, '$1:$2:');
  }
  const ifds: Record<string, Record<string, string>> = { IFD0: ifd0, IFD2: ifd2 };
  if (exif.gps) {
    ifds.IFD3 = {
      GPSLatitudeRef: exif.gps.latitude < 0 ? 'S' : 'N',
      GPSLatitude: rationalDegrees(exif.gps.latitude),
      GPSLongitudeRef: exif.gps.longitude < 0 ? 'W' : 'E',
      GPSLongitude: rationalDegrees(exif.gps.longitude),
    };
  }
  return ifds;
}

/**
 * A JPEG of one colour, with the EXIF asked for.
 *
 * @example
 * await makeJpeg({ width: 1200, exif: { model: 'X1', gps: { latitude: 48.8584, longitude: 2.2945 } } });
 */
export async function makeJpeg(options: JpegOptions = {}): Promise<Buffer> {
  const image = sharp({
    create: {
      width: options.width ?? 800,
      height: options.height ?? 600,
      channels: 3,
      background: options.color ?? '#4060a0',
    },
  });
  const withExif = options.exif ? image.withExif(exifIfds(options.exif)) : image;
  return withExif.jpeg({ quality: options.quality ?? 85 }).toBuffer();
}

/**
 * A JPEG whose bytes differ with `n` (its colour does), for tests that want distinct photos
 * without caring what they look like.
 */
export function distinctJpeg(n: number, options: Omit<JpegOptions, 'color'> = {}): Promise<Buffer> {
  const channel = (shift: number) => (n * 37 + shift * 91) % 256;
  return makeJpeg({ ...options, color: { r: channel(0), g: channel(1), b: channel(2) } });
}

/** Where {@link addPhoto} stores: a test studio (a harness) has all of it. */
export interface PhotoTarget {
  storage: Pick<Storage, 'photos' | 'blobs'>;
  accountId: string;
  clock: Clock;
  /** For the photo IDs (a seeded one replays them). @default systemRandom */
  random?: Random;
}

export interface AddPhotoOptions {
  galleryId: number;
  collectionId: number;
  /** The original; a fresh 800×600 JPEG when omitted. Bytes that are no image end `failed`. */
  bytes?: Buffer;
  /** @default 'IMG_<n>.jpg' */
  filename?: string;
  hidden?: boolean;
  /** Leave it `processing` (stored and counted, its sizes not made yet). @default true */
  process?: boolean;
  /** @default 'photo' */
  kind?: MediaKind;
  /** @default sniffed from the bytes, as the upload does */
  contentType?: string;
  uploadedBy?: string | null;
}

let made = 0;

/**
 * A photo as an upload leaves it, without the upload route: the original in the blob store,
 * the row (at the end of its gallery, its bytes added to the usage), then processed, so it is
 * `ready` with every size (or `failed`, when the bytes are no image). Returns the row as
 * stored at the end.
 *
 * @example
 * const photo = await addPhoto(h, { galleryId: g.id, collectionId: c.id });
 */
export async function addPhoto(
  target: PhotoTarget,
  options: AddPhotoOptions,
): Promise<PhotoRecord> {
  made += 1;
  const bytes = options.bytes ?? (await distinctJpeg(made));
  const type = sniffImageType(bytes);
  const contentType = options.contentType ?? (type ? `image/${type}` : 'application/octet-stream');
  const stored = await target.storage.blobs.put(bytes, { contentType });
  const now = target.clock.now();
  const record = (id: number): PhotoRecord => ({
    id,
    accountId: target.accountId,
    collectionId: options.collectionId,
    galleryId: options.galleryId,
    kind: options.kind ?? 'photo',
    filename: options.filename ?? `IMG_${String(made).padStart(4, '0')}.jpg`,
    contentType,
    size: stored.size,
    sha256: stored.sha256,
    width: null,
    height: null,
    takenAt: null,
    camera: null,
    lens: null,
    hasGps: false,
    status: 'processing',
    statusReason: null,
    thumbhash: null,
    derivatives: [],
    position: 0,
    hidden: options.hidden ?? false,
    favoriteCount: 0,
    uploadedBy: options.uploadedBy ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const created: { photo?: PhotoRecord } = {};
  await createWithFreshId('photo', target.random ?? systemRandom, async (id) => {
    const result = await target.storage.photos.create(record(id));
    if ('refused' in result) {
      if (result.refused === 'id_taken') return false;
      throw new Error(`addPhoto: the store refused the photo (${result.refused})`);
    }
    created.photo = result.created;
    return true;
  });
  const photo = created.photo;
  if (!photo) throw new Error('addPhoto: no photo was created');
  if (options.process === false) return photo;
  const processed = await processStoredPhoto(
    { storage: target.storage, clock: target.clock },
    photo.id,
  );
  if (!processed) throw new Error(`addPhoto: photo ${photo.id} vanished while processing`);
  return processed;
}

/**
 * `count` distinct photos in one gallery, in position order; `width` and `height` (800×600 by
 * default) make small ones where sizes do not matter, which process faster.
 */
export async function addPhotos(
  target: PhotoTarget,
  count: number,
  options: Omit<AddPhotoOptions, 'bytes' | 'filename'> & { width?: number; height?: number },
): Promise<PhotoRecord[]> {
  const { width = 800, height = 600, ...rest } = options;
  const photos: PhotoRecord[] = [];
  for (let i = 0; i < count; i++) {
    made += 1;
    photos.push(
      await addPhoto(target, { ...rest, bytes: await distinctJpeg(made, { width, height }) }),
    );
  }
  return photos;
}

/**
 * A ready video, for counts and listings: bytes that start as an MP4 does, processed as the
 * worker does where ffmpeg is missing (a placeholder poster in every size), so it needs no
 * ffmpeg and takes no time. Tests of real videos and posters are `test/photos/video.test.ts`.
 */
export async function addVideo(
  target: PhotoTarget,
  options: Omit<AddPhotoOptions, 'kind' | 'process' | 'contentType'> & {
    /** @default 'video/mp4' */
    contentType?: 'video/mp4' | 'video/quicktime';
  },
): Promise<PhotoRecord> {
  // An MP4's `ftyp` box (brand isom): no image type sniffs it, so it is stored as bytes.
  const bytes =
    options.bytes ??
    Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1'),
      Buffer.from(`video ${++made}`),
    ]);
  const video = await addPhoto(target, {
    ...options,
    bytes,
    filename: options.filename ?? `VID_${made}.mp4`,
    kind: 'video',
    contentType: options.contentType ?? 'video/mp4',
    process: false,
  });
  const ready = await processStoredPhoto(
    { storage: target.storage, clock: target.clock, videoTools: null },
    video.id,
  );
  if (ready?.status !== 'ready') {
    throw new Error(`addVideo: video ${video.id} is ${ready?.status ?? 'gone'}`);
  }
  return ready;
}
