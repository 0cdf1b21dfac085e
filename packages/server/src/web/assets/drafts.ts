// Unsaved form input survives a trip to the sign-in page: saved to sessionStorage before
// leaving, put back when the same page (path and query) loads again. Passwords are never kept.

const PREFIX = 'proofsheet:draft:';

function keyFor(form) {
  return `${PREFIX}${location.pathname}${location.search}#${form.dataset.draft}`;
}

function keptFields(form) {
  return [...form.elements].filter(
    (el) => el.name && el.type !== 'password' && el.type !== 'hidden' && !el.disabled,
  );
}

/** Saves every visible form marked `data-draft` that has something typed in it. */
export function saveDrafts() {
  for (const form of document.querySelectorAll('form[data-draft]')) {
    if (form.closest('[hidden]')) continue;
    const values = {};
    let typed = false;
    for (const el of keptFields(form)) {
      values[el.name] = el.value;
      if (el.value !== '' && el.tagName !== 'SELECT') typed = true;
    }
    if (typed) sessionStorage.setItem(keyFor(form), JSON.stringify(values));
  }
}

/**
 * Puts a saved draft back into its form and forgets it. Returns whether there was one, so
 * that the page can say so.
 */
export function restoreDraft(form) {
  const key = keyFor(form);
  const saved = sessionStorage.getItem(key);
  if (saved === null) return false;
  sessionStorage.removeItem(key);
  let values;
  try {
    values = JSON.parse(saved);
  } catch {
    return false;
  }
  for (const el of keptFields(form)) {
    if (typeof values[el.name] === 'string') el.value = values[el.name];
  }
  return true;
}

/** Whether a draft waits for this form (the page then opens the form to restore it). */
export function hasDraft(name) {
  return sessionStorage.getItem(`${PREFIX}${location.pathname}${location.search}#${name}`) !== null;
}
