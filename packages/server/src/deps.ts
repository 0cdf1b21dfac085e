/** Time, injected so that expiry and rotation are tested by moving a clock, not by sleeping. */
export interface Clock {
  now(): Date;
}

/** Randomness, injected so that tests can make IDs and tokens predictable. */
export interface Random {
  bytes(n: number): Uint8Array;
}

export const systemClock: Clock = { now: () => new Date() };

export const systemRandom: Random = {
  bytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
};

/** A clock that tests move by hand. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(date: Date): void;
}

/** Makes a {@link ManualClock} starting at `start`. */
export function manualClock(start = new Date('2026-01-15T10:00:00Z')): ManualClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (date) => {
      t = date.getTime();
    },
  };
}
