// The named controls of a form, typed: what the pages read, fill and check. Buttons are not
// fields: they carry no value the API wants.

/** A control with a `name` and a string `value`. */
export type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function isField(el: unknown): el is Field {
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLTextAreaElement
  );
}

/** The form's fields that have a name, in document order. */
export function fieldsOf(form: HTMLFormElement): Field[] {
  return [...form.elements].filter(isField).filter((el) => el.name !== '');
}

/** The form's field called `name`, which the page's HTML always has. */
export function fieldNamed(form: HTMLFormElement, name: string): Field {
  const el = form.elements.namedItem(name);
  if (!isField(el)) throw new Error(`The form #${form.id} has no field named "${name}"`);
  return el;
}
