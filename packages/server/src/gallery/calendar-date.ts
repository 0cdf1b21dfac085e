/** Formatters by time zone: building one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    const options = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
    try {
      formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      // A zone Intl does not know counts as UTC: off by at most a day, where refusing would
      // lock every gallery client of that studio out.
      formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date (`YYYY-MM-DD`, Gregorian) that it is at `at` in the IANA time zone
 * `timeZone`.
 *
 * @example calendarDate(new Date('2026-01-16T07:00:00Z'), 'America/Los_Angeles') // '2026-01-15'
 */
export function calendarDate(at: Date, timeZone: string): string {
  const parts = new Map(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.get('year')}-${parts.get('month')}-${parts.get('day')}`;
}

/**
 * The calendar date `days` after `date` (`YYYY-MM-DD`): plain calendar arithmetic, with no time
 * zone (the date is already where the studio is).
 *
 * @example addDays('2026-01-30', 3) // '2026-02-02'
 */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const utc = Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days);
  return new Date(utc).toISOString().slice(0, 10);
}
