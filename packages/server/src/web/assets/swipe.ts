// When a touch on the lightbox is a swipe to the next or previous photo. Pure, for tests.

/** Which way a swipe goes: a leftward swipe brings the next photo, as on every phone. */
export type Swipe = 'next' | 'previous' | null;

/** Shortest swipe, in CSS pixels, or this share of the stage's width if that is less. */
const MIN_DISTANCE = 60;
const MIN_SHARE = 0.18;
/** A slow drag is someone reading, not swiping. */
const MAX_DURATION_MS = 900;

/**
 * The swipe a touch made, from how far it moved (`dx` right, `dy` down), how long it took and
 * how wide the stage is; null for a tap, a slow drag, or a mostly vertical move (a scroll).
 */
export function swipeOf(dx: number, dy: number, durationMs: number, width: number): Swipe {
  const distance = Math.min(MIN_DISTANCE, Math.max(1, width) * MIN_SHARE);
  if (durationMs > MAX_DURATION_MS) return null;
  if (Math.abs(dx) < distance || Math.abs(dx) < 1.5 * Math.abs(dy)) return null;
  return dx < 0 ? 'next' : 'previous';
}
