const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration such as `30m`, `12h`, `30d`, `1500ms` or a plain number of seconds.
 * Returns milliseconds, or `null` when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match?.[1]) return null;
  const unit = UNITS[match[2] ?? 's'] ?? 1000;
  return Math.round(Number(match[1]) * unit);
}

/** Formats milliseconds the way `parseDuration` reads them, in the largest exact unit. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNITS[unit] ?? 1;
    if (ms % size === 0 && ms >= size) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
