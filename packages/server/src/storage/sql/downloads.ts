import type { DownloadSize, DownloadSubject } from '@proofsheet/protocol';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DownloadRecord, DownloadStore, MediaDownloadCount } from '../ports/download-store.js';
import type { Database, DownloadsTable } from './schema.js';

const nullableNumber = (value: number | null): number | null =>
  value === null ? null : Number(value);

function toRecord(row: Selectable<DownloadsTable>): DownloadRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    collectionId: Number(row.collection_id),
    galleryId: nullableNumber(row.gallery_id),
    photoId: nullableNumber(row.photo_id),
    subject: row.subject as DownloadSubject,
    size: row.size as DownloadSize,
    filename: row.filename,
    viewerKey: row.viewer_key,
    email: row.email,
    ip: row.ip,
    userAgent: row.user_agent,
    rangeStart: Number(row.range_start),
    bytesExpected: Number(row.bytes_expected),
    bytesSent: nullableNumber(row.bytes_sent),
    completed: Number(row.completed) === 1,
    createdAt: new Date(Number(row.created_at)),
    finishedAt: row.finished_at === null ? null : new Date(Number(row.finished_at)),
  };
}

function toRow(d: DownloadRecord): DownloadsTable {
  return {
    id: d.id,
    account_id: d.accountId,
    collection_id: d.collectionId,
    gallery_id: d.galleryId,
    photo_id: d.photoId,
    subject: d.subject,
    size: d.size,
    filename: d.filename,
    viewer_key: d.viewerKey,
    email: d.email,
    ip: d.ip,
    user_agent: d.userAgent,
    range_start: d.rangeStart,
    bytes_expected: d.bytesExpected,
    bytes_sent: d.bytesSent,
    completed: d.completed ? 1 : 0,
    created_at: d.createdAt.getTime(),
    finished_at: d.finishedAt?.getTime() ?? null,
  };
}

/** Downloads in SQL. PostgreSQL returns counts and sums as strings, hence `Number`. */
export function sqlDownloadStore(db: Kysely<Database>): DownloadStore {
  function ofCollection(accountId: string, collectionId: number) {
    return db
      .selectFrom('downloads')
      .where('account_id', '=', accountId)
      .where('collection_id', '=', collectionId);
  }

  return {
    async record(download) {
      await db.insertInto('downloads').values(toRow(download)).execute();
    },

    async finish(id, outcome) {
      const result = await db
        .updateTable('downloads')
        .set({
          bytes_sent: outcome.bytesSent,
          completed: outcome.completed ? 1 : 0,
          finished_at: outcome.at.getTime(),
        })
        .where('id', '=', id)
        .where('finished_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async list(accountId, collectionId, { offset, limit, subjects }) {
      let query = ofCollection(accountId, collectionId);
      if (subjects !== undefined) query = query.where('subject', 'in', [...subjects]);
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      const count = await query
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toRecord), total: Number(count.n) };
    },

    async countsByPhoto(accountId, collectionId, { subject, offset, limit, recent }) {
      const mine = ofCollection(accountId, collectionId)
        .where('subject', '=', subject)
        .where('photo_id', 'is not', null);
      const groups = await mine
        .select((eb) => [
          'photo_id',
          eb.fn.max('gallery_id').as('gallery_id'),
          eb.fn
            .sum<number>(eb.case().when('range_start', '=', 0).then(1).else(0).end())
            .as('download_count'),
          eb.fn.sum<number>(eb.fn.coalesce('bytes_sent', sql<number>`0`)).as('bytes_sent'),
          eb.fn.max('created_at').as('last_at'),
        ])
        .groupBy('photo_id')
        .orderBy(sql`3`, 'desc')
        .orderBy('photo_id', 'asc')
        .limit(limit)
        .offset(offset)
        .execute();
      const count = await mine
        .select((eb) => eb.fn.count<number>('photo_id').distinct().as('n'))
        .executeTakeFirstOrThrow();
      const ids = groups.map((g) => Number(g.photo_id));
      // The latest `recent` of each photo in one query: numbered per photo, newest first.
      const latest =
        ids.length === 0
          ? []
          : await db
              .selectFrom(
                mine
                  .where('photo_id', 'in', ids)
                  .selectAll()
                  .select(
                    sql<number>`row_number() over (partition by photo_id order by created_at desc, id desc)`.as(
                      'rn',
                    ),
                  )
                  .as('numbered'),
              )
              .selectAll()
              .where('rn', '<=', recent)
              .orderBy('created_at', 'desc')
              .orderBy('id', 'desc')
              .execute();
      const items = groups.map((g): MediaDownloadCount => {
        const photoId = Number(g.photo_id);
        const own = latest.filter((r) => Number(r.photo_id) === photoId).map(toRecord);
        return {
          photoId,
          galleryId: Number(g.gallery_id),
          filename: own[0]?.filename ?? '',
          downloadCount: Number(g.download_count),
          bytesSent: Number(g.bytes_sent),
          lastDownloadedAt: new Date(Number(g.last_at)),
          recent: own,
        };
      });
      return { items, total: Number(count.n) };
    },
  };
}
