import type { DownloadSize } from '@proofsheet/protocol';

/** Longest name kept for one path segment, in characters: far below every file system's limit. */
const MAX_SEGMENT = 180;

/**
 * `name` as one path segment that every common file system takes: no separators, no
 * characters Windows refuses, no control characters, no trailing dots or spaces, not `.` or
 * `..`, and not too long (the extension is kept). `fallback` when nothing usable is left. The
 * studio names photos and galleries freely; a ZIP entry `../x` would write outside its folder.
 */
export function safeSegment(name: string, fallback: string): string {
  let cleaned = name
    .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]/gu, '_')
    .trim()
    .replace(/[. ]+$/, '');
  if (cleaned === '' || /^\.+$/.test(cleaned)) return fallback;
  const chars = [...cleaned];
  if (chars.length > MAX_SEGMENT) {
    const dot = cleaned.lastIndexOf('.');
    const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
    cleaned = chars.slice(0, MAX_SEGMENT - ext.length).join('') + ext;
  }
  return cleaned;
}

/** The name of a file in a size: the original's own; a smaller size's is its JPEG, `name.jpg`. */
export function sizedName(filename: string, size: DownloadSize): string {
  if (size === 'original') return filename;
  const dot = filename.lastIndexOf('.');
  return `${dot > 0 ? filename.slice(0, dot) : filename}.jpg`;
}

/**
 * Hands out names unique within one folder, compared without case (Windows and macOS folders
 * ignore it): the second `IMG_1.jpg` becomes `IMG_1 (2).jpg`, and so on past any taken.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();

  take(name: string): string {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++)
      candidate = `${stem} (${n})${ext}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/** RFC 8187's attr-char: what `encodeURIComponent` leaves alone, less `'`, `(`, `)` and `*`. */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `Content-Disposition` of a download: `attachment`, with the name in UTF-8 (`filename*`) and,
 * for clients that predate it, an ASCII stand-in (`filename`).
 */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(filename)}`;
}
