import { AppError } from '../../http/app-error.js';
import { textProblem } from '../../http/text-rules.js';

/** As long as `PUT /photos/{id}` lets a file name be. */
const MAX_FILENAME = 255;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The file name of an uploaded part as a photo keeps it: without any directory (some browsers
 * send `C:\Users\…\IMG_0001.JPG`), trimmed; `null` when there is none (one is made from the
 * hash). Refuses (422) a name over 255 characters, or with control characters or text that
 * breaks the text rule: it is shown to clients and written into download headers.
 */
export function uploadFilename(raw: string | undefined): string | null {
  const name = (raw ?? '').split(/[/\\]/).pop()?.trim() ?? '';
  if (name === '' || name === '.' || name === '..') return null;
  const problem =
    textProblem(name) ??
    (CONTROL.test(name) ? 'must not contain control characters' : null) ??
    (name.length > MAX_FILENAME ? `must be at most ${MAX_FILENAME} characters` : null);
  if (problem) {
    throw new AppError('validation_failed', `The file name ${problem}`, { file: [problem] });
  }
  return name;
}
