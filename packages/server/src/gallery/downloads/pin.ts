import { createHash } from 'node:crypto';
import { DOWNLOAD_PIN_GRANT_SECONDS } from '@proofsheet/protocol';
import type { ResourceContext } from '../../app-context.js';
import { LoginThrottle, throttledError } from '../../auth/login-throttle.js';
import { AppError } from '../../http/app-error.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import { type Viewer, viewerKey } from '../viewer.js';

const GRANT_MS = DOWNLOAD_PIN_GRANT_SECONDS * 1000;

type PinContext = Pick<ResourceContext<'counters'>, 'storage' | 'clock' | 'config' | 'passwords'>;

/**
 * The counter key of a viewer's grant. It names the PIN by a digest of its hash: a new PIN
 * has a new hash, which ends every grant of the old one without finding and deleting them.
 */
function grantKey(collection: Pick<CollectionView, 'id'>, pinHash: string, viewer: Viewer): string {
  const pin = createHash('sha256').update(pinHash).digest('base64url').slice(0, 22);
  return `download-pin:grant:${collection.id}:${pin}:${viewerKey(viewer)}`;
}

/**
 * Download PINs: checking one (throttled like a sign-in, per collection, IP and the pair, so
 * four digits cannot be walked) and the short-lived grant a right one gives its viewer, which
 * lets a browser download with plain links.
 */
export class DownloadPins {
  private readonly throttle: LoginThrottle;

  constructor(private readonly ctx: PinContext) {
    this.throttle = new LoginThrottle(ctx.storage.counters, ctx.config, 'download-pin');
  }

  /** Whether the viewer may download without giving the PIN now: none is set, or they gave it. */
  async granted(viewer: Viewer, collection: Pick<CollectionView, 'id' | 'downloadPinHash'>) {
    if (collection.downloadPinHash === null) return true;
    const key = grantKey(collection, collection.downloadPinHash, viewer);
    return this.ctx.storage.counters.isMarked(key, this.ctx.clock.now());
  }

  /** A 403 `download_pin_required` unless {@link granted}. */
  async require(viewer: Viewer, collection: Pick<CollectionView, 'id' | 'downloadPinHash'>) {
    if (!(await this.granted(viewer, collection))) throw new AppError('download_pin_required');
  }

  /**
   * Checks a PIN and grants downloads until the returned time; `null` when the collection has
   * no PIN. A wrong PIN is a 403, too many a 429 with `Retry-After`.
   */
  async check(
    viewer: Viewer,
    collection: Pick<CollectionView, 'id' | 'downloadPinHash'>,
    pin: string,
    ip: string,
  ): Promise<Date | null> {
    const hash = collection.downloadPinHash;
    if (hash === null) return null;
    const now = this.ctx.clock.now();
    const outcome = await this.throttle.guess(`collection:${collection.id}`, ip, now, async () =>
      (await this.ctx.passwords.verify(hash, pin)) ? true : null,
    );
    if (outcome.status === 'throttled') {
      throw throttledError(outcome.waitMs, 'Too many wrong download PINs');
    }
    if (outcome.status === 'wrong') throw new AppError('download_pin_wrong');
    const until = new Date(now.getTime() + GRANT_MS);
    await this.ctx.storage.counters.mark(grantKey(collection, hash, viewer), until, now);
    return until;
  }
}
