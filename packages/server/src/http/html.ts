/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A page in the house layout. `head` and `body` must already be escaped HTML. */
export function layout(options: {
  title: string;
  csrfToken: string;
  body: string;
  scripts?: string[];
  /** `data-*` attributes of `<body>`, e.g. `{ page: 'clients' }` → `data-page="clients"`. */
  data?: Record<string, string>;
}): string {
  const data = Object.entries(options.data ?? {})
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  const scripts = (options.scripts ?? [])
    .map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${escapeHtml(options.csrfToken)}">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
${scripts}
</head>
<body${data}>
${options.body}
</body>
</html>
`;
}

/**
 * The Referrer-Policy of pages. Helmet's default, `no-referrer`, makes Chrome send `Origin: null`
 * on the page's own form posts and same-origin `fetch` POSTs, which the cross-site check must
 * refuse. `same-origin` still sends no referrer to other sites.
 */
export const PAGE_REFERRER_POLICY = 'same-origin';
