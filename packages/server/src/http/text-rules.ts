/**
 * The one rule for text in requests, applied to every body, query and path parameter before
 * validation, whatever the store: no NUL characters (PostgreSQL cannot store them and C
 * libraries cut strings at them) and no lone UTF-16 surrogates (not Unicode: PostgreSQL would
 * silently replace them while SQLite echoes them back). Object keys are text too.
 */

// With the `u` flag a lone surrogate is one code point of category Cs; a proper pair is not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what it looks for.
const FORBIDDEN = /[\u0000\p{Cs}]/u;

/** What is wrong with `value` under the text rule, or null when it is fine. */
export function textProblem(value: string): string | null {
  if (!FORBIDDEN.test(value)) return null;
  return value.includes('\u0000')
    ? 'must not contain NUL (U+0000) characters'
    : 'must be well-formed Unicode text (it contains a lone surrogate)';
}

/**
 * Collects `{field: [problem]}` for every string in a parsed request part, naming fields by
 * dotted path as validation errors do (`address_info.city`, `tags.2`). `root` names the part
 * itself when it is a bare string (a JSON body of `"\u0000"`).
 */
export function textDetails(value: unknown, root: string): Record<string, string[]> {
  const details: Record<string, string[]> = Object.create(null);
  // Iterative, so a deep value cannot overflow the stack (the JSON parser bounds depth too).
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const field = item.path || root;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) details[field] = [problem];
    } else if (Array.isArray(item.value)) {
      item.value.forEach((v, i) => {
        stack.push({ value: v, path: item.path ? `${item.path}.${i}` : String(i) });
      });
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, v] of Object.entries(item.value)) {
        const path = item.path ? `${item.path}.${key}` : key;
        const problem = textProblem(key);
        if (problem) details[item.path || root] = [`has a field name that ${problem}`];
        else stack.push({ value: v, path });
      }
    }
  }
  return { ...details };
}
