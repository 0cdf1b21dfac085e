import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calendarDate } from '../../src/gallery/calendar-date.js';

const at = (iso: string) => new Date(iso);

test('the date is the one on the wall clock of the time zone', () => {
  const instant = at('2026-01-15T20:00:00Z');
  assert.equal(calendarDate(instant, 'UTC'), '2026-01-15');
  assert.equal(calendarDate(instant, 'Pacific/Auckland'), '2026-01-16');
  assert.equal(calendarDate(at('2026-01-16T07:59:59.999Z'), 'America/Los_Angeles'), '2026-01-15');
  assert.equal(calendarDate(at('2026-01-16T08:00:00.000Z'), 'America/Los_Angeles'), '2026-01-16');
});

test('a day changes at local midnight across a daylight-saving change', () => {
  // Los Angeles goes from UTC-8 to UTC-7 at 2 a.m. on 8 March 2026, after midnight.
  assert.equal(calendarDate(at('2026-03-08T07:59:59.999Z'), 'America/Los_Angeles'), '2026-03-07');
  assert.equal(calendarDate(at('2026-03-08T08:00:00.000Z'), 'America/Los_Angeles'), '2026-03-08');
  assert.equal(calendarDate(at('2026-03-09T06:59:59.999Z'), 'America/Los_Angeles'), '2026-03-08');
  assert.equal(calendarDate(at('2026-03-09T07:00:00.000Z'), 'America/Los_Angeles'), '2026-03-09');
});

test('months and days are zero-padded, so dates compare as text in date order', () => {
  assert.equal(calendarDate(at('2026-02-03T12:00:00Z'), 'UTC'), '2026-02-03');
  assert.equal(calendarDate(at('2026-12-31T23:59:59.999Z'), 'UTC'), '2026-12-31');
  assert.equal(calendarDate(at('2027-01-01T00:00:00.000Z'), 'UTC'), '2027-01-01');
});

test('a time zone Intl does not know counts as UTC', () => {
  assert.equal(calendarDate(at('2026-01-15T23:30:00Z'), 'Mars/Olympus_Mons'), '2026-01-15');
  assert.equal(calendarDate(at('2026-01-16T00:30:00Z'), 'Mars/Olympus_Mons'), '2026-01-16');
});
