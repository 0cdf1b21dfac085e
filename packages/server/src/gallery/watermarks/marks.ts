import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { Watermark } from '@proofsheet/protocol';
import type { Clock } from '../../deps.js';
import { formatTimestamp } from '../../http/timestamp.js';
import { applyWatermark, type WatermarkSpec } from '../../photos/watermark.js';
import type { DerivativeRef } from '../../storage/ports/photo-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { WatermarkRecord, WatermarkVariant } from '../../storage/ports/watermark-store.js';

type MarkStores = Pick<Storage, 'watermarks' | 'blobs'>;

/** The settings a studio starts with: its name, bottom right, readable but not loud. */
export function defaultWatermark(accountId: string, studioName: string): WatermarkRecord {
  return {
    accountId,
    kind: 'text',
    text: studioName,
    logoSha256: null,
    opacity: 60,
    scale: 30,
    position: 'bottom-right',
    updatedAt: new Date(0),
  };
}

/** The settings as the API shows them; never saved ones have no `updated_at`. */
export function toWatermark(r: WatermarkRecord): Watermark {
  return {
    kind: r.kind,
    text: r.text,
    has_logo: r.logoSha256 !== null,
    opacity: r.opacity,
    scale: r.scale,
    position: r.position,
    updated_at: r.updatedAt.getTime() === 0 ? null : formatTimestamp(r.updatedAt),
  };
}

/** A watermark ready to put on pictures: a key naming its settings, and how to draw it. */
export interface Mark {
  /** Changes whenever anything that changes the marked pixels does. */
  key: string;
  spec(): Promise<WatermarkSpec>;
}

/** The mark that `settings` draw: a logo mark with no logo falls back to the text. */
export function markOf(stores: MarkStores, settings: WatermarkRecord): Mark {
  const logo = settings.kind === 'logo' ? settings.logoSha256 : null;
  const look = {
    opacity: settings.opacity / 100,
    scale: settings.scale / 100,
    position: settings.position,
  };
  const key = createHash('sha256')
    .update(JSON.stringify([logo ? 'logo' : 'text', logo ?? settings.text, look]))
    .digest('hex')
    .slice(0, 16);
  return {
    key,
    async spec() {
      if (logo) {
        const stream = await stores.blobs.get(logo);
        if (stream) return { kind: 'logo', logo: await buffer(stream), ...look };
      }
      return { kind: 'text', text: settings.text, ...look };
    },
  };
}

/**
 * The mark a collection's pictures carry for clients and visitors, or `null` when it has none
 * turned on (or the studio never set one up and the collection does not ask for it).
 */
export async function collectionMark(
  stores: MarkStores,
  account: { id: string; name: string },
  collectionId: number,
): Promise<Mark | null> {
  if (!(await stores.watermarks.isEnabled(account.id, collectionId))) return null;
  const settings =
    (await stores.watermarks.find(account.id)) ?? defaultWatermark(account.id, account.name);
  return markOf(stores, settings);
}

/**
 * The marked rendering of one derivative, made on first request and kept: later requests are
 * served from the blob store like any derivative. Two first requests at once both render; the
 * bytes are the same, and the store keeps one record.
 */
export async function markedDerivative(
  ctx: { storage: MarkStores; clock: Clock },
  mark: Mark,
  derivative: DerivativeRef,
): Promise<WatermarkVariant | null> {
  const { watermarks, blobs } = ctx.storage;
  const known = await watermarks.findVariant(derivative.sha256, mark.key);
  if (known && (await blobs.head(known.sha256))) return known;
  if (known) await watermarks.deleteVariant(derivative.sha256, mark.key);
  const source = await blobs.get(derivative.sha256);
  if (!source) return null;
  const marked = await applyWatermark(await buffer(source), derivative.format, await mark.spec());
  const stored = await blobs.put(marked, { contentType: derivative.contentType });
  const variant = {
    sha256: stored.sha256,
    bytes: stored.size,
    contentType: derivative.contentType,
  };
  await watermarks.saveVariant(derivative.sha256, mark.key, variant, ctx.clock.now());
  return variant;
}
