// Unsaved form input survives a trip to the sign-in page: saved to sessionStorage before
// leaving, put back when the same page (path and query) loads again. Passwords are never kept.
import { type Field, fieldsOf } from './fields.js';

const PREFIX = 'proofsheet:draft:';

function keyOf(name: string | undefined): string {
  return `${PREFIX}${location.pathname}${location.search}#${name}`;
}

function keptFields(form: HTMLFormElement): Field[] {
  return fieldsOf(form).filter(
    (el) => el.type !== 'password' && el.type !== 'hidden' && !el.disabled,
  );
}

/** Saves every visible form marked `data-draft` that has something typed in it. */
export function saveDrafts(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-draft]')) {
    if (form.closest('[hidden]')) continue;
    const values: Record<string, string> = {};
    let typed = false;
    for (const el of keptFields(form)) {
      values[el.name] = el.value;
      if (el.value !== '' && el.tagName !== 'SELECT') typed = true;
    }
    if (typed) sessionStorage.setItem(keyOf(form.dataset.draft), JSON.stringify(values));
  }
}

/**
 * Puts a saved draft back into its form and forgets it. Returns whether there was one, so
 * that the page can say so.
 */
export function restoreDraft(form: HTMLFormElement): boolean {
  const key = keyOf(form.dataset.draft);
  const saved = sessionStorage.getItem(key);
  if (saved === null) return false;
  sessionStorage.removeItem(key);
  let values: unknown;
  try {
    values = JSON.parse(saved);
  } catch {
    return false;
  }
  if (typeof values !== 'object' || values === null) return false;
  for (const el of keptFields(form)) {
    const value: unknown = (values as Record<string, unknown>)[el.name];
    if (typeof value === 'string') el.value = value;
  }
  return true;
}

/** Whether a draft waits for this form (the page then opens the form to restore it). */
export function hasDraft(name: string): boolean {
  return sessionStorage.getItem(keyOf(name)) !== null;
}
