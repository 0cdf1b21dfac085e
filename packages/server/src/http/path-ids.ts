/**
 * Path IDs are checked before any lookup: a malformed ID is the caller's mistake (400), which
 * is worth telling apart from a well-formed ID that matches nothing (404).
 */
import {
  ID_BODY_LENGTH,
  ID_PREFIXES,
  isId,
  isNumericId,
  NUMERIC_IDS,
  type NumericResource,
} from '@proofsheet/protocol';
import { AppError } from './app-error.js';

/** At most 40 characters of what the caller sent, quoted, so the message stays readable. */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

const PREFIXED_LABELS = {
  client: 'Client',
  notification: 'Notification',
  favorite_list: 'Favorites list',
  comment: 'Comment',
  shareLink: 'Share link',
  user: 'User',
  invitation: 'Invitation',
  passkey: 'Passkey',
} as const;

/** Returns `value` if it is a well-formed ID of `kind`; otherwise throws a 400 naming the format. */
export function requireId(kind: keyof typeof PREFIXED_LABELS, value: string): string {
  if (isId(kind, value)) return value;
  throw new AppError(
    'bad_request',
    `${PREFIXED_LABELS[kind]} ID must be ${ID_PREFIXES[kind]} followed by ${ID_BODY_LENGTH} letters and digits (got ${shown(value)})`,
  );
}

const NUMERIC_LABELS: Record<NumericResource, string> = {
  collection: 'Collection',
  gallery: 'Gallery',
  photo: 'Photo',
};

/** Returns the number if `value` is a well-formed numeric ID of `kind`; otherwise throws a 400. */
export function requireNumericId(kind: NumericResource, value: string): number {
  if (isNumericId(kind, value)) return Number(value);
  const digits = String(NUMERIC_IDS[kind].min).length;
  throw new AppError(
    'bad_request',
    `${NUMERIC_LABELS[kind]} ID must be a number of ${digits} digits (got ${shown(value)})`,
  );
}
