/**
 * Resource ID formats. Studio IDs are a prefix and 30 alphanumeric characters
 * (`cl_ABC123DEF456GHI789JKL012MNO345`); Gallery IDs are numbers (collections 8 digits,
 * galleries 9), carried as JSON numbers as in the reference docs.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The prefix of each prefixed ID. */
export const ID_PREFIXES = {
  client: 'cl_',
  user: 'us_',
  notification: 'nt_',
  /** A login: one sign-in, which the user sees as one entry in their session list. */
  login: 'lg_',
  account: 'ac_',
  /** A person's list of favorite photos in one collection. */
  favorite_list: 'fl_',
  /** A comment on a photo. */
  comment: 'pc_',
  /** One recorded download of a photo, video, gallery or collection. */
  download: 'dl_',
  /** A share link: a collection (or part of one) opened by whoever holds its URL. */
  shareLink: 'sl_',
  /** A share-link visitor: one email address in one collection. */
  visitor: 'vi_',
  /** A message of the outbox: one email the server sent, or will send. */
  message: 'ml_',
  /** An audit event: one security event of a studio (a sign-in, a password change, …). */
  auditEvent: 'ae_',
  /** An invitation to join a studio as an assistant or a gallery client. */
  invitation: 'iv_',
  /** A WebAuthn passkey of a user (its own ID; the credential ID stays inside the server). */
  passkey: 'pk_',
} as const;

/** A resource whose ID is prefixed. */
export type PrefixedResource = keyof typeof ID_PREFIXES;

/** The number of characters after the prefix. */
export const ID_BODY_LENGTH = 30;

const BODY_PATTERN = `[A-Za-z0-9]{${ID_BODY_LENGTH}}`;

/** JSON-schema patterns for each prefixed ID. */
export const ID_PATTERNS: Record<PrefixedResource, string> = Object.fromEntries(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [kind, `^${prefix}${BODY_PATTERN}$`]),
) as Record<PrefixedResource, string>;

/**
 * Makes a prefixed ID from random bytes. The bytes come from the caller so that tests can
 * inject randomness. Rejection sampling keeps every character equally likely.
 *
 * @example
 * newId('client', (n) => crypto.getRandomValues(new Uint8Array(n))); // 'cl_…30 characters'
 */
export function newId(kind: PrefixedResource, randomBytes: (n: number) => Uint8Array): string {
  let body = '';
  while (body.length < ID_BODY_LENGTH) {
    for (const byte of randomBytes(ID_BODY_LENGTH * 2)) {
      // 248 = 62 * 4: bytes above it would favour the first characters.
      if (byte < 248 && body.length < ID_BODY_LENGTH) body += ALPHABET[byte % 62];
    }
  }
  return `${ID_PREFIXES[kind]}${body}`;
}

/** Whether `value` is a well-formed ID of the given kind. */
export function isId(kind: PrefixedResource, value: string): boolean {
  return new RegExp(ID_PATTERNS[kind]).test(value);
}

/** Numeric ID ranges of the Gallery API. */
export const NUMERIC_IDS = {
  collection: { min: 10_000_000, max: 99_999_999 },
  gallery: { min: 100_000_000, max: 999_999_999 },
  /** The docs say only "numeric, variable": ten digits leave nine billion per server. */
  photo: { min: 1_000_000_000, max: 9_999_999_999 },
} as const;

/** A resource whose ID is numeric. */
export type NumericResource = keyof typeof NUMERIC_IDS;

/** Whether `value` (as it appears in a URL) is a well-formed numeric ID of the given kind. */
export function isNumericId(kind: NumericResource, value: string): boolean {
  const { min, max } = NUMERIC_IDS[kind];
  if (!/^[0-9]+$/.test(value) || value.length !== String(min).length) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/** Makes a numeric ID of the given kind from random bytes. */
export function newNumericId(
  kind: NumericResource,
  randomBytes: (n: number) => Uint8Array,
): number {
  const { min, max } = NUMERIC_IDS[kind];
  const bytes = randomBytes(6);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 6);
  // 48 random bits, far above every range, so the modulo bias is negligible for IDs.
  const n = view.getUint32(0) * 65_536 + view.getUint16(4);
  return min + (n % (max - min + 1));
}
