/**
 * Formats a time as the reference docs show timestamps: ISO 8601 in UTC with six fractional
 * digits (`2025-08-06T14:50:42.000000Z`). Times are stored in milliseconds, so the last three
 * digits are always zero.
 *
 * @example
 * formatTimestamp(new Date(Date.UTC(2025, 7, 6, 14, 50, 42))); // '2025-08-06T14:50:42.000000Z'
 */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, -1)}000Z`;
}
