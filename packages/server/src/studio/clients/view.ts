/** How a client record is shown, made from a request body, and changed by one. */
import {
  type AddressInfo,
  CLIENT_STATUSES,
  CLIENT_TYPE_LABELS,
  type Client,
  type ClientCreate,
  type ClientType,
  type ClientUpdate,
  countryName,
  NO_ADDRESS,
  newId,
} from '@proofsheet/protocol';
import type { Random } from '../../deps.js';
import { formatTimestamp } from '../../http/timestamp.js';
import type { ClientChanges, ClientRecord } from '../../storage/ports/client-store.js';

/** The number of avatar colours the Studio app has. */
export const AVATAR_COLORS = 12;

/** A client as the API shows it, with the fields of the reference docs. */
export function toClient(c: ClientRecord): Client {
  return {
    id: c.id,
    email: c.email,
    status_name: CLIENT_STATUSES[c.status],
    first_name: c.firstName,
    last_name: c.lastName,
    phone: c.phone,
    company: c.company,
    job_title: c.jobTitle,
    address_info: { ...NO_ADDRESS, ...c.address },
    notes: c.notes,
    avatar_color: c.avatarColor,
    created_at: formatTimestamp(c.createdAt),
    updated_at: formatTimestamp(c.updatedAt),
    sample: c.sample,
    type: c.type,
    type_formatted: CLIENT_TYPE_LABELS[c.type],
  };
}

/**
 * An address with `patch` laid over `base`. A `country_id` sent without a `country` names the
 * country, as the reference docs show both (`223`, `"United States"`).
 */
export function mergedAddress(
  base: Readonly<AddressInfo>,
  patch: Partial<AddressInfo> | undefined,
): AddressInfo {
  const address = { ...NO_ADDRESS, ...base, ...patch };
  if (patch?.country_id != null && patch.country === undefined) {
    address.country = countryName(patch.country_id);
  }
  return address;
}

/** A new client from the body of `POST /api/v1/clients/`. */
export function newClient(
  body: ClientCreate,
  accountId: string,
  now: Date,
  random: Random,
): ClientRecord {
  const colorByte = random.bytes(1)[0] ?? 0;
  return {
    id: newId('client', (n) => random.bytes(n)),
    accountId,
    email: body.email ?? null,
    firstName: body.first_name,
    lastName: body.last_name ?? null,
    phone: body.phone ?? null,
    company: body.company ?? null,
    jobTitle: body.job_title ?? null,
    address: mergedAddress(NO_ADDRESS, body.address_info),
    notes: body.notes ?? null,
    avatarColor: 1 + (colorByte % AVATAR_COLORS),
    status: body.status ?? 1,
    type: body.type ?? 'client',
    sample: false,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The changes a `PUT` body asks for: only the fields it names. `address_info` is merged key
 * by key into the current address, so sending `{"city": "Oslo"}` keeps the street.
 */
export function clientChanges(body: ClientUpdate, current: ClientRecord, now: Date): ClientChanges {
  const changes: ClientChanges = { updatedAt: now };
  if (body.email !== undefined) changes.email = body.email;
  if (body.first_name !== undefined) changes.firstName = body.first_name;
  if (body.last_name !== undefined) changes.lastName = body.last_name;
  if (body.phone !== undefined) changes.phone = body.phone;
  if (body.company !== undefined) changes.company = body.company;
  if (body.job_title !== undefined) changes.jobTitle = body.job_title;
  if (body.address_info !== undefined) {
    changes.address = mergedAddress(current.address, body.address_info);
  }
  if (body.notes !== undefined) changes.notes = body.notes;
  if (body.type !== undefined) changes.type = body.type;
  if (body.status !== undefined) changes.status = body.status;
  return changes;
}

/** The noun for a contact of a type, for messages: "client", "lead" or "contact". */
export function contactNoun(type: ClientType): string {
  return type === 'other' ? 'contact' : type;
}

/** "Ada Lovelace", or just "Ada" without a last name. */
export function displayName(c: Pick<ClientRecord, 'firstName' | 'lastName'>): string {
  return c.lastName ? `${c.firstName} ${c.lastName}` : c.firstName;
}
