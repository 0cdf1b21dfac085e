import type { ShareLinkCreate } from '@proofsheet/protocol';
import { AppError } from '../../http/app-error.js';

/** The expiry a create body asks for: null for none; 422 for a time that is not, or is past. */
export function requestedExpiry(body: ShareLinkCreate, now: Date): Date | null {
  if (body.expires_at === undefined || body.expires_at === null) return null;
  const at = new Date(body.expires_at);
  if (Number.isNaN(at.getTime())) {
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
