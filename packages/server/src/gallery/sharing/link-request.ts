import type { ShareLinkCreate } from '@proofsheet/protocol';
import { AppError } from '../../http/app-error.js';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/**
 * The instant an ISO 8601 text names, or null when its fields name none (`2026-02-30`, hour
 * 24): `Date` would roll those over into another day rather than refuse them.
 */
export function parseInstant(text: string): Date | null {
  const m = INSTANT.exec(text);
  const at = new Date(text);
  if (!m || Number.isNaN(at.getTime())) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  const realDay =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() + 1 === month &&
    calendar.getUTCDate() === day;
  const realTime = (hour ?? 0) <= 23 && (minute ?? 0) <= 59 && (second ?? 0) <= 59;
  return realDay && realTime ? at : null;
}

/** The expiry a create body asks for: null for none; 422 for a time that is not, or is past. */
export function requestedExpiry(body: ShareLinkCreate, now: Date): Date | null {
  if (body.expires_at === undefined || body.expires_at === null) return null;
  const at = parseInstant(body.expires_at);
  if (at === null) {
    throw new AppError('validation_failed', 'expires_at is not a valid time', {
      expires_at: [`${body.expires_at} is not a time that exists`],
    });
  }
  if (at <= now) {
    throw new AppError('validation_failed', 'expires_at must be in the future', {
      expires_at: ['must be in the future: a link that has already expired opens nothing'],
    });
  }
  return at;
}

/** Refuses a body that limits a link both to galleries and to one photo. */
export function requireOneLimit(body: ShareLinkCreate): void {
  if (body.gallery_ids !== undefined && body.photo_id !== undefined) {
    throw new AppError('validation_failed', 'Give gallery_ids or photo_id, not both', {
      gallery_ids: ['a single-photo link opens its photo alone: leave gallery_ids out'],
      photo_id: ['a link limited to galleries cannot also be a single-photo link'],
    });
  }
}
