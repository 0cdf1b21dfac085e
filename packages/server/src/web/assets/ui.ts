// Small DOM helpers shared by the pages: building elements safely (text, never HTML),
// announcing status, showing errors beside fields, and confirming deletions.
import { ApiError, describeError, type FieldMessages } from './api.js';
import { fieldsOf, isField } from './fields.js';

/** An attribute value: `false`, `null` and `undefined` leave it out, `true` sets it empty. */
type Attribute = string | number | boolean | null | undefined | ((event: Event) => void);
/** A child: strings and numbers become text nodes; `false`, `null`, `undefined` are skipped. */
type Child = Node | string | number | false | null | undefined;

/**
 * Builds an element; string children become text nodes, so data is never parsed as HTML.
 * `on…` attributes that are functions become event listeners.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, Attribute>> = {},
  ...children: ReadonlyArray<Child | readonly Child[]>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === 'function') {
      if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    } else if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Any element type, e.g. `HTMLFormElement`. */
type ElementType<T extends HTMLElement> = { new (): T; readonly name: string };

/**
 * The element with this id, which the page's HTML always has (of `type`, when given): a missing
 * one is a mistake in the page, reported here rather than as a `null` further on.
 */
export function byId(id: string): HTMLElement;
export function byId<T extends HTMLElement>(id: string, type: ElementType<T>): T;
export function byId(id: string, type: ElementType<HTMLElement> = HTMLElement): HTMLElement {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`The page has no ${type.name} with id "${id}"`);
  return el;
}

/** The element with this id, or null on pages that do not have it. */
export function findById(id: string): HTMLElement | null {
  return document.getElementById(id);
}

/** Says something politely to screen readers and shows it. */
export function announce(message: string): void {
  const status = findById('status');
  if (!status) return;
  status.textContent = '';
  // A fresh text node makes screen readers announce the same message twice in a row.
  requestAnimationFrame(() => {
    status.textContent = message;
  });
}

/** Shows an error above the content (role=alert), or hides it when `message` is empty. */
export function showError(message: string): void {
  const box = findById('error');
  if (!box) return;
  box.textContent = message;
  box.hidden = !message;
}

/** Removes the messages beside a form's fields. */
export function clearFieldErrors(form: HTMLFormElement): void {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  for (const p of form.querySelectorAll<HTMLElement>('.field-error')) {
    p.textContent = '';
    p.hidden = true;
  }
}

function fieldIdOf(form: HTMLFormElement, name: string): string | null {
  const el = form.elements.namedItem(name);
  return el && 'id' in el && el.id !== '' ? el.id : null;
}

function labelOf(form: HTMLFormElement, id: string): string | null {
  const label = form.querySelector(`label[for="${id}"]`);
  return label?.firstChild?.textContent?.trim() ?? null;
}

/**
 * Puts validation messages (`{field: [messages]}`) beside their fields and focuses the first.
 * Returns the messages that have no field in this form.
 */
export function showFieldErrors(form: HTMLFormElement, details: FieldMessages): string[] {
  const unplaced: string[] = [];
  let first: HTMLElement | null = null;
  for (const [name, messages] of Object.entries(details)) {
    const id = fieldIdOf(form, name);
    const text = `${(id && labelOf(form, id)) ?? name} ${messages.join(', ')}`;
    const p = id ? findById(`${id}-error`) : null;
    const input = id ? findById(id) : null;
    if (!p || !input) {
      unplaced.push(text);
      continue;
    }
    p.textContent = text;
    p.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    const described = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', described ? `${described} ${p.id}` : p.id);
    first ??= input;
  }
  first?.focus();
  return unplaced;
}

/**
 * Reports an API error: field messages beside the fields when there is a form, the rest in
 * the alert region.
 */
export function reportError(error: unknown, form?: HTMLFormElement): void {
  if (form && error instanceof ApiError && error.details) {
    const unplaced = showFieldErrors(form, error.details);
    showError([describeError(error), ...unplaced].join(' '));
    return;
  }
  showError(describeError(error));
  findById('error')?.focus();
}

/** Asks before a deletion with the page's `<dialog>`. Resolves to true when confirmed. */
export function confirmAction(message: string, confirmLabel = 'Delete'): Promise<boolean> {
  const dialog = findById('confirm-dialog');
  if (!(dialog instanceof HTMLDialogElement)) return Promise.resolve(window.confirm(message));
  byId('confirm-message').textContent = message;
  byId('confirm-ok').textContent = confirmLabel;
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
        resolve(dialog.returnValue === 'confirm');
      },
      { once: true },
    );
    dialog.returnValue = 'cancel';
    dialog.showModal();
    byId('confirm-cancel').focus();
  });
}

/** A form's named fields as an object, trimmed; empty optional text becomes null. */
export function formValues(form: HTMLFormElement): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const el of fieldsOf(form)) {
    if (el.type === 'submit' || el.type === 'button') continue;
    const text = el.type === 'password' ? el.value : el.value.trim();
    values[el.name] = text === '' ? null : text;
  }
  return values;
}

/** Disables a form's buttons while a request runs, so that a double click sends one request. */
export async function busy<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T> {
  const buttons = [...form.querySelectorAll('button')];
  for (const b of buttons) b.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** "3 Jan 2026, 14:05" in the viewer's locale. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Checks `required` fields before sending; shows "is required" beside empty ones. */
export function checkRequired(form: HTMLFormElement): boolean {
  const details: Record<string, string[]> = {};
  for (const el of form.querySelectorAll('[required]')) {
    if (isField(el) && el.value.trim() === '') details[el.name] = ['is required'];
  }
  if (Object.keys(details).length === 0) return true;
  showFieldErrors(form, details);
  return false;
}

/**
 * Runs `work` with a form's values when it is submitted: clears old errors, checks required
 * fields, marks the form busy, and shows what failed beside the fields.
 */
export function onSubmit(
  form: HTMLFormElement,
  work: (values: Record<string, string | null>) => Promise<void>,
): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    showError('');
    if (!checkRequired(form)) return;
    await busy(form, async () => {
      try {
        await work(formValues(form));
      } catch (error) {
        reportError(error, form);
      }
    });
  });
}
