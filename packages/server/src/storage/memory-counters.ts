import type { CounterStore, HoldRule } from './ports/counter-store.js';

interface Entry {
  count: number;
  resetAt: number;
}

/**
 * Counters in this process's memory: right for one instance (the SQLite set-up), wrong for
 * several, which use the Redis store. Expired entries are swept as the map is used, so memory
 * stays bounded by the keys active in one window.
 */
export function memoryCounterStore(): CounterStore {
  const entries = new Map<string, Entry>();
  let nextSweep = 0;

  function sweep(now: number): void {
    if (now < nextSweep) return;
    nextSweep = now + 60_000;
    for (const [key, entry] of entries) if (entry.resetAt <= now) entries.delete(key);
  }

  function live(key: string, now: number): Entry | null {
    const entry = entries.get(key);
    if (!entry || entry.resetAt <= now) return null;
    return entry;
  }

  function add(key: string, windowMs: number, now: number): Entry {
    let entry = live(key, now);
    if (!entry) {
      entry = { count: 0, resetAt: now + windowMs };
      entries.set(key, entry);
    }
    entry.count += 1;
    return entry;
  }

  function limitOf(hold: HoldRule, counts: ReadonlyMap<string, number>): number {
    const { tighten } = hold;
    return tighten && (counts.get(tighten.key) ?? 0) > tighten.over ? tighten.limit : hold.limit;
  }

  return {
    async increment(key, windowMs, nowDate) {
      const now = nowDate.getTime();
      sweep(now);
      const entry = add(key, windowMs, now);
      return { count: entry.count, resetAt: new Date(entry.resetAt) };
    },
    // No await inside: the check and the counts are one step of the event loop, so atomic.
    async reserve(charges, holdsMs, nowDate) {
      const now = nowDate.getTime();
      sweep(now);
      let retryAt = 0;
      for (const { hold } of charges) {
        const held = hold ? live(hold.key, now) : null;
        if (held) retryAt = Math.max(retryAt, held.resetAt);
      }
      if (retryAt > 0) return { granted: false, retryAt: new Date(retryAt) };
      const counts = new Map<string, number>();
      for (const { key, windowMs } of charges) counts.set(key, add(key, windowMs, now).count);
      for (const { key, hold } of charges) {
        if (!hold) continue;
        const excess = (counts.get(key) ?? 0) - limitOf(hold, counts);
        const holdMs = holdsMs[Math.min(excess, holdsMs.length) - 1];
        if (excess > 0 && holdMs !== undefined) {
          entries.set(hold.key, { count: 1, resetAt: now + holdMs });
        }
      }
      return { granted: true };
    },
    async release(key) {
      // An ended window may be touched too: it reads as absent either way.
      const entry = entries.get(key);
      if (entry && entry.count > 0) entry.count -= 1;
    },
    async get(key, nowDate) {
      const entry = live(key, nowDate.getTime());
      return entry ? { count: entry.count, resetAt: new Date(entry.resetAt) } : null;
    },
    async reset(key) {
      entries.delete(key);
    },
    async mark(key, until) {
      entries.set(key, { count: 1, resetAt: until.getTime() });
    },
    async isMarked(key, nowDate) {
      return live(key, nowDate.getTime()) !== null;
    },
  };
}
