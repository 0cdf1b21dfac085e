// Small DOM helpers shared by the pages: building elements safely (text, never HTML),
// announcing status, showing errors beside fields, and confirming deletions.
import { describeError } from './api.js';

/** Builds an element; string children become text nodes, so data is never parsed as HTML. */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Says something politely to screen readers and shows it. */
export function announce(message) {
  const status = byId('status');
  if (!status) return;
  status.textContent = '';
  // A fresh text node makes screen readers announce the same message twice in a row.
  requestAnimationFrame(() => {
    status.textContent = message;
  });
}

/** Shows an error above the content (role=alert), or hides it when `message` is empty. */
export function showError(message) {
  const box = byId('error');
  if (!box) return;
  box.textContent = message ?? '';
  box.hidden = !message;
}

function fieldIdOf(form, name) {
  const el = form.elements.namedItem(name);
  return el && 'id' in el ? el.id : null;
}

/** Removes the messages beside a form's fields. */
export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  for (const p of form.querySelectorAll('.field-error')) {
    p.textContent = '';
    p.hidden = true;
  }
}

/**
 * Puts validation messages (`{field: [messages]}`) beside their fields and focuses the first.
 * Returns the messages that have no field in this form.
 */
export function showFieldErrors(form, details) {
  const unplaced = [];
  let first = null;
  for (const [name, messages] of Object.entries(details ?? {})) {
    const id = fieldIdOf(form, name);
    const text = `${labelOf(form, id) ?? name} ${messages.join(', ')}`;
    const p = id ? byId(`${id}-error`) : null;
    if (!id || !p) {
      unplaced.push(text);
      continue;
    }
    const input = byId(id);
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

function labelOf(form, id) {
  if (!id) return null;
  const label = form.querySelector(`label[for="${id}"]`);
  return label ? label.firstChild?.textContent?.trim() : null;
}

/**
 * Reports an API error: field messages beside the fields when there is a form, the rest in
 * the alert region.
 */
export function reportError(error, form) {
  if (form && error?.details) {
    const unplaced = showFieldErrors(form, error.details);
    showError([describeError(error), ...unplaced].join(' '));
    return;
  }
  showError(describeError(error));
  byId('error')?.focus();
}

/** Asks before a deletion with the page's `<dialog>`. Resolves to true when confirmed. */
export function confirmAction(message, confirmLabel = 'Delete') {
  const dialog = byId('confirm-dialog');
  if (!dialog || typeof dialog.showModal !== 'function') {
    return Promise.resolve(window.confirm(message));
  }
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
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.type === 'submit' || el.type === 'button') continue;
    const text = el.type === 'password' ? el.value : el.value.trim();
    values[el.name] = text === '' ? null : text;
  }
  return values;
}

/** Disables a form's buttons while a request runs, so that a double click sends one request. */
export async function busy(form, work) {
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
export function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Checks `required` fields before sending; shows "is required" beside empty ones. */
export function checkRequired(form) {
  const details = {};
  for (const el of form.querySelectorAll('[required]')) {
    if (el.value.trim() === '') details[el.name] = ['is required'];
  }
  if (Object.keys(details).length === 0) return true;
  showFieldErrors(form, details);
  return false;
}
