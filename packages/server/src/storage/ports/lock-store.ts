/** What a lease holder learns when it renews. */
export interface Renewal {
  /** Still ours: false once it expired and another took it, or it was released. */
  held: boolean;
  /** Someone waiting for the key asked the holder to finish soon. */
  releaseRequested: boolean;
}

/** A held lock on one key, for as long as its holder keeps renewing it. */
export interface Lease {
  /** Extends the lease by its length, and says whether it is still held. */
  renew(): Promise<Renewal>;
  /** Lets go; releasing a lease already lost does nothing to its new holder. */
  release(): Promise<void>;
}

/**
 * Exclusive leases on keys, shared by every instance that uses the same backing: a lease whose
 * holder died (stopped renewing) expires by itself after its length. The tus uploads take one
 * per upload while a request reads or writes it.
 */
export interface LockStore {
  /** Takes `key` for `ttlMs` if no live lease holds it; `null` while another does. */
  acquire(key: string, ttlMs: number): Promise<Lease | null>;
  /** Asks the holder of `key`, if any, to finish soon: it hears of it at its next renewal. */
  requestRelease(key: string): Promise<void>;
}
