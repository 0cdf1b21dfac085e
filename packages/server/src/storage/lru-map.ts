interface Slot<V> {
  value: V;
  /** Read since the slot last reached the old end of the map. */
  used: boolean;
}

/**
 * A Map that holds at most `max` entries, dropping one that has not been read for longest
 * ("second chance", an approximation of least recently used). A read only sets a flag: moving
 * the entry to the young end on every read (delete + set) was 3 % of an authenticated GET's
 * CPU, and the session and page caches are read on every request.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, Slot<V>>();

  constructor(
    private readonly max: number,
    /** Told of each entry dropped to make room, so that indexes beside the map can follow. */
    private readonly onEvict: (key: K, value: V) => void = () => undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const slot = this.entries.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  set(key: K, value: V): void {
    const slot = this.entries.get(key);
    if (slot) {
      slot.value = value;
      slot.used = true;
      return;
    }
    // Make room first, so that the walk cannot pick the entry being added.
    if (this.entries.size >= this.max) this.evictOne();
    this.entries.set(key, { value, used: false });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  *values(): IterableIterator<V> {
    for (const slot of this.entries.values()) yield slot.value;
  }

  /** Walks from the oldest entry: a read one goes to the young end once, an unread one goes. */
  private evictOne(): void {
    for (const [key, slot] of this.entries) {
      this.entries.delete(key);
      if (slot.used) {
        slot.used = false;
        this.entries.set(key, slot);
        continue;
      }
      this.onEvict(key, slot.value);
      return;
    }
  }
}
