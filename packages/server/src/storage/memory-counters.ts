import type { CounterStore } from './ports.js';

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

  return {
    async increment(key, windowMs, nowDate) {
      const now = nowDate.getTime();
      sweep(now);
      let entry = live(key, now);
      if (!entry) {
        entry = { count: 0, resetAt: now + windowMs };
        entries.set(key, entry);
      }
      entry.count += 1;
      return { count: entry.count, resetAt: new Date(entry.resetAt) };
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
