import { escapeHtml } from '../http/html.js';

export interface FieldOptions {
  /** The API's field name; validation `details` keys match it. */
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'textarea' | 'select';
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  /** `[value, label]` pairs of a select. */
  choices?: ReadonlyArray<readonly [string, string]>;
  /** Prefix of the element id, so that two forms on a page do not clash. */
  idPrefix?: string;
}

/**
 * A labelled field with a place for its error message. Scripts put server validation messages
 * into `#<id>-error` and point `aria-describedby` at it.
 */
export function field(options: FieldOptions): string {
  const id = `${options.idPrefix ?? ''}${options.name.replaceAll('.', '-')}`;
  const name = escapeHtml(options.name);
  const required = options.required ? ' required aria-required="true"' : '';
  const autocomplete = options.autocomplete
    ? ` autocomplete="${escapeHtml(options.autocomplete)}"`
    : '';
  const hintId = `${id}-hint`;
  const hint = options.hint ? `<p class="hint" id="${hintId}">${escapeHtml(options.hint)}</p>` : '';
  const describedBy = options.hint ? ` aria-describedby="${hintId}"` : '';
  const attrs = `id="${id}" name="${name}"${required}${autocomplete}${describedBy}`;
  let control: string;
  if (options.type === 'textarea') {
    control = `<textarea ${attrs} rows="3"></textarea>`;
  } else if (options.type === 'select') {
    const choices = (options.choices ?? [])
      .map(([v, l]) => `<option value="${escapeHtml(v)}">${escapeHtml(l)}</option>`)
      .join('');
    control = `<select ${attrs}>${choices}</select>`;
  } else {
    control = `<input ${attrs} type="${options.type ?? 'text'}">`;
  }
  const mark = options.required ? ' <span class="req" aria-hidden="true">*</span>' : '';
  return `<div class="field"><label for="${id}">${escapeHtml(options.label)}${mark}</label>${hint}${control}<p class="field-error" id="${id}-error" hidden></p></div>`;
}

/** The modal used to confirm deletions: a native `<dialog>` keeps focus inside while open. */
export const CONFIRM_DIALOG = `<dialog id="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-message">
<form method="dialog">
<h2 id="confirm-title">Are you sure?</h2>
<p id="confirm-message"></p>
<div class="actions"><button type="submit" value="cancel" class="secondary" id="confirm-cancel">Cancel</button><button type="submit" value="confirm" class="danger" id="confirm-ok">Delete</button></div>
</form>
</dialog>`;
