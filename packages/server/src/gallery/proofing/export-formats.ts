/**
 * A favorites list as the files photographers take it in: the pure part of the export, from
 * the selection's rows to text.
 */
import type { FavoriteExportFormat } from '@proofsheet/protocol';
import { stringify } from 'csv-stringify/sync';

/** One photo of a selection, in the collection's order. */
export interface ExportRow {
  filename: string;
  photoId: number;
  galleryId: number;
  position: number;
  /** When the list's owner put it in the list, as the API writes times. */
  favoritedAt: string;
}

/** The file name without its extension: `DSC_0412.jpg` → `DSC_0412`; `.hidden` stays. */
export function withoutExtension(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(0, dot) : filename;
}

/**
 * Lightroom's Library filter takes file names, without extensions, separated by commas: the
 * list photographers paste to select a client's picks. A name shot twice (two cameras, two
 * galleries) is named once; it selects both.
 */
export function lightroomText(rows: readonly ExportRow[]): string {
  return [...new Set(rows.map((r) => withoutExtension(r.filename)))].join(', ');
}

/** One file name per line, extensions kept. */
export function lineText(rows: readonly ExportRow[]): string {
  return rows.map((r) => `${r.filename}\n`).join('');
}

const CSV_COLUMNS = ['filename', 'name', 'photo_id', 'gallery_id', 'position', 'favorited_at'];

/**
 * A row per photo, with a header, for a spreadsheet: a BOM so that Excel reads UTF-8, and
 * cells that a spreadsheet would run as a formula (a file named `=cmd|…`) escaped.
 */
export function csvText(rows: readonly ExportRow[]): string {
  const records = rows.map((r) => [
    r.filename,
    withoutExtension(r.filename),
    r.photoId,
    r.galleryId,
    r.position,
    r.favoritedAt,
  ]);
  return stringify([CSV_COLUMNS, ...records], { bom: true, escape_formulas: true });
}

/** The content type and body of an export. */
export function exportBody(
  format: FavoriteExportFormat,
  rows: readonly ExportRow[],
): { contentType: string; body: string; extension: string } {
  switch (format) {
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', body: csvText(rows), extension: 'csv' };
    case 'txt':
      return { contentType: 'text/plain; charset=utf-8', body: lineText(rows), extension: 'txt' };
    default:
      return {
        contentType: 'text/plain; charset=utf-8',
        body: lightroomText(rows),
        extension: 'txt',
      };
  }
}

/**
 * A download's file name from the list's name: ASCII letters, digits and dashes, so the
 * `Content-Disposition` header needs no quoting rules beyond the quotes around it.
 */
export function exportFilename(listName: string, format: FavoriteExportFormat, extension: string) {
  const slug = listName
    .normalize('NFKD')
    // Accents come apart from their letters: drop them, so that "Élodie" is "elodie".
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase()
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'favorites'}-${format}.${extension}`;
}
